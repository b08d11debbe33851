// New free seats since the last look, and their matching to waiting entries in join order.
#include "core/waitlist_match.hpp"

#include <algorithm>

namespace amt {

std::vector<Slot> all_slots(const std::vector<DaySlots>& days) {
  std::vector<Slot> out;
  for (const DaySlots& d : days) out.insert(out.end(), d.slots.begin(), d.slots.end());
  return out;
}

std::vector<Slot> newly_free(const FreeTimesSeen& before, const std::vector<Slot>& now, Zone zone) {
  std::vector<Slot> fresh;
  auto seen = before.slots.begin();
  for (const Slot& s : now) {
    if (local_date(zone, s.start) > before.last_day) break;  // by start: every later one too
    while (seen != before.slots.end() && seen->start < s.start) ++seen;
    const int had = seen != before.slots.end() && seen->start == s.start ? seen->capacity : 0;
    if (s.capacity > had) fresh.push_back({s.start, s.end, s.capacity - had});
  }
  return fresh;
}

std::vector<WaitlistMatch> match_waitlist(const std::vector<WaitlistSeeker>& seekers,
                                          const std::map<Id, std::vector<Slot>>& fresh, Zone zone) {
  struct Seat {
    const Id* service_id;
    Slot slot;
  };
  std::vector<Seat> seats;
  for (const auto& [service_id, slots] : fresh)
    for (const Slot& s : slots) seats.push_back({&service_id, s});
  std::stable_sort(seats.begin(), seats.end(),
                   [](const Seat& a, const Seat& b) { return a.slot.start < b.slot.start; });

  // The unmatched seekers of each service, in join order; a matched one leaves its list.
  std::map<Id, std::vector<std::size_t>> waiting;
  for (std::size_t i = 0; i < seekers.size(); ++i) waiting[seekers[i].service_id].push_back(i);
  std::vector<WaitlistMatch> out;
  for (const Seat& seat : seats) {
    auto& queue = waiting[*seat.service_id];
    int left = seat.slot.capacity;
    for (auto it = queue.begin(); it != queue.end() && left > 0;) {
      if (!fits(seekers[*it].wish, zone, seat.slot.start, seat.slot.end)) {
        ++it;
        continue;
      }
      out.push_back({*it, {seat.slot.start, seat.slot.end, 1}});
      it = queue.erase(it);
      --left;
    }
  }
  std::sort(out.begin(), out.end(),
            [](const WaitlistMatch& a, const WaitlistMatch& b) { return a.seeker < b.seeker; });
  return out;
}

}  // namespace amt
