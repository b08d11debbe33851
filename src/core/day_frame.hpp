// One local day of a location laid out on the UTC time line as 5-minute cells from the instant of
// local midnight, so a DST change day simply has 276 or 300 cells instead of 288.
#pragma once

#include <vector>

#include "core/model.hpp"
#include "core/roster.hpp"

namespace amt::capacity {

struct CellRange {
  int begin;  // [begin, end) in cells of the day
  int end;
};

class DayFrame {
 public:
  DayFrame(Zone zone, LocalDate date);

  LocalDate date() const { return date_; }
  int weekday() const { return weekday_; }
  int cells() const { return cells_; }
  Instant midnight() const { return midnight_; }
  Instant instant(int cell) const { return midnight_ + Minutes{kCellMinutes * cell}; }
  // The wall-clock minute a cell starts at; on a DST change day it jumps or repeats.
  int local_minute(int cell) const {
    return uniform_ ? cell * kCellMinutes : minutes_[static_cast<std::size_t>(cell)];
  }
  int cell_floor(Instant t) const;  // the cell containing t (may lie outside the day)
  int cell_ceil(Instant t) const;   // the first cell starting at or after t
  // Opening ranges of the location on this day as cells; empty when it has none. A range edge in
  // a spring gap starts where the gap ends; in an autumn repeat the range opens at the first and
  // closes at the second occurrence.
  std::vector<CellRange> opening(const Location& location, Zone zone) const;

 private:
  LocalDate date_;
  int weekday_;
  Instant midnight_;
  int cells_;
  bool uniform_;
  std::vector<int> minutes_;  // only on days with an offset change
};

// Whole cells from origin to t, rounded down or up; negative when t lies before origin.
int cells_until(Instant origin, Instant t, bool round_up);

// Local midnight of a day as an instant (the end of the gap if midnight itself is skipped).
Instant local_midnight(Zone zone, LocalDate date);

}  // namespace amt::capacity
