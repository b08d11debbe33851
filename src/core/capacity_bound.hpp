// An upper bound, per cell of a day board, on how many bookings of one service can start there,
// so that counting a start's capacity can stop once it reaches it instead of proving with a
// failing search that nothing more fits.
//
// Why it holds: each booking of [begin, end) needs, in every cell of it, its own person qualified
// for the service, working there and holding nothing else there. An appointment that may not
// move, or whose service only people qualified for this one may take ("tied" here), keeps such a
// person busy in its cells wherever the search puts it: it only ever moves to someone qualified
// for it and free for its whole time. So in each cell the number of qualified working people
// holding a tied appointment never falls below what it is on the board as it is, and the
// bookings fit at most into the rest: room = qualified and working, minus those holding a tied
// appointment there. A caseworker restriction (NewBooking::only) is not covered: such a booking
// has at most one candidate anyway.
#pragma once

#include <cstdint>
#include <vector>

#include "core/day_board.hpp"

namespace amt::capacity {

class CapacityBound {
 public:
  // Whether the bound was computed for this service on the board as it is now.
  bool fresh_for(const DayBoard& board, int service) const {
    return service_ == service && version_ == board.version();
  }
  bool fresh(const DayBoard& board) const { return version_ == board.version(); }
  // The board changed only to come back exactly to the state the bound was computed for.
  void still_fresh(const DayBoard& board) { version_ = board.version(); }
  void compute(const DayBoard& board, int service);
  // The least room over the cells of [begin, end).
  int at_most(int begin, int end);

 private:
  int room(int cell);

  int service_ = -1;
  std::uint64_t version_ = 0;
  const DayBoard* board_ = nullptr;
  const Word* qualified_ = nullptr;
  std::vector<int> room_;    // per cell, -1 until asked for
  std::vector<Word> tied_;   // per cell a row: who holds a tied appointment there
  int tied_begin_ = 0;       // the rows of tied_ outside [tied_begin_, tied_end_) are empty
  int tied_end_ = 0;
  std::vector<char> tied_service_;  // per service of the roster
};

}  // namespace amt::capacity
