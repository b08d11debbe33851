// The state of each required document of one appointment, as both the staff pages and the
// citizen's manage page show it: uploads and the latest verdict combined (core/document_review).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace amt::app {

struct RequiredDocument {
  std::string name;  // as the service lists it (German; translated for display)
  DocumentStatus status = DocumentStatus::not_received;
  std::optional<DocumentReview> review;       // the latest verdict, if any
  std::vector<store::StoredDocument> files;   // uploads meant for it, oldest first
};

struct DocumentStates {
  std::vector<RequiredDocument> required;    // in the service's order
  std::vector<store::StoredDocument> other;  // uploads not meant for a required document
  int outstanding() const;                   // required documents the citizen still owes
  int waiting() const;                       // required documents with a file no one has checked
};

// The citizen-facing words (English msgids of web/locale/*.po) for a status and a reason code;
// "" for the reasons "none" and "other" (the caseworker's comment says it).
std::string_view status_msgid(DocumentStatus s);
std::string_view reason_msgid(std::string_view reason);

// service may be null (retired): then every upload counts as "other".
DocumentStates document_states(const Service* service, const std::vector<store::StoredDocument>& uploads,
                               const std::vector<DocumentReview>& reviews);
// Reads uploads and verdicts of the appointment from the store.
DocumentStates document_states(store::Store& store, const Service* service, const Id& appointment_id);

}  // namespace amt::app
