// /staff/admin/location/{id}: a location's settings as an admin keeps them: weekly opening hours,
// closure days, the Terminpflicht cut-off date and the responsibility ranges of customer numbers or
// surname letters (Zuständigkeit). Hours and closures that orphan bookings are confirmed first.
#include <sstream>

#include "app/administration_messages.hpp"
#include "app/administration_validation.hpp"
#include "app/staff_import.hpp"
#include "web/staff/admin.hpp"
#include "web/url.hpp"

namespace amt::web::staff::admin {

namespace {

std::string location_path(const Id& id) { return "/staff/admin/location/" + percent_encode(id); }
std::string hours_key(int d) { return "hours_" + std::string(app::admin::weekday_key(d)); }

std::string rules_text(const app::CatalogSnapshot& snapshot, const Id& location) {
  std::string out;
  for (const ResponsibilityRule& r : snapshot.catalog.responsibility_rules)
    if (r.location_id == location)
      out += r.staff_id + " " + (r.by_surname() ? r.surname_from + "-" + r.surname_to
                                                : r.customer_number_from + "-" + r.customer_number_to) + "\n";
  return out;
}

// The stored settings as the forms show them; a posted form's fields replace its part.
http::Fields location_fields(const app::CatalogSnapshot& snapshot, const Location& l) {
  http::Fields f = {{"terminpflicht_from", format_date(l.terminpflicht_from)}, {"rules", rules_text(snapshot, l.id)}};
  for (int d = 0; d < 7; ++d) f.emplace_back(hours_key(d), ranges_text(l.opening_hours[static_cast<std::size_t>(d)]));
  return f;
}

// Rule and hour errors come with indexes ("rules.2.to", "hours.mon"): shown at their form field,
// a rule error with the line it is on.
void add_location_errors(const StaffPage& page, Data& data, const std::vector<app::FieldError>& errors) {
  std::vector<app::FieldError> shown;
  std::string rules;
  for (const app::FieldError& e : errors) {
    if (!e.field.starts_with("rules.")) {
      shown.push_back(e);
      continue;
    }
    const std::string line = std::to_string(std::stoi(e.field.substr(6)) + 1);
    const std::string text =
        e.code == "rule_format"
            ? page.t("Write each rule as the staff id and a range, like staff-01 10000-19999 or staff-02 A-K.")
            : app::admin::field_message(page.lang(), e);
    rules += (rules.empty() ? "" : " ") + page.t("Line") + " " + line + ": " + text;
  }
  if (!rules.empty()) shown.push_back({"rules", "", rules});
  add_field_errors(page, data, shown);
  if (!rules.empty()) data.set("rules_error", rules);
}

http::Response settings_page(const StaffRequest& r, const app::CatalogSnapshot& snapshot, const Location& l,
                             const http::Fields& posted, int status, Data data = Data{}) {
  http::Fields values = location_fields(snapshot, l);
  for (auto& [name, value] : values)
    for (const auto& [pn, pv] : posted)
      if (pn == name) value = pv;
  data.set("name", l.name);
  data.set("path", location_path(l.id));
  data.set("terminpflicht_from", http::field(values, "terminpflicht_from"));
  data.set("rules", http::field(values, "rules"));
  data.set("day", http::field(posted, "day"));
  List days, closures;
  for (int d = 0; d < 7; ++d) {
    Data item;
    item.set("key", hours_key(d));
    item.set("day", r.page.t(weekday_msgid(d)));
    item.set("value", http::field(values, hours_key(d)));
    const std::string error_key = hours_key(d) + "_error";
    if (data.get(error_key)) item.set("error", *data.get(error_key));
    days.push_back(item);
  }
  for (LocalDate day : l.closures) {
    Data item;
    item.set("day", format_date(day));
    closures.push_back(item);
  }
  data.set("days", days);
  data.set("closures", closures);
  data.set("has_closures", !closures.empty());
  data.set("saved", r.http.query_param("saved").has_value());
  return r.page.render(status, "admin_location", l.name, std::move(data));
}

http::Response location_list(app::CatalogHolder& catalogs, const StaffRequest& r) {
  const auto snapshot = catalogs.current();
  List locations;
  for (const Location& l : snapshot->catalog.locations) {
    Data item;
    item.set("name", l.name);
    item.set("address", l.address);
    item.set("href", location_path(l.id));
    locations.push_back(item);
  }
  Data data;
  data.set("locations", locations);
  return r.page.render(200, "admin_locations", r.page.t("Locations"), std::move(data));
}

WeekHours hours_from(const http::Fields& form, std::vector<app::FieldError>& errors) {
  WeekHours hours;
  for (int d = 0; d < 7; ++d) {
    WorkDay day;
    if (!app::parse_work_day(http::field(form, hours_key(d)), day) || !day.breaks.empty())
      errors.push_back({"hours." + std::string(app::admin::weekday_key(d)), "invalid_time", "Write opening hours like 08:00-12:00 14:00-18:00."});
    hours[static_cast<std::size_t>(d)] = day.shifts;
  }
  return hours;
}

// A range without digits is one of surname letters ("A-K", "Sch-Sz"); customer numbers have digits.
ResponsibilityRule rule_from(const Id& location, const std::string& staff, const std::string& from,
                             const std::string& to) {
  const auto has_digit = [](const std::string& s) { return s.find_first_of("0123456789") != std::string::npos; };
  if (!from.empty() && !to.empty() && !has_digit(from) && !has_digit(to)) return {location, staff, "", "", from, to};
  return {location, staff, from, to, "", ""};
}

std::vector<ResponsibilityRule> rules_from(const Id& location, const http::Fields& form,
                                           std::vector<app::FieldError>& errors) {
  std::vector<ResponsibilityRule> rules;
  std::istringstream lines(http::field(form, "rules"));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string staff, range, extra;
    if (!(words >> staff)) continue;  // an empty line
    const auto dash = (words >> range) ? range.find('-') : std::string::npos;
    if (dash == std::string::npos || (words >> extra))
      errors.push_back({"rules." + std::to_string(rules.size()), "rule_format", "Write a rule as: staff id, range."});
    rules.push_back(rule_from(location, staff, range.substr(0, dash),
                              dash == std::string::npos ? "" : range.substr(dash + 1)));
  }
  return rules;
}

enum class Part { hours, closure_add, closure_remove, terminpflicht, rules };

app::Result<app::ChangeReport> apply_location_change(StaffContext& c, const StaffRequest& r, const Location& l, Part part,
                                     std::vector<app::FieldError>& errors) {
  const bool reassign = http::field(r.form, "reassign") == "1";
  if (part == Part::hours) {
    const WeekHours hours = hours_from(r.form, errors);
    if (errors.empty()) return c.administration->set_opening_hours(actor(r), l.id, hours, reassign);
  } else if (part == Part::rules) {
    const auto rules = rules_from(l.id, r.form, errors);
    if (errors.empty()) return c.administration->set_responsibility_rules(actor(r), l.id, rules);
  } else {
    const std::string field = part == Part::terminpflicht ? "terminpflicht_from" : "day";
    const auto day = parse_date(http::field(r.form, field));
    if (!day) errors.push_back({field, "invalid_date", "Enter a day like 2027-03-15."});
    else if (part == Part::terminpflicht) return c.administration->set_terminpflicht(actor(r), l.id, *day);
    else if (part == Part::closure_add) return c.administration->add_closure(actor(r), l.id, *day, reassign);
    else return c.administration->remove_closure(actor(r), l.id, *day);
  }
  return app::invalid(errors);
}

http::Response post_location(StaffContext& c, const StaffRequest& r, Part part) {
  const auto snapshot = c.catalogs->current();
  const Location* l = snapshot->catalog.location(std::string(r.http.param("id")));
  if (!l) return r.page.message(404, "Not found", "This record does not exist.");
  std::vector<app::FieldError> errors;
  const auto result = apply_location_change(c, r, *l, part, errors);
  if (!result && result.error().kind == app::ErrorKind::validation) {
    Data data;
    add_location_errors(r.page, data, result.error().fields);
    return settings_page(r, *snapshot, *l, r.form, 422, std::move(data));
  }
  const auto form = [&](int status, Data e) { return settings_page(r, *snapshot, *l, r.form, status, std::move(e)); };
  return answer(r, *c.catalogs, result, form, location_path(l->id) + "?saved=1");
}

}  // namespace

void add_location_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  routes.get("/staff/admin/locations", Permission::administer, [&c](const StaffRequest& r) { return location_list(*c.catalogs, r); });
  routes.get("/staff/admin/location/{id}", Permission::administer, [&c](const StaffRequest& r) {
    const auto snapshot = c.catalogs->current();
    const Location* l = snapshot->catalog.location(std::string(r.http.param("id")));
    if (!l) return r.page.message(404, "Not found", "This record does not exist.");
    return settings_page(r, *snapshot, *l, {}, 200);
  });
  const std::pair<const char*, Part> parts[] = {{"/hours", Part::hours},
                                                {"/closures", Part::closure_add},
                                                {"/closures/remove", Part::closure_remove},
                                                {"/terminpflicht", Part::terminpflicht},
                                                {"/rules", Part::rules}};
  for (const auto& [suffix, part] : parts)
    routes.post(std::string("/staff/admin/location/{id}") + suffix, Permission::administer,
                [&c, part](const StaffRequest& r) { return post_location(c, r, part); });
  routes.link({"/staff/admin/locations", "Locations",
               "Opening hours, closure days, the Terminpflicht date and who is responsible for which customer numbers.",
               Permission::administer});
}

}  // namespace amt::web::staff::admin
