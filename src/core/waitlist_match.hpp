// The waitlist sweep's pure part (issue #8 item 3): which free times are new since the last look
// (capacity added, an absence ended) and which waiting entry each new seat goes to, in join order.
#pragma once

#include <map>
#include <vector>

#include "core/availability.hpp"
#include "core/waitlist.hpp"

namespace amt {

// The free times of one service at one location as last seen, and the last local day looked at:
// a later look that reaches further does not count the days beyond it as "new" (the horizon
// moving on is not freed capacity).
struct FreeTimesSeen {
  std::vector<Slot> slots;  // by start
  LocalDate last_day;
};

std::vector<Slot> all_slots(const std::vector<DaySlots>& days);  // the days' slots, by start

// The seats free in `now` that were not free in `before`: a start not seen then counts with its
// whole capacity, a start seen with less capacity with the difference. Starts after before's last
// day are not new. Both lists by start; the result too.
std::vector<Slot> newly_free(const FreeTimesSeen& before, const std::vector<Slot>& now, Zone zone);

// One waiting entry as the matcher sees it.
struct WaitlistSeeker {
  Id service_id;
  WaitlistWish wish;
};

struct WaitlistMatch {
  std::size_t seeker;  // index into the seekers
  Slot slot;           // capacity 1: the seat it takes
};

// Each new seat, earliest start first, goes to the first seeker in join order (index order) not
// matched yet whose service it is and whose wish it fits (same rule as a cancelled time).
// fresh: new seats per service id. At most one match per seeker, at most `capacity` per slot;
// returned in join order.
std::vector<WaitlistMatch> match_waitlist(const std::vector<WaitlistSeeker>& seekers,
                                          const std::map<Id, std::vector<Slot>>& fresh, Zone zone);

}  // namespace amt
