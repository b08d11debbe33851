// Emergency capacity (Notfallkapazität): the staff time of a location's day held back from
// booking on every channel, so that acute emergencies do not push booked visitors into long waits.
#pragma once

#include <vector>

#include "core/day_frame.hpp"
#include "core/staff_set.hpp"

namespace amt::capacity {

struct HeldCell {
  int cell;   // 5-minute cell of the day
  int staff;  // staff index whose time is held back there
};

// The rule, as a team lead would state it: "one desk stays free of bookings for the last
// `minutes` minutes of the opening hours". Walking back from the end of the day's opening hours,
// each 5-minute cell holds back one working person: the same one as in the cell after it while
// they still work, otherwise the working person first in staff order
// (the roster's: fewest skills, then id, so generalists stay bookable). Cells nobody works in are
// skipped, so the reserve reaches further back instead of shrinking. minutes rounds up to whole
// cells; fewer cells come back only when the day has too little staffed opening time.
// working: `words` words per cell of the day (plans minus absences), cells rows in all.
std::vector<HeldCell> emergency_hold(const std::vector<CellRange>& opening, int minutes,
                                     const Word* working, int cells, int words);

}  // namespace amt::capacity
