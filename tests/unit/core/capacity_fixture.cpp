// The independent plan checker of the capacity tests, in plain wall-clock arithmetic.
#include "unit/core/capacity_fixture.hpp"

namespace amt::testing {

namespace {

bool inside(const std::vector<TimeRange>& ranges, int from, int to) {
  for (const TimeRange& r : ranges)
    if (r.start.minutes <= from && to <= r.end.minutes) return true;
  return false;
}

bool touches(const std::vector<TimeRange>& ranges, int from, int to) {
  for (const TimeRange& r : ranges)
    if (r.start.minutes < to && from < r.end.minutes) return true;
  return false;
}

std::string check_one(const Catalog& catalog, const Appointment& a) {
  const Staff* s = catalog.staff_member(a.staff_id);
  if (s == nullptr) return a.id + ": unknown staff " + a.staff_id + "\n";
  if (!s->has_skill(a.service_id)) return a.id + ": " + s->id + " lacks the skill\n";
  if (!works(catalog, *s, a.start, a.end)) return a.id + ": " + s->id + " does not work then\n";
  return "";
}

}  // namespace

bool works(const Catalog& catalog, const Staff& s, Instant start, Instant end) {
  if (!s.active) return false;
  const LocalDateTime from = to_local(berlin(), start);
  const LocalDate d = date::floor<date::days>(from);
  const int begin = static_cast<int>((from - at(d, hm(0))).count() / 60);
  const int until = begin + static_cast<int>((end - start).count() / 60);
  const WorkDay& plan = s.plan[static_cast<size_t>(weekday_index(d))];
  if (!inside(plan.shifts, begin, until) || touches(plan.breaks, begin, until)) return false;
  for (const Absence& ab : catalog.absences)
    if (ab.staff_id == s.id && ab.from < end && start < ab.to) return false;
  return true;
}

std::string plan_problems(const Catalog& catalog, const std::vector<Appointment>& appointments) {
  std::string problems;
  for (size_t i = 0; i < appointments.size(); ++i) {
    const Appointment& a = appointments[i];
    if (!holds_time(a.status)) continue;
    problems += check_one(catalog, a);
    for (size_t j = i + 1; j < appointments.size(); ++j) {
      const Appointment& b = appointments[j];
      if (holds_time(b.status) && a.staff_id == b.staff_id && a.start < b.end && b.start < a.end)
        problems += a.id + " and " + b.id + " overlap on " + a.staff_id + "\n";
    }
  }
  return problems;
}

}  // namespace amt::testing
