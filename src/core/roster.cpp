// Builds the per-location preparation of the capacity engine from the catalog.
#include "core/roster.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

namespace amt::capacity {

namespace {

bool covers(const std::vector<TimeRange>& ranges, int from, int to) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const TimeRange& r) { return r.start.minutes <= from && to <= r.end.minutes; });
}

bool touches(const std::vector<TimeRange>& ranges, int from, int to) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const TimeRange& r) { return r.start.minutes < to && from < r.end.minutes; });
}

}  // namespace

Roster::Roster(const Catalog& catalog, const Id& location_id) {
  const Location* location = catalog.location(location_id);
  if (location == nullptr) throw std::invalid_argument("unknown location " + location_id);
  location_ = *location;
  zone_ = amt::zone(location_.time_zone);
  index_staff(catalog);
  index_services(catalog);
  fill_week();
  collect_absences(catalog);
}

// Least flexible first: searches take the lowest free index, so people with few skills are used
// before those who could also cover rarer services.
void Roster::index_staff(const Catalog& catalog) {
  for (const Staff& s : catalog.staff) {
    if (s.location_id != location_.id) continue;
    own_.staff.push_back(s);
    if (s.active) staff_.push_back(s);
  }
  std::sort(staff_.begin(), staff_.end(), [](const Staff& a, const Staff& b) {
    if (a.skills.size() != b.skills.size()) return a.skills.size() < b.skills.size();
    return a.id < b.id;
  });
  words_ = std::max(1, words_for(staff_count()));
  staff_index_.build(staff_, [](const Staff& s) -> std::string_view { return s.id; });
}

void Roster::index_services(const Catalog& catalog) {
  for (const Service& s : catalog.services)
    if (s.location_id == location_.id) services_.push_back(s);
  skill_rows_.assign(row(static_cast<int>(services_.size())), 0);
  service_index_.build(services_, [](const Service& s) -> std::string_view { return s.id; });
  for (int v = 0; v < static_cast<int>(services_.size()); ++v) {
    for (int i = 0; i < staff_count(); ++i)
      if (staff(i).has_skill(service(v).id)) set_bit(&skill_rows_[row(v)], i);
  }
}

// A cell counts as working only when a shift covers it whole and no break touches it.
void Roster::fill_week() {
  week_rows_.assign(row(7 * kDayCells), 0);
  for (int i = 0; i < staff_count(); ++i) {
    for (int day = 0; day < 7; ++day) {
      const WorkDay& plan = staff(i).plan[static_cast<std::size_t>(day)];
      for (int cell = 0; cell < kDayCells; ++cell) {
        const int from = cell * kCellMinutes;
        const int to = from + kCellMinutes;
        if (covers(plan.shifts, from, to) && !touches(plan.breaks, from, to))
          set_bit(&week_rows_[row(day * kDayCells + cell)], i);
      }
    }
  }
  someone_.assign(static_cast<std::size_t>(7 * kDayCells), 0);
  for (int r = 0; r < 7 * kDayCells; ++r)
    someone_[static_cast<std::size_t>(r)] = first_bit(&week_rows_[row(r)], words_) >= 0 ? 1 : 0;
}

void Roster::collect_absences(const Catalog& catalog) {
  std::unordered_set<Id> here;
  for (const Staff& s : own_.staff) here.insert(s.id);
  for (const Absence& a : catalog.absences) {
    if (!here.contains(a.staff_id)) continue;
    own_.absences.push_back(a);
    const int index = staff_index(a.staff_id);
    if (index >= 0 && a.from < a.to) absences_.push_back({index, a.from, a.to});
  }
  std::sort(absences_.begin(), absences_.end(),
            [](const StaffAbsence& a, const StaffAbsence& b) { return a.from < b.from; });
}

}  // namespace amt::capacity
