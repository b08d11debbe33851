// Re-planning's view of one local day: who of a location's staff may hold which stretch of it,
// from working plans, breaks and absences, on seconds counted from the instant of local midnight.
#pragma once

#include <cstddef>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/model.hpp"
#include "core/replanning.hpp"

namespace amt::replan::detail {

struct Span {  // seconds from the day's local midnight, [begin, end)
  int begin;
  int end;
};
inline bool overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

// Indexes by the int ids the search uses throughout.
template <class V>
auto& at(V& v, int i) {
  return v[static_cast<std::size_t>(i)];
}

class DayStaff {
 public:
  // Throws std::invalid_argument for an unknown location.
  DayStaff(const Catalog& catalog, const Id& location_id, LocalDate date, const std::vector<Absence>& extra);

  const Location& location() const { return *location_; }
  int count() const { return static_cast<int>(staff_.size()); }
  const Staff& staff(int i) const { return *staff_[static_cast<std::size_t>(i)]; }
  int index(const Id& id) const;  // -1: not active staff of this location
  // The location's service, nullptr when the id names none of it.
  const Service* service(const Id& id) const;

  // Whether the appointment belongs to the day: this location, holding time, starting that day.
  bool on_day(const Appointment& a) const;
  Span span(const Appointment& a) const;
  // Why staff i cannot hold `s` for the service; nullopt when they can (double booking aside).
  // Without a service (not one of this location) only working time, breaks and absences count.
  std::optional<Violation> unavailable(int i, const Service* service, Span s) const;

 private:
  struct Day {
    std::vector<Span> shifts;  // merged, so back-to-back shifts count as one stretch
    std::vector<Span> breaks;
    std::vector<Span> absences;
  };
  int seconds(Instant t) const;
  Span local_span(TimeRange r) const;
  void add_absence(const Absence& a);

  const Catalog& catalog_;
  const Location* location_ = nullptr;
  Zone zone_ = nullptr;
  LocalDate date_;
  Instant midnight_;
  int length_ = 0;  // seconds of the local day (DST days differ)
  std::vector<const Staff*> staff_;
  std::unordered_map<Id, int> index_;
  std::vector<Day> days_;
};

}  // namespace amt::replan::detail
