// /staff/absences (issue #7 item 3): the absences a caseworker or team lead may see, the record
// form, planning (POST .../plan shows the plan, nothing written) and applying it (POST .../apply,
// then redirect). A stale plan is shown again, re-planned, with a note; refused people get 403.
#include "web/staff/absence_pages.hpp"

#include <charconv>

#include "web/staff/console.hpp"
#include "web/staff/field_errors.hpp"
#include "web/url.hpp"

namespace amt::web::staff::absence {
namespace {

constexpr std::string_view list_path = "/staff/absences";

std::string name_of(const Catalog& c, const Id& staff_id) {
  const Staff* s = c.staff_member(staff_id);
  return s ? s->name : staff_id;
}

int count_param(const StaffRequest& r, std::string_view name) {
  const std::string text(r.http.query_param(name).value_or(""));
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size() ? value : 0;
}

void add_errors(const StaffPage& page, Data& data, const std::vector<app::FieldError>& errors) {
  std::vector<ShownError> shown;
  for (const app::FieldError& e : errors) shown.push_back({e.field, page.t(e.message)});
  show_field_errors(data, shown);
}

http::Response list_page(app::Absences& absences, app::CatalogHolder& catalogs, const StaffRequest& r, int status,
                         const http::Fields& values, const std::vector<app::FieldError>& errors = {}) {
  const auto snapshot = catalogs.current();
  const app::AbsenceActor by = actor(r);
  List rows;
  for (const Absence& a : absences.upcoming(by)) {
    const Staff* s = snapshot->catalog.staff_member(a.staff_id);
    const Id location = s ? s->location_id : "";
    const console::When from = console::when(r.page, *snapshot, location, a.from);
    const console::When to = console::when(r.page, *snapshot, location, a.to);
    Data item;
    item.set("name", name_of(snapshot->catalog, a.staff_id));
    item.set("from", from.date + " " + from.time);
    item.set("to", to.date + " " + to.time);
    item.set("reason", a.reason);
    item.set("href", "/staff/absences/" + percent_encode(a.id));
    rows.push_back(item);
  }
  List people;
  const std::string chosen = http::field(values, "staff");
  for (const Staff& s : absences.recordable(by)) {
    Data item;
    item.set("id", s.id);
    item.set("name", s.name);
    item.set("selected", s.id == chosen || (chosen.empty() && s.id == by.staff_id));
    people.push_back(item);
  }
  Data data;
  data.set("absences", rows);
  data.set("has_absences", !rows.empty());
  data.set("can_change", may(by.roles, Permission::plan_staff));
  data.set("ended", r.http.query_param("ended").has_value());
  data.set("deleted", r.http.query_param("deleted").has_value());
  data.set("people", people);
  data.set("can_record", !people.empty());
  data.set("now", http::field(values, "kind") == "now");
  for (const char* f : {"from", "to", "reason"}) data.set(f, http::field(values, f));
  data.set("recorded", r.http.query_param("recorded").has_value());
  data.set("moved", std::to_string(count_param(r, "moved")));
  data.set("cancelled", std::to_string(count_param(r, "cancelled")));
  data.set("told", std::to_string(count_param(r, "told")));
  add_errors(r.page, data, errors);
  return r.page.render(status, "absences", r.page.t("Absences"), std::move(data));
}

http::Response refused(const StaffRequest& r) {
  return r.page.message(403, "Not allowed", "You may not record absences for this person.");
}

http::Response plan(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const auto request = request_from(r, snapshot->catalog, c.absences->now());
  if (!request) return list_page(*c.absences, *c.catalogs, r, 422, r.form, request.error().fields);
  const auto chosen = assignments_from(r.form);
  const auto result = c.absences->plan(actor(r), *request, chosen);
  if (result) return plan_page(r, *snapshot, *result, 200, chosen);
  if (result.error().kind == app::ErrorKind::not_found) return refused(r);
  if (chosen.empty() || result.error().fields.empty() || !result.error().fields[0].field.starts_with("assign."))
    return list_page(*c.absences, *c.catalogs, r, 422, r.form, result.error().fields);
  const auto fresh = c.absences->plan(actor(r), *request);
  if (!fresh) return list_page(*c.absences, *c.catalogs, r, 422, r.form, fresh.error().fields);
  return plan_page(r, *snapshot, *fresh, 422, chosen, result.error().fields);
}

http::Response apply(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  const auto request = request_from(r, snapshot->catalog, c.absences->now());
  if (!request) return list_page(*c.absences, *c.catalogs, r, 422, r.form, request.error().fields);
  const auto chosen = assignments_from(r.form);
  const auto done = c.absences->apply(actor(r), *request, chosen, http::field(r.form, "fingerprint"));
  if (done) {
    return r.page.redirect(std::string(list_path) + "?recorded=1&moved=" +
                           std::to_string(done->plan.count(replan::Outcome::moved)) + "&cancelled=" +
                           std::to_string(done->plan.count(replan::Outcome::cannot_keep)) +
                           "&told=" + std::to_string(done->citizens_told));
  }
  const app::Error& e = done.error();
  if (e.kind == app::ErrorKind::not_found) return refused(r);
  const auto fresh = c.absences->plan(actor(r), *request);
  if (!fresh) return list_page(*c.absences, *c.catalogs, r, 422, r.form, fresh.error().fields);
  if (e.kind == app::ErrorKind::not_changeable) return plan_page(r, *c.catalogs->current(), *fresh, 409, {}, {}, true);
  return plan_page(r, *snapshot, *fresh, 422, chosen, e.fields);
}

}  // namespace

app::AbsenceActor actor(const StaffRequest& r) {
  const StaffAccount& a = r.staff.account;
  return {a.id, a.login, a.roles, a.staff_id, a.location_id};
}

std::map<Id, Id> assignments_from(const http::Fields& form) {
  std::map<Id, Id> out;
  for (const auto& [name, value] : form)
    if (name.starts_with("assign.") && name.size() > 7) out[name.substr(7)] = value;
  return out;
}

}  // namespace amt::web::staff::absence

namespace amt::web::staff {

void add_absence_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  // serve_visitors: caseworkers (their own absence) and team leads (their team); the use case
  // decides whose absence an account may record.
  routes.get("/staff/absences", Permission::serve_visitors,
             [&c](const StaffRequest& r) { return absence::list_page(*c.absences, *c.catalogs, r, 200, {}); });
  routes.post("/staff/absences/plan", Permission::serve_visitors,
              [&c](const StaffRequest& r) { return absence::plan(c, r); });
  routes.post("/staff/absences/apply", Permission::serve_visitors,
              [&c](const StaffRequest& r) { return absence::apply(c, r); });
  absence::add_change_pages(routes);
  routes.link({"/staff/absences", "Absences", "Record an absence and hand its appointments to colleagues.",
               Permission::serve_visitors});
}

}  // namespace amt::web::staff
