// Maps a local day onto 5-minute cells of absolute time through the location's time zone.
#include "core/day_frame.hpp"

#include <algorithm>

namespace amt::capacity {

namespace {

constexpr std::chrono::seconds kCell{kCellMinutes * 60};

long long floor_div(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

int cells_until(Instant origin, Instant t, bool round_up) {
  const long long s = (t - origin).count();
  return static_cast<int>(round_up ? -floor_div(-s, kCell.count()) : floor_div(s, kCell.count()));
}

Instant local_midnight(Zone zone, LocalDate date) { return resolve(zone, at(date, LocalTime{0})).earliest; }

DayFrame::DayFrame(Zone zone, LocalDate date)
    : date_(date), weekday_(weekday_index(date)), midnight_(local_midnight(zone, date)) {
  const Instant next = local_midnight(zone, date + date::days{1});
  cells_ = static_cast<int>((next - midnight_) / kCell);
  uniform_ = cells_ == kDayCells && zone->get_info(midnight_).offset == zone->get_info(next).offset;
  if (uniform_) return;
  minutes_.resize(static_cast<std::size_t>(cells_));
  for (int c = 0; c < cells_; ++c) {
    const auto local = to_local(zone, instant(c)) - at(date, LocalTime{0});
    minutes_[static_cast<std::size_t>(c)] = static_cast<int>(local.count() / 60);
  }
}

int DayFrame::cell_floor(Instant t) const { return cells_until(midnight_, t, false); }
int DayFrame::cell_ceil(Instant t) const { return cells_until(midnight_, t, true); }

std::vector<CellRange> DayFrame::opening(const Location& location, Zone zone) const {
  std::vector<CellRange> ranges;
  for (const TimeRange& r : location.opening_hours[static_cast<std::size_t>(weekday_)]) {
    const int begin = uniform_ ? (r.start.minutes + kCellMinutes - 1) / kCellMinutes
                               : cell_ceil(resolve(zone, at(date_, r.start)).earliest);
    const int end = uniform_ ? r.end.minutes / kCellMinutes
                             : cell_floor(resolve(zone, at(date_, r.end)).latest);
    const int b = std::max(begin, 0);
    const int e = std::min(end, cells_);
    if (b < e) ranges.push_back({b, e});
  }
  return ranges;
}

}  // namespace amt::capacity
