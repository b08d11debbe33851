// Field checks for services, staff, plans, hours and rules (customer number or surname letter
// ranges). Limits are generous but finite, so no entry can make a page or a plan unreasonably large.
#include "app/administration_validation.hpp"

#include <algorithm>
#include <set>

#include "core/responsibility.hpp"
#include "core/surname.hpp"

namespace amt::app::admin {
namespace {

void add(std::vector<FieldError>& out, std::string field, std::string code, std::string message) {
  out.push_back({std::move(field), std::move(code), std::move(message)});
}

void text(std::vector<FieldError>& out, const std::string& field, const std::string& value, std::size_t max,
          bool required) {
  if (required && value.find_first_not_of(" \t") == std::string::npos)
    return add(out, field, "required", "This field is required.");
  if (value.size() > max) return add(out, field, "too_long", "At most " + std::to_string(max) + " characters.");
  if (std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    add(out, field, "invalid", "Control characters are not allowed.");
}

void number(std::vector<FieldError>& out, const std::string& field, int value, int min, int max) {
  if (value < min || value > max)
    add(out, field, "out_of_range", "Enter a number from " + std::to_string(min) + " to " + std::to_string(max) + ".");
}

void id_field(std::vector<FieldError>& out, const Id& id) {
  if (!is_slug(id)) add(out, "id", "invalid_id", "Use 1 to 64 lower-case letters, digits and hyphens.");
}

// Ranges of one day: each start before its end, none overlapping another.
void day_ranges(std::vector<FieldError>& out, const std::string& field, std::vector<TimeRange> ranges) {
  std::sort(ranges.begin(), ranges.end(), [](const TimeRange& a, const TimeRange& b) { return a.start < b.start; });
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const TimeRange& r = ranges[i];
    if (r.start.minutes < 0 || r.end.minutes > 1440 || r.start >= r.end)
      return add(out, field, "invalid_range", "Each time range must end after it starts, within the day.");
    if (i > 0 && ranges[i - 1].end > r.start)
      return add(out, field, "overlap", "Time ranges of one day must not overlap.");
  }
}

bool within_a_shift(const WorkDay& day, const TimeRange& b) {
  return std::any_of(day.shifts.begin(), day.shifts.end(),
                     [&](const TimeRange& s) { return s.start <= b.start && b.end <= s.end; });
}

// A customer number range: valid bounds of equal length, not reversed, overlapping no earlier one.
void check_number_rule(std::vector<FieldError>& out, const std::string& field,
                       const std::vector<ResponsibilityRule>& rules, std::size_t i) {
  const ResponsibilityRule& r = rules[i];
  const bool from_ok = is_valid_customer_number(r.customer_number_from);
  const bool to_ok = is_valid_customer_number(r.customer_number_to);
  if (!from_ok) add(out, field + ".from", "invalid_customer_number", "A customer number has 3 to 20 letters and digits.");
  if (!to_ok) add(out, field + ".to", "invalid_customer_number", "A customer number has 3 to 20 letters and digits.");
  if (from_ok && to_ok && (r.customer_number_from.size() != r.customer_number_to.size() ||
                           r.customer_number_from > r.customer_number_to))
    add(out, field + ".to", "invalid_range", "The range must end at a number of the same length, not below its start.");
  // The first rule covering a number wins: an overlapping later one would silently never apply.
  for (std::size_t k = 0; k < i; ++k)
    if (!rules[k].by_surname() && rules[k].customer_number_from.size() == r.customer_number_from.size() &&
        rules[k].customer_number_from <= r.customer_number_to && r.customer_number_from <= rules[k].customer_number_to) {
      add(out, field + ".from", "overlap", "This range overlaps rule " + std::to_string(k + 1) + ".");
      break;
    }
}

// A surname letter range ("A-K", "Sch-Sz"): letters only, start not after end, and no surname
// covered by an earlier letter rule too (the first would always win).
void check_letter_rule(std::vector<FieldError>& out, const std::string& field,
                       const std::vector<ResponsibilityRule>& rules, std::size_t i) {
  const auto from = surname_bound(rules[i].surname_from);
  const auto to = surname_bound(rules[i].surname_to);
  if (!from) add(out, field + ".from", "invalid_letters", "A letter range uses 1 to 10 letters per end, like A-K.");
  if (!to) add(out, field + ".to", "invalid_letters", "A letter range uses 1 to 10 letters per end, like A-K.");
  if (!from || !to) return;
  if (!surname_in_range(*from, *from, *to))
    return add(out, field + ".to", "invalid_letter_range", "The letter range must not end before it starts.");
  for (std::size_t k = 0; k < i; ++k) {
    if (!rules[k].by_surname()) continue;
    const auto other_from = surname_bound(rules[k].surname_from);
    const auto other_to = surname_bound(rules[k].surname_to);
    if (other_from && other_to && surname_ranges_overlap(*from, *to, *other_from, *other_to))
      return add(out, field + ".from", "overlap", "This range overlaps rule " + std::to_string(k + 1) + ".");
  }
}

}  // namespace

bool is_slug(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string_view weekday_key(int weekday) {
  static constexpr std::array<std::string_view, 7> keys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return keys.at(static_cast<std::size_t>(weekday));
}

std::vector<FieldError> check_service(const Catalog& catalog, const Service& s) {
  std::vector<FieldError> out;
  id_field(out, s.id);
  if (catalog.location(s.location_id) == nullptr) add(out, "location", "unknown", "Choose an existing location.");
  text(out, "name", s.name, 120, true);
  text(out, "group", s.group, 80, false);
  text(out, "description", s.description, 500, false);
  number(out, "duration_minutes", s.duration_minutes, 5, 480);
  number(out, "lead_time_minutes", s.lead_time_minutes, 0, 60 * 24 * 30);
  number(out, "horizon_days", s.horizon_days, 1, 730);
  if ((s.channels & all_channels) == 0 || (s.channels & ~all_channels) != 0)
    add(out, "channels", "required", "Choose at least one channel.");
  if (s.documents.size() > 20) add(out, "documents", "too_long", "At most 20 documents.");
  for (const std::string& d : s.documents) text(out, "documents", d, 200, true);
  return out;
}

std::vector<FieldError> check_plan(const std::array<WorkDay, 7>& plan, std::string_view field) {
  std::vector<FieldError> out;
  for (int d = 0; d < 7; ++d) {
    const std::string name = std::string(field) + "." + std::string(weekday_key(d));
    const WorkDay& day = plan[static_cast<std::size_t>(d)];
    const std::size_t before = out.size();
    day_ranges(out, name, day.shifts);
    day_ranges(out, name, day.breaks);
    if (out.size() != before) continue;
    for (const TimeRange& b : day.breaks)
      if (!within_a_shift(day, b)) {
        add(out, name, "break_outside_shift", "A break must lie within a working time of the same day.");
        break;
      }
  }
  return out;
}

std::vector<FieldError> check_hours(const WeekHours& hours, std::string_view field) {
  std::vector<FieldError> out;
  for (int d = 0; d < 7; ++d)
    day_ranges(out, std::string(field) + "." + std::string(weekday_key(d)), hours[static_cast<std::size_t>(d)]);
  return out;
}

std::vector<FieldError> check_staff(const Catalog& catalog, const Staff& s) {
  std::vector<FieldError> out;
  id_field(out, s.id);
  if (catalog.location(s.location_id) == nullptr) add(out, "location", "unknown", "Choose an existing location.");
  text(out, "name", s.name, 120, true);
  text(out, "team", s.team, 80, false);
  text(out, "room", s.room, 40, false);
  for (const Id& skill : s.skills) {
    const Service* service = catalog.service(skill);
    if (service == nullptr || service->location_id != s.location_id) {
      add(out, "skills", "unknown_service", "Skill '" + skill + "' is not a service of this location.");
      break;
    }
  }
  std::set<Id> seen;
  for (const Id& d : s.deputies) {
    const Staff* deputy = catalog.staff_member(d);
    if (d == s.id) add(out, "deputies", "self_deputy", "Nobody can be their own deputy.");
    else if (deputy == nullptr || deputy->location_id != s.location_id || !deputy->active)
      add(out, "deputies", "unknown_staff", "Deputy '" + d + "' is not active staff of this location.");
    else if (!seen.insert(d).second) add(out, "deputies", "duplicate", "Deputy '" + d + "' is named twice.");
    if (out.size() > 0 && out.back().field == "deputies") break;
  }
  auto plan = check_plan(s.plan);
  out.insert(out.end(), plan.begin(), plan.end());
  return out;
}

std::vector<FieldError> check_rules(const Catalog& catalog, const Id& location_id,
                                    const std::vector<ResponsibilityRule>& rules) {
  std::vector<FieldError> out;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const ResponsibilityRule& r = rules[i];
    const std::string field = "rules." + std::to_string(i);
    const Staff* s = catalog.staff_member(r.staff_id);
    if (s == nullptr || s->location_id != location_id || !s->active)
      add(out, field + ".staff", "unknown_staff", "Choose active staff of this location.");
    if (r.by_surname()) check_letter_rule(out, field, rules, i);
    else check_number_rule(out, field, rules, i);
  }
  return out;
}

}  // namespace amt::app::admin
