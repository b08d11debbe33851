// Kuhn-style augmenting paths over staff bit rows, with undo through the board's journal.
#include "core/matching.hpp"

#include <array>

namespace amt::capacity {

namespace {
constexpr int kMaxConflicts = 32;  // more appointments of one person inside one interval: refuse
}

Matcher::Matcher(DayBoard& board)
    : board_(board), words_(board.words()), visited_(static_cast<std::size_t>(board.words()), 0),
      scratch_(static_cast<std::size_t>((kMaxChain + 2) * 2 * board.words()), 0) {}

void Matcher::candidates(const NewBooking& booking) {
  Word* open = row(0, 0);
  Word* free = row(0, 1);
  board_.open_and_free_over(booking.begin, booking.end, open, free);
  and_into(open, board_.roster().qualified(booking.service), words_);
  if (booking.only != nullptr) and_into(open, booking.only, words_);
  and_into(free, open, words_);
}

int Matcher::place(const NewBooking& booking) {
  if (booking.begin < 0 || booking.end > board_.cells() || booking.begin >= booking.end) return -1;
  candidates(booking);
  const Word* open = row(0, 0);
  const int direct = first_bit(row(0, 1), words_);
  if (direct >= 0) {
    board_.reserve_one(direct, booking.begin, booking.end);
    return direct;
  }
  fill(visited_.data(), words_, 0);
  for (int s = first_bit(open, words_); s >= 0; s = next_bit(open, words_, s + 1)) {
    if (test_bit(visited_.data(), s)) continue;
    if (!free_up(s, booking.begin, booking.end, 0)) continue;
    board_.reserve_one(s, booking.begin, booking.end);
    return s;
  }
  return -1;
}

// Everyone free already takes one booking each (reserved in one go); then each busy candidate is
// tried once, in the order place() tries them. A candidate that cannot be freed stays so after
// other augmentations (the Kuhn lemma), so one pass counts exactly in the uniform case.
int Matcher::capacity(const NewBooking& booking) {
  if (booking.begin < 0 || booking.end > board_.cells() || booking.begin >= booking.end) return 0;
  candidates(booking);
  Word* open = row(0, 0);
  const Word* free = row(0, 1);
  const int direct = popcount(free, words_);
  if (direct == popcount(open, words_)) return direct;
  const std::size_t mark = board_.mark();
  board_.reserve(free, booking.begin, booking.end);
  and_not_into(open, free, words_);
  int count = direct;
  fill(visited_.data(), words_, 0);
  for (int s = first_bit(open, words_); s >= 0; s = next_bit(open, words_, s + 1)) {
    if (test_bit(visited_.data(), s)) continue;
    if (!free_up(s, booking.begin, booking.end, 0)) continue;
    board_.reserve_one(s, booking.begin, booking.end);
    ++count;
    fill(visited_.data(), words_, 0);
  }
  board_.undo_to(mark);
  return count;
}

// Makes `staff` hold nothing in [begin, end) by relocating each appointment there; all or nothing.
bool Matcher::free_up(int staff, int begin, int end, int depth) {
  set_bit(visited_.data(), staff);
  std::array<int, kMaxConflicts> conflicts{};
  int count = 0;
  for (int a : board_.held_by(staff)) {
    const BoardAppointment& ap = board_.appointment(a);
    if (ap.end <= begin || end <= ap.begin) continue;
    if (!ap.movable || count == kMaxConflicts) return false;
    conflicts[static_cast<std::size_t>(count++)] = a;
  }
  const std::size_t mark = board_.mark();
  for (int i = 0; i < count; ++i) {
    if (relocate(conflicts[static_cast<std::size_t>(i)], depth + 1)) continue;
    board_.undo_to(mark);
    return false;
  }
  return true;
}

// Moves one appointment to a qualified person free for its whole interval, freeing someone
// recursively when nobody is.
bool Matcher::relocate(int appointment, int depth) {
  if (depth > kMaxChain) return false;
  const BoardAppointment ap = board_.appointment(appointment);
  Word* open = row(depth, 0);
  Word* free = row(depth, 1);
  board_.open_and_free_over(ap.begin, ap.end, open, free);
  and_into(open, board_.roster().qualified(ap.service), words_);
  and_not_into(open, visited_.data(), words_);
  clear_bit(open, ap.holder);
  and_into(free, open, words_);
  const int direct = first_bit(free, words_);
  if (direct >= 0) {
    board_.move(appointment, direct);
    return true;
  }
  for (int t = first_bit(open, words_); t >= 0; t = next_bit(open, words_, t + 1)) {
    if (test_bit(visited_.data(), t)) continue;
    if (!free_up(t, ap.begin, ap.end, depth)) continue;
    board_.move(appointment, t);
    return true;
  }
  return false;
}

}  // namespace amt::capacity
