// Shared pieces of the administration pages: actor, field errors, affected appointments, confirming.
#include <charconv>

#include "app/administration_messages.hpp"
#include "web/staff/admin.hpp"
#include "web/staff/console.hpp"
#include "web/staff/field_errors.hpp"

namespace amt::web::staff::admin {

namespace {

std::string dotless(std::string s) {
  for (char& c : s)
    if (c == '.' || c == '[' || c == ']') c = '_';
  return s;
}

// Re-posts everything the admin entered, so the confirmation applies exactly what was shown.
List hidden_fields(const http::Fields& form) {
  List list;
  for (const auto& [name, value] : form) {
    if (name == "csrf" || name == "reassign") continue;
    Data item;
    item.set("name", name);
    item.set("value", value);
    list.push_back(item);
  }
  return list;
}

}  // namespace

app::AdminActor actor(const StaffRequest& r) { return {r.staff.account.id, r.staff.account.login}; }

void add_field_errors(const StaffPage& page, Data& data, const std::vector<app::FieldError>& errors) {
  std::vector<ShownError> shown;
  for (const app::FieldError& e : errors) shown.push_back({dotless(e.field), app::admin::field_message(page.lang(), e)});
  show_field_errors(data, shown);
}

List affected_list(const StaffPage& page, const app::CatalogSnapshot& snapshot, const app::ChangeReport& report) {
  List list;
  for (const app::AffectedAppointment& a : report.affected) {
    const Appointment& ap = a.appointment;
    const console::When w = console::when(page, snapshot, ap.location_id, ap.start);
    const Service* service = snapshot.catalog.service(ap.service_id);
    const Staff* holder = snapshot.catalog.staff_member(a.new_staff);
    Data item;
    item.set("code", ap.code);
    item.set("date", w.date);
    item.set("time", w.time);
    item.set("service", service ? service->name : ap.service_id);
    item.set("reason", app::admin::reason_text(page.lang(), a.reason));
    item.set("kept", !a.new_staff.empty());
    item.set("holder", holder ? holder->name : a.new_staff);
    item.set("told", a.citizen_told);
    list.push_back(item);
  }
  return list;
}

http::Response confirm_page(const StaffRequest& r, const app::CatalogSnapshot& snapshot,
                            const app::ChangeReport& report, const std::string& back) {
  Data data;
  data.set("applied", report.applied);
  data.set("affected", affected_list(r.page, snapshot, report));
  data.set("count", std::to_string(report.affected.size()));
  data.set("kept", std::to_string(report.kept()));
  data.set("dropped", std::to_string(report.dropped()));
  data.set("action", std::string(r.http.path));
  data.set("hidden", hidden_fields(r.form));
  data.set("back", report.applied ? back : back.substr(0, back.find('?')));
  const auto title = report.applied ? r.page.t("Change saved") : r.page.t("Booked appointments are affected");
  return r.page.render(report.applied ? 200 : 409, "admin_confirm", title, std::move(data));
}

http::Response answer(const StaffRequest& r, app::CatalogHolder& catalogs, const app::Result<app::ChangeReport>& result,
                      const FormRenderer& form, const std::string& done) {
  if (!result) {
    const app::Error& e = result.error();
    const bool unknown = e.fields.size() == 1 && e.fields.front().field == "id" && e.fields.front().code == "unknown";
    if (unknown) return r.page.message(404, "Not found", "This record does not exist.");
    Data data;
    add_field_errors(r.page, data, e.fields);
    return form(422, std::move(data));
  }
  if (!result->affected.empty()) return confirm_page(r, *catalogs.current(), *result, done);
  return r.page.redirect(done);
}

int number_field(const http::Fields& fields, std::string_view name) {
  const std::string text = http::field(fields, name);
  int value = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return -1;
  return value;
}

std::vector<std::string> lines_field(const http::Fields& fields, std::string_view name) {
  std::vector<std::string> out;
  const std::string text = http::field(fields, name);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    while (!line.empty() && line.front() == ' ') line.erase(0, 1);
    if (!line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

bool has_value(const http::Fields& fields, std::string_view name, std::string_view value) {
  for (const auto& [n, v] : fields)
    if (n == name && v == value) return true;
  return false;
}

std::string ranges_text(const std::vector<TimeRange>& ranges) {
  std::string out;
  for (const TimeRange& r : ranges) out += (out.empty() ? "" : " ") + format_time(r.start) + "-" + format_time(r.end);
  return out;
}

const char* weekday_msgid(int d) {
  static constexpr const char* names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return names[d];
}

}  // namespace amt::web::staff::admin
