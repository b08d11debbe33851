// Orphan detection checks each day as re-planning sees it (replan::validate with everybody staying
// put), plus what re-planning does not look at: retired services and office hours.
#include "app/administration_orphans.hpp"

#include <algorithm>
#include <set>

#include "core/calendar.hpp"
#include "core/replanning.hpp"

namespace amt::app::admin {
namespace {

using DayKey = std::pair<Id, LocalDate>;  // location, local date

std::optional<DayKey> day_of(const Catalog& catalog, const Appointment& a) {
  const Location* l = catalog.location(a.location_id);
  if (l == nullptr) return std::nullopt;
  return DayKey{l->id, local_date(zone(l->time_zone), a.start)};
}

bool inside_opening_hours(const Location& l, const Appointment& a) {
  const Zone z = zone(l.time_zone);
  const LocalDate day = local_date(z, a.start);
  const int from = static_cast<int>(std::chrono::duration_cast<Minutes>(to_local(z, a.start) - LocalDateTime{day}).count());
  const int to = static_cast<int>(std::chrono::duration_cast<Minutes>(to_local(z, a.end) - LocalDateTime{day}).count());
  const auto& ranges = l.opening_hours[static_cast<std::size_t>(weekday_index(day))];
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const TimeRange& r) { return r.start.minutes <= from && to <= r.end.minutes; });
}

// The reasons that are about the office or the service, not about who holds it.
std::optional<std::string> office_problem(const Catalog& catalog, const Appointment& a) {
  const Service* s = catalog.service(a.service_id);
  if (s == nullptr || !s->active || s->location_id != a.location_id) return "service_retired";
  const Location* l = catalog.location(a.location_id);
  if (l == nullptr || is_closed(*l, local_date(zone(l->time_zone), a.start))) return "location_closed";
  if (!inside_opening_hours(*l, a)) return "outside_opening_hours";
  return std::nullopt;
}

bool is_office_reason(const std::string& reason) {
  return reason == "service_retired" || reason == "location_closed" || reason == "outside_opening_hours";
}

std::map<DayKey, std::vector<Appointment>> by_day(const Catalog& catalog, const std::vector<Appointment>& list,
                                                  const std::map<Id, std::string>& leave_out = {}) {
  std::map<DayKey, std::vector<Appointment>> days;
  for (const Appointment& a : list) {
    const auto key = day_of(catalog, a);
    if (key && !leave_out.contains(a.id)) days[*key].push_back(a);
  }
  return days;
}

// Everybody keeps what they hold: what is wrong with that plan is what the catalog orphans.
void staff_problems(const Catalog& catalog, const DayKey& day, const std::vector<Appointment>& mates,
                    const std::set<Id>& wanted, std::map<Id, std::string>& out) {
  replan::DayInput input{day.first, day.second, mates, {}};
  replan::Plan identity{day.first, day.second, {}};
  for (const Appointment& a : mates) identity.entries.push_back({a.id, a.staff_id, a.staff_id, false});
  for (const replan::PlanViolation& v : replan::validate(catalog, input, identity))
    if (wanted.contains(v.appointment_id) && !out.contains(v.appointment_id))
      out.emplace(v.appointment_id, replan::to_string(v.violation));
}

}  // namespace

std::map<Id, std::string> problems(const Catalog& catalog, const std::vector<Appointment>& day_mates,
                                   const std::vector<Appointment>& candidates) {
  std::map<Id, std::string> out;
  std::set<Id> wanted;
  for (const Appointment& a : candidates) {
    if (auto why = office_problem(catalog, a)) out.emplace(a.id, *why);
    else wanted.insert(a.id);
  }
  std::set<DayKey> days;
  for (const Appointment& a : candidates)
    if (auto key = day_of(catalog, a); key && wanted.contains(a.id)) days.insert(*key);
  for (const auto& [key, mates] : by_day(catalog, day_mates, out))
    if (days.contains(key)) staff_problems(catalog, key, mates, wanted, out);
  return out;
}

std::vector<Orphan> orphans(const Catalog& before, const Catalog& after, const std::vector<Appointment>& day_mates,
                            const std::vector<Appointment>& candidates) {
  const auto old_problems = problems(before, day_mates, candidates);
  const auto new_problems = problems(after, day_mates, candidates);
  std::vector<Orphan> out;
  for (const Appointment& a : candidates) {
    const auto it = new_problems.find(a.id);
    if (it != new_problems.end() && !old_problems.contains(a.id)) out.push_back({a, it->second});
  }
  std::sort(out.begin(), out.end(), [](const Orphan& x, const Orphan& y) {
    return x.appointment.start != y.appointment.start ? x.appointment.start < y.appointment.start
                                                      : x.appointment.id < y.appointment.id;
  });
  return out;
}

std::vector<Move> reassign(const Catalog& after, const std::vector<Appointment>& day_mates,
                           const std::vector<Orphan>& orphans) {
  std::map<Id, std::string> office;  // cannot be kept whoever holds them; they free their time
  std::set<DayKey> days;
  for (const Orphan& o : orphans) {
    if (is_office_reason(o.reason)) office.emplace(o.appointment.id, o.reason);
    else if (auto key = day_of(after, o.appointment)) days.insert(*key);
  }
  std::vector<Move> moves;
  for (const auto& [id, reason] : office) moves.push_back({id, ""});
  std::set<Id> orphan_ids;
  for (const Orphan& o : orphans) orphan_ids.insert(o.appointment.id);
  for (const auto& [key, mates] : by_day(after, day_mates, office)) {
    if (!days.contains(key)) continue;
    const replan::Replanning r = replan::plan_absences(after, {key.first, key.second, mates, {}});
    for (const replan::PlanEntry& e : r.plan.entries) {
      const bool orphan = orphan_ids.contains(e.appointment_id);
      if (e.to_staff.empty() && orphan) moves.push_back({e.appointment_id, ""});
      if (!e.to_staff.empty() && e.to_staff != e.from_staff) moves.push_back({e.appointment_id, e.to_staff});
    }
  }
  return moves;
}

}  // namespace amt::app::admin
