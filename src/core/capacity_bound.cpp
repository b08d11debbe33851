// The per-cell room of capacity_bound.hpp, from the board's appointments and working rows.
#include "core/capacity_bound.hpp"

#include <algorithm>

namespace amt::capacity {

namespace {

bool subset(const Word* inner, const Word* outer, int words) {
  for (int i = 0; i < words; ++i)
    if ((inner[i] & ~outer[i]) != 0) return false;
  return true;
}

}  // namespace

void CapacityBound::compute(const DayBoard& board, int service) {
  const Roster& roster = board.roster();
  const int words = board.words();
  const int cells = board.cells();
  const Word* qualified = roster.qualified(service);
  if (service != service_) {
    tied_service_.resize(static_cast<std::size_t>(roster.service_count()));
    for (int u = 0; u < roster.service_count(); ++u)
      tied_service_[static_cast<std::size_t>(u)] = subset(roster.qualified(u), qualified, words) ? 1 : 0;
  }
  // Only the rows written last time need clearing; the others are empty already.
  const auto row = [words](int cell) { return static_cast<std::size_t>(cell) * static_cast<std::size_t>(words); };
  tied_.resize(row(cells), 0);
  const int end = std::min(tied_end_, cells);
  for (int c = tied_begin_; c < end; ++c) fill(&tied_[row(c)], words, 0);
  tied_begin_ = cells;
  tied_end_ = 0;
  for (int a = 0; a < board.appointment_count(); ++a) {
    const BoardAppointment& ap = board.appointment(a);
    if (ap.movable && tied_service_[static_cast<std::size_t>(ap.service)] == 0) continue;
    for (int c = ap.begin; c < ap.end; ++c) set_bit(&tied_[row(c)], ap.holder);
    tied_begin_ = std::min(tied_begin_, ap.begin);
    tied_end_ = std::max(tied_end_, ap.end);
  }
  // Most cells lie outside opening hours and are never asked for: each is counted when first asked.
  room_.assign(static_cast<std::size_t>(cells), -1);
  qualified_ = qualified;
  board_ = &board;
  service_ = service;
  version_ = board.version();
}

int CapacityBound::at_most(int begin, int end) {
  int least = room(begin);
  for (int c = begin + 1; c < end; ++c) least = std::min(least, room(c));
  return least;
}

int CapacityBound::room(int cell) {
  int& room = room_[static_cast<std::size_t>(cell)];
  if (room >= 0) return room;
  const int words = board_->words();
  room = popcount_and_not(qualified_, board_->working(cell), &tied_[static_cast<std::size_t>(cell * words)], words);
  return room;
}

}  // namespace amt::capacity
