// Bounded augmenting-path search on a day board: where a new booking goes, which not-yet-fixed
// appointments move to make room, and how many bookings a start time can still take.
//
// The mathematics, honestly: when every appointment overlapping the new one occupies the same
// interval (one grid, one duration), this is bipartite matching and the search (Kuhn's algorithm:
// one visited set per search, each person expanded at most once) is exact, as long as a path
// needs at most kMaxChain moves. With mixed durations, keeping all appointments at their fixed
// times under skills is interval scheduling with eligibility, NP-hard in general; the search then
// only moves an appointment to someone free for its whole interval (recursively), never
// double-books, and may refuse a booking an exhaustive search would place (how often is not
// measured; capacity_reference_test.cpp checks the search against a plain engine that searches
// the same way, not against an exhaustive one). Counting a start's capacity stops
// at an upper bound (capacity_bound.hpp) that no search can exceed, so the bound never changes a
// count, it only skips searches that would fail.
#pragma once

#include <vector>

#include "core/capacity_bound.hpp"
#include "core/day_board.hpp"

namespace amt::capacity {

constexpr int kMaxChain = 6;  // appointments moved one after another for one booking, at most

struct NewBooking {
  int service;
  int begin;  // cells [begin, end) of the board's day
  int end;
  const Word* only = nullptr;  // when set, the only staff who may take it (responsible routing)
};

class Matcher {
 public:
  explicit Matcher(DayBoard& board);

  // Places the booking, moving others if needed; the board then holds it as a reservation and
  // records the moves in its journal. Returns the staff index, or -1 when it does not fit.
  int place(const NewBooking& booking);
  // How many such bookings fit one after another; the board is unchanged afterwards, the order of
  // each person's appointments included, so a start counts the same whatever was counted before.
  int capacity(const NewBooking& booking);

 private:
  Word* row(int level, int which) {
    return &scratch_[static_cast<std::size_t>((level * 2 + which) * words_)];
  }
  // Fills level 0: candidates (row 0) and those of them free already (row 1).
  void candidates(const NewBooking& booking);
  int next_unvisited(const Word* set, int from) const;
  int bound(const NewBooking& booking);  // see capacity_bound.hpp; computed once per service and board
  bool free_up(int staff, int begin, int end, int depth);
  bool relocate(int appointment, int depth);

  DayBoard& board_;
  int words_;
  // While capacity() counts: who already took one of the hypothetical bookings of
  // [taken_begin_, taken_end_). Keeping them out of every search for an interval overlapping
  // that one is what reserving them on the board did, without writing and undoing cell rows.
  std::vector<Word> taken_;
  int taken_begin_ = 0;
  int taken_end_ = 0;
  std::vector<Word> visited_;
  std::vector<Word> mask_;     // scratch: whom open_and_free_over should look at
  std::vector<Word> scratch_;  // two rows per search depth
  CapacityBound bound_;        // for the service counted last
};

}  // namespace amt::capacity
