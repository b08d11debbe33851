// Admin changes to a location: responsibility rules, opening hours, closures, Terminpflicht date.
#include <algorithm>

#include "app/administration.hpp"
#include "app/administration_validation.hpp"
#include "core/time.hpp"

namespace amt::app {
namespace {

using Errors = std::vector<FieldError>;

Location* location_in(Catalog& c, const Id& id) {
  auto it = std::find_if(c.locations.begin(), c.locations.end(), [&](const Location& l) { return l.id == id; });
  return it == c.locations.end() ? nullptr : &*it;
}

Errors unknown_location() { return {FieldError{"location", "unknown", "No such location."}}; }

std::string hours_text(const WeekHours& hours) {
  std::string out;
  for (int d = 0; d < 7; ++d) {
    out += std::string(d ? " " : "") + std::string(admin::weekday_key(d)) + "=";
    for (const TimeRange& r : hours[static_cast<std::size_t>(d)]) out += format_time(r.start) + "-" + format_time(r.end) + ",";
  }
  return out;
}

}  // namespace

Result<ChangeReport> Administration::set_responsibility_rules(const AdminActor& by, const Id& location_id,
                                                              const std::vector<ResponsibilityRule>& rules) {
  std::vector<ResponsibilityRule> given = rules;
  for (ResponsibilityRule& r : given) r.location_id = location_id;
  return change(by, {"catalog.rules.set", "location", location_id, std::to_string(given.size()) + " rules",
                     [location_id, given](Catalog& c) {
                       if (location_in(c, location_id) == nullptr) return unknown_location();
                       std::erase_if(c.responsibility_rules, [&](const auto& r) { return r.location_id == location_id; });
                       c.responsibility_rules.insert(c.responsibility_rules.end(), given.begin(), given.end());
                       return admin::check_rules(c, location_id, given);
                     }},
                false);
}

Result<ChangeReport> Administration::set_opening_hours(const AdminActor& by, const Id& location_id,
                                                       const WeekHours& hours, bool reassign) {
  WeekHours sorted = hours;
  for (auto& day : sorted) std::sort(day.begin(), day.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  return change(by, {"catalog.hours.set", "location", location_id, hours_text(sorted), [location_id, sorted](Catalog& c) {
                       Location* l = location_in(c, location_id);
                       if (l == nullptr) return unknown_location();
                       l->opening_hours = sorted;
                       return admin::check_hours(sorted);
                     }},
                reassign);
}

Result<ChangeReport> Administration::add_closure(const AdminActor& by, const Id& location_id, LocalDate day,
                                                 bool reassign) {
  return change(by, {"catalog.closure.add", "location", location_id, format_date(day), [location_id, day](Catalog& c) {
                       Location* l = location_in(c, location_id);
                       if (l == nullptr) return unknown_location();
                       if (std::find(l->closures.begin(), l->closures.end(), day) == l->closures.end()) {
                         l->closures.push_back(day);
                         std::sort(l->closures.begin(), l->closures.end());
                       }
                       return Errors{};
                     }},
                reassign);
}

Result<ChangeReport> Administration::remove_closure(const AdminActor& by, const Id& location_id, LocalDate day) {
  return change(by, {"catalog.closure.remove", "location", location_id, format_date(day), [location_id, day](Catalog& c) {
                       Location* l = location_in(c, location_id);
                       if (l == nullptr) return unknown_location();
                       std::erase(l->closures, day);
                       return Errors{};
                     }},
                false);
}

Result<ChangeReport> Administration::set_terminpflicht(const AdminActor& by, const Id& location_id, LocalDate from) {
  return change(by, {"catalog.terminpflicht.set", "location", location_id, format_date(from), [location_id, from](Catalog& c) {
                       Location* l = location_in(c, location_id);
                       if (l == nullptr) return unknown_location();
                       l->terminpflicht_from = from;
                       return Errors{};
                     }},
                false);
}

}  // namespace amt::app
