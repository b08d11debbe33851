// The absence form read into a request, and the plan review page: what happens to each
// appointment, a select per row for team leads, "check changes" and "apply" (hidden fields carry
// the absence exactly as planned, so "ill from now" means the same instant on every step).
#include <charconv>

#include "web/staff/absence_pages.hpp"
#include "web/staff/console.hpp"

namespace amt::web::staff::absence {
namespace {

std::optional<Instant> epoch_field(const http::Fields& form, std::string_view name) {
  const std::string text = http::field(form, name);
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return Instant{std::chrono::seconds{seconds}};
}

std::string epoch_text(Instant t) { return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count()); }

app::FieldError date_error(std::string field) { return {std::move(field), "invalid", "Please enter a date as YYYY-MM-DD."}; }

const char* outcome_msgid(replan::Outcome o) {
  switch (o) {
    case replan::Outcome::kept: return "stays with the same person";
    case replan::Outcome::moved: return "goes to a colleague";
    case replan::Outcome::cannot_keep: return "cannot be kept: the citizen is told";
  }
  return "";
}

// The colleagues a row may go to: active staff of the location with the skill, and "nobody".
List choices(const StaffPage& page, const Catalog& c, const app::AbsenceRow& row, const Id& selected) {
  List list;
  Data none;
  none.set("id", "");
  none.set("name", page.t("nobody: cancel and tell the citizen"));
  none.set("selected", selected.empty());
  list.push_back(none);
  for (const Staff& s : c.staff) {
    if (!s.active || s.location_id != row.appointment.location_id || !s.has_skill(row.appointment.service_id)) continue;
    Data item;
    item.set("id", s.id);
    item.set("name", s.name);
    item.set("selected", s.id == selected);
    list.push_back(item);
  }
  return list;
}

std::string error_for(const std::vector<app::FieldError>& errors, const StaffPage& page, const Id& appointment) {
  for (const app::FieldError& e : errors)
    if (e.field == "assign." + appointment) return page.t(e.message);
  return "";
}

}  // namespace

app::Result<app::AbsenceRequest> request_from(const StaffRequest& r, const Catalog& catalog, Instant now) {
  app::AbsenceRequest out{http::field(r.form, "staff"), {}, {}, http::field(r.form, "reason")};
  const auto from_at = epoch_field(r.form, "from_at");
  const auto to_at = epoch_field(r.form, "to_at");
  if (from_at && to_at) {
    out.from = *from_at;
    out.to = *to_at;
    return out;
  }
  const Staff* s = catalog.staff_member(out.staff_id);
  const Location* l = s ? catalog.location(s->location_id) : nullptr;
  if (l == nullptr) return app::invalid({{"staff", "required", "Please choose a person."}});
  const Zone z = zone(l->time_zone);
  const bool from_now = http::field(r.form, "kind") == "now";
  const std::string to_text = http::field(r.form, "to");
  const auto from_day = from_now ? std::optional<LocalDate>(local_date(z, now)) : parse_date(http::field(r.form, "from"));
  const auto to_day = to_text.empty() ? from_day : parse_date(to_text);
  std::vector<app::FieldError> errors;
  if (!from_day) errors.push_back(date_error("from"));
  if (!to_day) errors.push_back(date_error("to"));
  if (!errors.empty()) return app::invalid(std::move(errors));
  out.from = from_now ? now : resolve(z, at(*from_day, LocalTime{0})).earliest;
  out.to = resolve(z, at(*to_day + date::days{1}, LocalTime{0})).earliest;  // the last day is included
  return out;
}

http::Response plan_page(const StaffRequest& r, const app::CatalogSnapshot& snapshot, const app::AbsencePlan& plan,
                         int status, const std::map<Id, Id>& chosen, const std::vector<app::FieldError>& errors,
                         bool stale) {
  const Catalog& c = snapshot.catalog;
  const bool may_change = may(r.staff.account.roles, Permission::plan_staff);
  List rows;
  for (const app::AbsenceRow& row : plan.rows) {
    const Appointment& a = row.appointment;
    const console::When w = console::when(r.page, snapshot, a.location_id, a.start);
    const Service* service = c.service(a.service_id);
    const auto posted = chosen.find(a.id);
    const Id selected = posted != chosen.end() ? posted->second : row.to_staff;
    const Staff* to = c.staff_member(row.to_staff);
    const Staff* from = c.staff_member(a.staff_id);
    Data item;
    item.set("id", a.id);
    item.set("code", a.code);
    item.set("date", w.date);
    item.set("time", w.time);
    item.set("service", service ? service->name : a.service_id);
    item.set("from", from ? from->name : a.staff_id);
    item.set("to", to ? to->name : "");
    item.set("outcome", r.page.t(outcome_msgid(row.outcome)));
    item.set("cannot_keep", row.outcome == replan::Outcome::cannot_keep);
    item.set("choices", choices(r.page, c, row, selected));
    const std::string error = error_for(errors, r.page, a.id);
    item.set("error", error);
    item.set("has_error", !error.empty());
    rows.push_back(item);
  }
  Data data;
  data.set("rows", rows);
  data.set("has_rows", !rows.empty());
  data.set("may_change", may_change);
  data.set("stale", stale);
  data.set("has_errors", !errors.empty());
  data.set("name", c.staff_member(plan.request.staff_id) ? c.staff_member(plan.request.staff_id)->name : plan.request.staff_id);
  const Staff* absent = c.staff_member(plan.request.staff_id);
  const Id location = absent ? absent->location_id : "";
  const console::When from = console::when(r.page, snapshot, location, plan.request.from);
  const console::When to = console::when(r.page, snapshot, location, plan.request.to);
  data.set("from", from.date + " " + from.time);
  data.set("to", to.date + " " + to.time);
  data.set("staff", plan.request.staff_id);
  data.set("reason", plan.request.reason);
  data.set("from_at", epoch_text(plan.request.from));
  data.set("to_at", epoch_text(plan.request.to));
  data.set("fingerprint", plan.fingerprint);
  data.set("moved", std::to_string(plan.count(replan::Outcome::moved)));
  data.set("kept", std::to_string(plan.count(replan::Outcome::kept)));
  data.set("cannot_keep", std::to_string(plan.count(replan::Outcome::cannot_keep)));
  data.set("proven", plan.quality.proven_optimal);
  return r.page.render(status, "absence_plan", r.page.t("Plan for the absence"), std::move(data));
}

}  // namespace amt::web::staff::absence
