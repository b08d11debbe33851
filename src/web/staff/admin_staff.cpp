// /staff/admin/staff: the people who serve citizens, as an admin lists, adds, changes and retires
// them: skills (the services they handle), team, room, deputies in order and a week plan with
// breaks. A change that would orphan booked appointments is confirmed first (issue #4 item 4).
#include "app/staff_import.hpp"
#include "app/administration_validation.hpp"
#include "web/staff/admin.hpp"
#include "web/url.hpp"

namespace amt::web::staff::admin {

namespace {

constexpr std::string_view staff_list_path = "/staff/admin/staff";

// One person under /staff/admin/person/, so no id can clash with /staff/admin/staff/new.
std::string person_path(const Id& id) { return "/staff/admin/person/" + percent_encode(id); }

std::string plan_key(int d) { return "plan_" + std::string(app::admin::weekday_key(d)); }

// "07:30-16:00 Pause 12:00-12:30", the form the CSV import reads too.
std::string day_text(const WorkDay& day) {
  std::string out = ranges_text(day.shifts);
  if (!day.breaks.empty()) out += " Pause " + ranges_text(day.breaks);
  return out;
}

std::string joined(const std::vector<Id>& ids) {
  std::string out;
  for (const Id& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

std::vector<Id> split_ids(const std::string& text) {
  std::vector<Id> out;
  std::string current;
  for (char ch : text + ",") {
    if (ch == ',' || ch == ' ' || ch == '\n' || ch == '\r') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += ch;
    }
  }
  return out;
}

http::Fields person_fields(const Staff& s) {
  http::Fields f = {{"id", s.id}, {"location", s.location_id}, {"name", s.name}, {"team", s.team},
                    {"room", s.room}, {"deputies", joined(s.deputies)}};
  for (const Id& skill : s.skills) f.emplace_back("skill", skill);
  for (int d = 0; d < 7; ++d) f.emplace_back(plan_key(d), day_text(s.plan[static_cast<std::size_t>(d)]));
  return f;
}

// What the admin entered; plan days that are not in the working-time form are field errors.
Staff person_from(const http::Fields& form, const Id& id, std::vector<app::FieldError>& errors) {
  Staff s;
  s.id = id;
  s.location_id = http::field(form, "location");
  s.name = http::field(form, "name");
  s.team = http::field(form, "team");
  s.room = http::field(form, "room");
  s.deputies = split_ids(http::field(form, "deputies"));
  for (const auto& [name, value] : form)
    if (name == "skill") s.skills.push_back(value);
  for (int d = 0; d < 7; ++d)
    if (!app::parse_work_day(http::field(form, plan_key(d)), s.plan[static_cast<std::size_t>(d)]))
      errors.push_back({"plan." + std::string(app::admin::weekday_key(d)), "invalid_time",
                        "Write working times like 07:30-16:00 Pause 12:00-12:30."});
  return s;
}

http::Response person_form(const StaffRequest& r, const app::CatalogSnapshot& snapshot, const http::Fields& values,
                         const Staff* existing, int status, Data data = Data{}) {
  for (const char* f : {"id", "name", "team", "room", "deputies"}) data.set(f, http::field(values, f));
  const Id location = existing ? existing->location_id : http::field(values, "location");
  List locations, skills, days, colleagues;
  for (const Location& l : snapshot.catalog.locations) {
    Data item;
    item.set("id", l.id);
    item.set("name", l.name);
    item.set("selected", l.id == location);
    locations.push_back(item);
  }
  for (const Service& s : snapshot.catalog.services) {
    if (!s.active || (existing && s.location_id != location)) continue;
    const Location* l = snapshot.catalog.location(s.location_id);
    Data item;
    item.set("id", s.id);
    item.set("name", s.name);
    item.set("location", l ? l->name : s.location_id);
    item.set("checked", has_value(values, "skill", s.id));
    skills.push_back(item);
  }
  for (int d = 0; d < 7; ++d) {
    Data item;
    item.set("key", plan_key(d));
    item.set("day", r.page.t(weekday_msgid(d)));
    item.set("value", http::field(values, plan_key(d)));
    const std::string error_key = plan_key(d) + "_error";
    if (data.get(error_key)) item.set("error", *data.get(error_key));
    days.push_back(item);
  }
  for (const Staff& s : snapshot.catalog.staff) {
    if (!s.active || (existing && (s.location_id != location || s.id == existing->id))) continue;
    Data item;
    item.set("id", s.id);
    item.set("name", s.name);
    colleagues.push_back(item);
  }
  data.set("locations", locations);
  data.set("skills", skills);
  data.set("days", days);
  data.set("colleagues", colleagues);
  data.set("editing", existing != nullptr);
  data.set("retired", existing != nullptr && !existing->active);
  data.set("action", existing ? person_path(existing->id) : std::string(staff_list_path));
  if (existing) data.set("retire_action", person_path(existing->id) + "/retire");
  const auto title = existing ? r.page.t("Change staff member") : r.page.t("Add a staff member");
  return r.page.render(status, "admin_person", title, std::move(data));
}

http::Response staff_list(app::CatalogHolder& catalogs, const StaffRequest& r) {
  const auto snapshot = catalogs.current();
  List people;
  for (const Staff& s : snapshot->catalog.staff) {
    const Location* l = snapshot->catalog.location(s.location_id);
    Data item;
    item.set("name", s.name);
    item.set("team", s.team);
    item.set("location", l ? l->name : s.location_id);
    item.set("skills", std::to_string(s.skills.size()));
    item.set("active", s.active);
    item.set("href", person_path(s.id));
    people.push_back(item);
  }
  Data data;
  data.set("people", people);
  data.set("has_people", !people.empty());
  return r.page.render(200, "admin_staff", r.page.t("Staff"), std::move(data));
}

http::Response new_person_form(app::CatalogHolder& catalogs, const StaffRequest& r) {
  const auto snapshot = catalogs.current();
  http::Fields defaults = person_fields(Staff{});
  if (!snapshot->catalog.locations.empty()) defaults.emplace_back("location", snapshot->catalog.locations.front().id);
  return person_form(r, *snapshot, defaults, nullptr, 200);
}

// Field errors from reading the form come before those of the use case, which never sees them.
http::Response refuse(const StaffRequest& r, const app::CatalogSnapshot& snapshot, const Staff* existing,
                      const std::vector<app::FieldError>& errors) {
  Data data;
  add_field_errors(r.page, data, errors);
  return person_form(r, snapshot, r.form, existing, 422, std::move(data));
}

http::Response add_person(StaffContext& c, const StaffRequest& r) {
  const auto snapshot = c.catalogs->current();
  std::vector<app::FieldError> errors;
  const Staff s = person_from(r.form, http::field(r.form, "id"), errors);
  if (!errors.empty()) return refuse(r, *snapshot, nullptr, errors);
  const auto result = c.administration->add_staff(actor(r), s);
  const auto form = [&](int status, Data e) { return person_form(r, *snapshot, r.form, nullptr, status, std::move(e)); };
  return answer(r, *c.catalogs, result, form, person_path(s.id) + "?saved=1");
}

http::Response person_page(app::CatalogHolder& catalogs, const StaffRequest& r) {
  const auto snapshot = catalogs.current();
  const Staff* s = snapshot->catalog.staff_member(std::string(r.http.param("id")));
  if (!s) return r.page.message(404, "Not found", "This record does not exist.");
  Data data;
  data.set("saved", r.http.query_param("saved").has_value());
  return person_form(r, *snapshot, person_fields(*s), s, 200, std::move(data));
}

http::Response change_person(StaffContext& c, const StaffRequest& r, bool retire) {
  const auto snapshot = c.catalogs->current();
  const Staff* existing = snapshot->catalog.staff_member(std::string(r.http.param("id")));
  if (!existing) return r.page.message(404, "Not found", "This record does not exist.");
  const bool reassign = http::field(r.form, "reassign") == "1";
  const std::string done = person_path(existing->id) + "?saved=1";
  const auto form = [&](int status, Data e) { return person_form(r, *snapshot, r.form, existing, status, std::move(e)); };
  if (retire) return answer(r, *c.catalogs, c.administration->retire_staff(actor(r), existing->id, reassign), form, done);
  std::vector<app::FieldError> errors;
  Staff s = person_from(r.form, existing->id, errors);
  if (!errors.empty()) return refuse(r, *snapshot, existing, errors);
  s.location_id = existing->location_id;  // a person stays at their location (the form shows it fixed)
  s.active = existing->active;
  return answer(r, *c.catalogs, c.administration->change_staff(actor(r), s, reassign), form, done);
}

}  // namespace

void add_staff_member_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  routes.get("/staff/admin/staff", Permission::administer, [&c](const StaffRequest& r) { return staff_list(*c.catalogs, r); });
  routes.get("/staff/admin/staff/new", Permission::administer, [&c](const StaffRequest& r) { return new_person_form(*c.catalogs, r); });
  routes.post("/staff/admin/staff", Permission::administer, [&c](const StaffRequest& r) { return add_person(c, r); });
  routes.get("/staff/admin/person/{id}", Permission::administer, [&c](const StaffRequest& r) { return person_page(*c.catalogs, r); });
  routes.post("/staff/admin/person/{id}", Permission::administer, [&c](const StaffRequest& r) { return change_person(c, r, false); });
  routes.post("/staff/admin/person/{id}/retire", Permission::administer,
              [&c](const StaffRequest& r) { return change_person(c, r, true); });
  routes.link({"/staff/admin/staff", "Staff", "Add, change and retire staff: skills, team, deputies and working plans.",
               Permission::administer});
}

}  // namespace amt::web::staff::admin
