// Combines uploads and verdicts into one state per required document.
#include "app/document_states.hpp"

#include <algorithm>

namespace amt::app {

std::string_view status_msgid(DocumentStatus s) {
  switch (s) {
    case DocumentStatus::not_received: return "not received yet";
    case DocumentStatus::unreadable: return "cannot be read";
    case DocumentStatus::wrong: return "not the right document";
    case DocumentStatus::missing: return "missing";
    case DocumentStatus::received: return "received, being checked";
    case DocumentStatus::accepted: return "accepted";
  }
  return "";
}

std::string_view reason_msgid(std::string_view reason) {
  if (reason == "illegible") return "too blurred, too dark or cut off";
  if (reason == "incomplete") return "pages or parts are missing";
  if (reason == "expired") return "no longer valid";
  if (reason == "wrong_person") return "about another person";
  if (reason == "wrong_document") return "another document than the one asked for";
  if (reason == "not_uploaded") return "nothing was received for it";
  return "";
}

int DocumentStates::outstanding() const {
  return static_cast<int>(
      std::count_if(required.begin(), required.end(), [](const auto& d) { return amt::outstanding(d.status); }));
}

int DocumentStates::waiting() const {
  return static_cast<int>(std::count_if(required.begin(), required.end(),
                                        [](const auto& d) { return d.status == DocumentStatus::received; }));
}

DocumentStates document_states(const Service* service, const std::vector<store::StoredDocument>& uploads,
                               const std::vector<DocumentReview>& reviews) {
  DocumentStates out;
  std::vector<UploadFact> facts;
  for (const auto& u : uploads) facts.push_back({u.document, u.uploaded_at});
  const std::vector<std::string> none;
  const auto& names = service ? service->documents : none;
  for (const std::string& name : names) {
    RequiredDocument d{name, document_status(name, facts, reviews), std::nullopt, {}};
    for (const auto& r : reviews)
      if (r.document == name) d.review = r;
    for (const auto& u : uploads)
      if (u.document == name) d.files.push_back(u);
    out.required.push_back(std::move(d));
  }
  for (const auto& u : uploads)
    if (std::find(names.begin(), names.end(), u.document) == names.end()) out.other.push_back(u);
  return out;
}

DocumentStates document_states(store::Store& store, const Service* service, const Id& appointment_id) {
  return document_states(service, store.documents(appointment_id), store.document_reviews(appointment_id));
}

}  // namespace amt::app
