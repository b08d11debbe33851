// Work list, opening an appointment and its files, and the verdicts. Reads go to the store's readers;
// a verdict, its audit entries and the message to the citizen are one write transaction.
#include "app/document_review.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "app/contact.hpp"
#include "app/document_review_mail.hpp"
#include "app/secrets.hpp"
#include "core/text.hpp"

namespace amt::app {

std::string team_of(const Catalog& catalog, const Appointment& a) {
  const Staff* s = catalog.staff_member(a.staff_id);
  return s ? s->team : std::string();
}

std::optional<Id> location_for(const StaffAccount& account, const Catalog& catalog, const Id& requested) {
  Id id = requested.empty() ? account.location_id : requested;
  if (id.empty() && !catalog.locations.empty()) id = catalog.locations.front().id;
  if (!catalog.location(id) || !may_see_personal_data(account.roles, account.location_id, id)) return std::nullopt;
  return id;
}

Result<WorkList> DocumentReviews::work_list(const StaffAccount& account, const WorkListFilter& filter) const {
  const auto snapshot = catalogs_.current();
  const Catalog& catalog = snapshot->catalog;
  const auto location = location_for(account, catalog, filter.location);
  if (!location) return fail(ErrorKind::not_found, "No such location that you may see.");
  WorkList list;
  list.location = *location;
  const Staff* me = catalog.staff_member(account.staff_id);
  list.team = filter.team == "*" ? "" : !filter.team.empty() ? filter.team : me ? me->team : "";
  std::set<std::string> teams;
  for (const Staff& s : catalog.staff)
    if (s.location_id == *location && !s.team.empty()) teams.insert(s.team);
  list.teams.assign(teams.begin(), teams.end());
  const Instant now = clock_.now();
  for (Appointment& a : store_.appointments(*location, now, now + std::chrono::days(settings_.work_list_days))) {
    if (a.start < now || (a.status != AppointmentStatus::booked && a.status != AppointmentStatus::checked_in)) continue;
    if (!list.team.empty() && team_of(catalog, a) != list.team) continue;
    AppointmentDocuments item = documents_of(std::move(a));
    const bool has_files = !item.states.other.empty() ||
                           std::any_of(item.states.required.begin(), item.states.required.end(),
                                       [](const auto& d) { return !d.files.empty(); });
    if (has_files || item.states.outstanding() > 0) list.items.push_back(std::move(item));
  }
  std::stable_sort(list.items.begin(), list.items.end(),
                   [](const auto& x, const auto& y) { return x.appointment.start < y.appointment.start; });
  return list;
}

std::optional<Appointment> DocumentReviews::visible(const StaffAccount& account, std::string_view code) const {
  const std::string c = ascii_upper(trim(code));
  if (!is_booking_code(c)) return std::nullopt;
  auto a = store_.appointment_by_code(c);
  if (!a || !may_see_personal_data(account.roles, account.location_id, a->location_id)) return std::nullopt;
  return a;
}

AppointmentDocuments DocumentReviews::documents_of(Appointment a) const {
  AppointmentDocuments out;
  out.snapshot = catalogs_.current();
  out.service = out.snapshot->catalog.service(a.service_id);
  out.states = document_states(store_, out.service, a.id);
  out.appointment = std::move(a);
  return out;
}

Result<AppointmentDocuments> DocumentReviews::open(const StaffAccount& account, std::string_view code) {
  auto a = visible(account, code);
  if (!a) return fail(ErrorKind::not_found, "No booking with this code that you may see.");
  audit(account, "appointment.read", "appointment", a->id, "document review");
  return documents_of(std::move(*a));
}

Result<DocumentFile> DocumentReviews::file(const StaffAccount& account, std::string_view code,
                                           std::string_view document_id) {
  const auto a = visible(account, code);
  if (!a) return fail(ErrorKind::not_found, "No booking with this code that you may see.");
  const auto documents = store_.documents(a->id);
  const auto d = std::find_if(documents.begin(), documents.end(), [&](const auto& x) { return x.id == document_id; });
  // The hash names the file: only 64 hex digits, so no path can be smuggled in.
  if (d == documents.end() || d->sha256.size() != 64 ||
      d->sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
    return fail(ErrorKind::not_found, "No such document.");
  std::ifstream in(settings_.upload_dir / d->sha256, std::ios::binary);
  if (!in) return fail(ErrorKind::not_found, "The file is no longer stored.");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  audit(account, "document.read", "document", d->id, "code " + a->code + ", " + d->file_name);
  return DocumentFile{*d, std::move(bytes).str()};
}

void DocumentReviews::audit(const StaffAccount& account, std::string action, std::string type, std::string id,
                            std::string detail) {
  const Instant now = clock_.now();
  store_.write([&](store::WriteTx& tx) {
    tx.append_audit({0, now, account.id, account.login, action, type, id, detail});
  });
}

std::string DocumentReviews::manage_link(const Appointment& a) const {
  std::string base = bookings_.public_url();
  while (base.ends_with('/')) base.pop_back();
  // The token is base64url behind a letter and the code uses letters and digits: no escaping needed.
  return base + "/manage?code=" + a.code + "&token=" + bookings_.link_token(a);
}

}  // namespace amt::app
