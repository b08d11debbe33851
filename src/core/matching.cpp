// Kuhn-style augmenting paths over staff bit rows, with undo through the board's journal.
#include "core/matching.hpp"

#include <array>
#include <bit>

namespace amt::capacity {

namespace {
constexpr int kMaxConflicts = 32;  // more appointments of one person inside one interval: refuse
}

Matcher::Matcher(DayBoard& board)
    : board_(board), words_(board.words()), taken_(static_cast<std::size_t>(board.words()), 0),
      visited_(static_cast<std::size_t>(board.words()), 0),
      mask_(static_cast<std::size_t>(board.words()), 0),
      scratch_(static_cast<std::size_t>((kMaxChain + 2) * 2 * board.words()), 0) {}

void Matcher::candidates(const NewBooking& booking) {
  Word* mask = mask_.data();
  copy(mask, board_.roster().qualified(booking.service), words_);
  if (booking.only != nullptr) and_into(mask, booking.only, words_);
  board_.open_and_free_over(booking.begin, booking.end, mask, row(0, 0), row(0, 1));
}

// The lowest member of `set` at or above `from` that is not visited now; searches deeper down
// visit more people while a loop runs, so this is asked afresh each time. -1 when none.
int Matcher::next_unvisited(const Word* set, int from) const {
  int w = from >> 6;
  if (w >= words_) return -1;
  Word rest = set[w] & ~visited_[static_cast<std::size_t>(w)] & (~Word{0} << (from & 63));
  while (true) {
    if (rest != 0) return w * 64 + std::countr_zero(rest);
    if (++w >= words_) return -1;
    rest = set[w] & ~visited_[static_cast<std::size_t>(w)];
  }
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
  for (int s = next_unvisited(open, 0); s >= 0; s = next_unvisited(open, s + 1)) {
    if (!free_up(s, booking.begin, booking.end, 0)) continue;
    board_.reserve_one(s, booking.begin, booking.end);
    return s;
  }
  return -1;
}

// Everyone free already takes one booking each (reserved in one go); then each busy candidate is
// tried once, in the order place() tries them. A candidate that cannot be freed stays so after
// other augmentations (the Kuhn lemma), so one pass counts exactly in the uniform case. Once the
// count reaches the bound of capacity_bound.hpp the remaining searches could only fail, and
// failed searches leave the board as it was, so they are skipped.
int Matcher::capacity(const NewBooking& booking) {
  if (booking.begin < 0 || booking.end > board_.cells() || booking.begin >= booking.end) return 0;
  candidates(booking);
  Word* open = row(0, 0);
  const Word* free = row(0, 1);
  const int direct = popcount(free, words_);
  if (direct == popcount(open, words_)) return direct;
  const int most = booking.only == nullptr ? bound(booking) : board_.roster().staff_count();
  if (direct >= most) return direct;
  const bool bound_fresh = bound_.fresh(board_);
  const std::size_t mark = board_.mark();
  copy(taken_.data(), free, words_);
  taken_begin_ = booking.begin;
  taken_end_ = booking.end;
  and_not_into(open, free, words_);
  int count = direct;
  fill(visited_.data(), words_, 0);
  for (int s = next_unvisited(open, 0); s >= 0 && count < most; s = next_unvisited(open, s + 1)) {
    if (!free_up(s, booking.begin, booking.end, 0)) continue;
    set_bit(taken_.data(), s);
    ++count;
    fill(visited_.data(), words_, 0);
  }
  board_.undo_to(mark);
  if (bound_fresh) bound_.still_fresh(board_);
  fill(taken_.data(), words_, 0);
  return count;
}

int Matcher::bound(const NewBooking& booking) {
  if (!bound_.fresh_for(board_, booking.service)) bound_.compute(board_, booking.service);
  return bound_.at_most(booking.begin, booking.end);
}

// Makes `staff` hold nothing in [begin, end) by relocating each appointment there; all or nothing.
bool Matcher::free_up(int staff, int begin, int end, int depth) {
  set_bit(visited_.data(), staff);
  std::array<int, kMaxConflicts + 1> conflicts;  // the first `count` are set
  int count = 0;
  // Without a branch per appointment: a busy person's day is scanned on every visit.
  for (const DayBoard::Held& held : board_.held_by(staff)) {
    const bool hit = held.end > begin && end > held.begin;
    if (hit && !held.movable) return false;
    conflicts[static_cast<std::size_t>(count)] = held.appointment;
    count += hit ? 1 : 0;
    if (count > kMaxConflicts) return false;
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
  Word* mask = mask_.data();
  const Word* qualified = board_.roster().qualified(ap.service);
  if (ap.begin < taken_end_ && taken_begin_ < ap.end) {
    for (int i = 0; i < words_; ++i)
      mask[i] = qualified[i] & ~(visited_[static_cast<std::size_t>(i)] | taken_[static_cast<std::size_t>(i)]);
  } else {
    for (int i = 0; i < words_; ++i) mask[i] = qualified[i] & ~visited_[static_cast<std::size_t>(i)];
  }
  clear_bit(mask, ap.holder);
  const int direct = board_.first_free_over(ap.begin, ap.end, mask, open);
  if (direct >= 0) {
    board_.move(appointment, direct);
    return true;
  }
  for (int t = next_unvisited(open, 0); t >= 0; t = next_unvisited(open, t + 1)) {
    if (!free_up(t, ap.begin, ap.end, depth)) continue;
    board_.move(appointment, t);
    return true;
  }
  return false;
}

}  // namespace amt::capacity
