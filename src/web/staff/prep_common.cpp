// Labels and template data shared by the pre-check pages and the day view.
#include "web/staff/prep.hpp"
#include "web/url.hpp"

namespace amt::web::staff::prep {

namespace {

std::string size_text(std::int64_t bytes) {
  if (bytes < 1024 * 1024) return std::to_string(std::max<std::int64_t>(1, bytes / 1024)) + " KB";
  return std::to_string(bytes / (1024 * 1024)) + " MB";
}

Data file_data(const store::StoredDocument& d, std::string_view code) {
  Data f;
  f.set("name", d.file_name);
  f.set("href", review_path(code, "file/" + d.id));
  f.set("type", d.media_type);
  f.set("image", d.media_type.starts_with("image/"));
  f.set("size", size_text(d.size_bytes));
  return f;
}

}  // namespace

std::string status_label(const StaffPage& page, DocumentStatus s) {
  switch (s) {
    case DocumentStatus::not_received: return page.t("Not received");
    case DocumentStatus::received: return page.t("Waiting for check");
    case DocumentStatus::accepted: return page.t("Accepted");
    case DocumentStatus::unreadable: return page.t("Unreadable");
    case DocumentStatus::wrong: return page.t("Wrong document");
    case DocumentStatus::missing: return page.t("Missing");
  }
  return "";
}

std::string reason_label(const StaffPage& page, std::string_view reason) {
  if (reason == "none") return page.t("No reason needed");
  if (reason == "illegible") return page.t("Too blurred, too dark or cut off");
  if (reason == "incomplete") return page.t("Pages or parts missing");
  if (reason == "expired") return page.t("No longer valid");
  if (reason == "wrong_person") return page.t("About another person");
  if (reason == "wrong_document") return page.t("Another document than asked for");
  if (reason == "not_uploaded") return page.t("Nothing received");
  return page.t("Other (see comment)");
}

std::string review_path(std::string_view code, std::string_view step) {
  std::string path = "/staff/documents/" + percent_encode(code);
  if (!step.empty()) path.append("/").append(step);
  return path;
}

Data states_data(const StaffPage& page, const app::DocumentStates& states, std::string_view code) {
  List required;
  for (std::size_t i = 0; i < states.required.size(); ++i) {
    const app::RequiredDocument& d = states.required[i];
    Data item;
    item.set("index", std::to_string(i));
    item.set("name", d.name);
    item.set("status", status_label(page, d.status));
    item.set("status_class", std::string(to_string(d.status)));
    item.set("outstanding", outstanding(d.status));
    if (d.review && d.status != DocumentStatus::received) {
      item.set("reason", d.review->reason == "none" ? std::string() : reason_label(page, d.review->reason));
      item.set("comment", d.review->comment);
      item.set("reviewer", d.review->account_login);
    }
    List files;
    for (const auto& f : d.files) files.push_back(file_data(f, code));
    item.set("files", Data{files});
    item.set("has_files", !files.empty());
    required.push_back(item);
  }
  List other;
  for (const auto& f : states.other) other.push_back(file_data(f, code));
  Data data;
  data.set("required", Data{required});
  data.set("has_required", !required.empty());
  data.set("other", Data{other});
  data.set("has_other", !other.empty());
  data.set("outstanding_count", std::to_string(states.outstanding()));
  data.set("waiting_count", std::to_string(states.waiting()));
  return data;
}

Data preparation_data(const std::optional<Preparation>& p, std::string_view code, std::string_view back) {
  Data data;
  data.set("prepared", p && p->prepared);
  data.set("prep_note", p ? p->note : std::string());
  data.set("prep_by", p ? p->account_login : std::string());
  data.set("prepare_action", review_path(code, "prepare"));
  data.set("back", std::string(back));
  data.set("code", std::string(code));
  return data;
}

}  // namespace amt::web::staff::prep
