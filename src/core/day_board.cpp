// Fills a day board from plans, absences and appointments, and moves appointments on it.
#include "core/day_board.hpp"

#include <algorithm>
#include <map>

#include "core/emergency_reserve.hpp"

namespace amt::capacity {

DayBoard::DayBoard(const Roster& roster)
    : roster_(roster), words_(roster.words()), held_(static_cast<std::size_t>(roster.staff_count())),
      one_(static_cast<std::size_t>(roster.words()), 0) {}

void DayBoard::reset(const DayFrame& frame, int held_back_minutes) {
  ++version_;
  cells_ = frame.cells();
  midnight_ = frame.midnight();
  working_.resize(offset(cells_));
  cells_rows_.resize(2 * offset(cells_));
  live_.resize(static_cast<std::size_t>(cells_), 0);
  // Cells nobody works in stay empty all day (nothing becomes free or open where nobody works),
  // so they are written only when the day before used them: most of a day's rows are not touched.
  for (int c = 0; c < cells_; ++c) {
    const int cell = frame.local_minute(c) / kCellMinutes;
    char& live = live_[static_cast<std::size_t>(c)];
    if (!roster_.someone_works(frame.weekday(), cell)) {
      if (live == 0) continue;
      fill(at(working_, c), words_, 0);
      fill(open_row(c), 2 * words_, 0);
      live = 0;
      continue;
    }
    copy(at(working_, c), roster_.working(frame.weekday(), cell), words_);
    live = 1;
  }
  remove_absences(frame);
  // Held-back time counts as not working: nothing is booked or moved into it, and appointments
  // already lying there stay where they are, as with an absence entered after booking.
  held_back_cells_ = 0;
  if (held_back_minutes > 0) {
    const auto held = emergency_hold(frame.opening(roster_.location(), roster_.zone()), held_back_minutes,
                                     working_.data(), cells_, words_);
    for (const HeldCell& h : held) clear_bit(at(working_, h.cell), h.staff);
    held_back_cells_ = static_cast<int>(held.size());
  }
  for (int c = 0; c < cells_; ++c) {
    if (live_[static_cast<std::size_t>(c)] == 0) continue;
    copy(open_row(c), at(working_, c), words_);
    copy(free_row(c), at(working_, c), words_);
  }
  appointments_.clear();
  for (auto& list : held_) list.clear();
  overlapping_.assign(held_.size(), 0);
  journal_.clear();
  reserved_.clear();
}

// Any cell an absence touches is lost, so a person leaving at 10:02 cannot take 10:00-10:30.
void DayBoard::remove_absences(const DayFrame& frame) {
  const Instant day_end = frame.instant(cells_);
  for (const StaffAbsence& a : roster_.absences()) {
    if (a.from >= day_end) break;
    if (a.to <= frame.midnight()) continue;
    const int begin = std::max(0, frame.cell_floor(a.from));
    const int end = std::min(cells_, frame.cell_ceil(a.to));
    for (int c = begin; c < end; ++c) clear_bit(at(working_, c), a.staff);
  }
}

BoardEntry DayBoard::resolve(const Roster& roster, const Appointment& a, int source) {
  const int holder = holds_time(a.status) ? roster.staff_index(a.staff_id) : -1;
  if (holder < 0) return {a.start, a.end, -1, -1, false, source};
  const int service = roster.service_index(a.service_id);
  const bool may_move = a.status == AppointmentStatus::booked && !a.staff_fixed && service >= 0;
  return {a.start, a.end, holder, service, may_move, source};
}

void DayBoard::add(const BoardEntry& e) {
  ++version_;
  const int holder = e.holder;
  if (holder < 0) return;
  const int first = cells_until(midnight_, e.start, false);
  const int last = cells_until(midnight_, e.end, true);
  const int begin = std::max(first, 0);
  const int end = std::min(last, cells_);
  if (begin >= end) return;
  const int service = e.service;
  // One crossing midnight would need the neighbouring day's board to move; it stays put.
  const bool inside = first == begin && last == end;
  const bool movable = e.may_move && inside;
  const int source = e.source;
  const int index = static_cast<int>(appointments_.size());
  appointments_.push_back({holder, begin, end, service, movable, source});
  if (!free_over(holder, begin, end)) overlapping_[static_cast<std::size_t>(holder)] = 1;
  held_[static_cast<std::size_t>(holder)].push_back({begin, end, index, movable});
  mark_busy(holder, begin, end, true);
  if (movable) return;
  for (int c = begin; c < end; ++c) clear_bit(open_row(c), holder);
}

// Word i of open_and_free_over: down the cells of [begin, end), stopping once nobody is open.
void DayBoard::open_and_free_word(int i, int begin, int end, Word mask, Word& open, Word& free) const {
  const std::size_t stride = 2 * static_cast<std::size_t>(words_);
  const Word* row = &cells_rows_[static_cast<std::size_t>(begin) * stride + static_cast<std::size_t>(i)];
  Word o = mask;
  Word f = mask;
  for (int c = begin; c < end && o != 0; ++c, row += stride) {
    o &= row[0];
    f &= row[words_];
  }
  open = o;
  free = f & o;
}

void DayBoard::open_and_free_over(int begin, int end, const Word* mask, Word* open, Word* free) const {
  for (int i = 0; i < words_; ++i) open_and_free_word(i, begin, end, mask[i], open[i], free[i]);
}

int DayBoard::first_free_over(int begin, int end, const Word* mask, Word* open) const {
  for (int i = 0; i < words_; ++i) {
    Word free = 0;
    open_and_free_word(i, begin, end, mask[i], open[i], free);
    if (free != 0) return i * 64 + std::countr_zero(free);
  }
  return -1;
}

// Free is "working and holding nothing": so where this is true for a new appointment it overlaps
// none of the person's others, and where the person does not work it may (then assumed it does).
bool DayBoard::free_over(int staff, int begin, int end) const {
  const std::size_t word = static_cast<std::size_t>(staff >> 6);
  const Word bit = Word{1} << (staff & 63);
  const std::size_t stride = 2 * static_cast<std::size_t>(words_);
  const Word* free = &cells_rows_[2 * offset(begin) + static_cast<std::size_t>(words_) + word];
  Word all = bit;
  for (int c = begin; c < end; ++c, free += stride) all &= *free;
  return all != 0;
}

// Busy clears the person's free bit; not busy restores it where they work. Walks the one word
// that holds the person's bit down the cells: every move runs this twice.
void DayBoard::mark_busy(int staff, int begin, int end, bool busy) {
  if (begin >= end) return;
  const std::size_t word = static_cast<std::size_t>(staff >> 6);
  const Word bit = Word{1} << (staff & 63);
  const std::size_t stride = 2 * static_cast<std::size_t>(words_);
  Word* free = free_row(begin) + word;
  if (busy) {
    for (int c = begin; c < end; ++c, free += stride) *free &= ~bit;
    return;
  }
  const Word* work = at(working_, begin) + word;
  for (int c = begin; c < end; ++c, free += stride, work += words_) *free |= *work & bit;
}

// The previous holder keeps cells their other appointments still use (only possible with
// overlapping input data, but it must not free them; moves never create overlaps, so only those
// who held overlapping appointments from the start need the check). Searched from the back:
// undoing a move takes off the appointment its holder received last.
std::size_t DayBoard::detach(int appointment) {
  ++version_;
  const BoardAppointment& a = appointments_[static_cast<std::size_t>(appointment)];
  auto& list = held_[static_cast<std::size_t>(a.holder)];
  std::size_t at = list.size() - 1;
  while (list[at].appointment != appointment) --at;
  list.erase(list.begin() + static_cast<std::ptrdiff_t>(at));
  mark_busy(a.holder, a.begin, a.end, false);
  if (overlapping_[static_cast<std::size_t>(a.holder)] == 0) return at;
  for (const Held& o : list) {
    if (o.end <= a.begin || a.end <= o.begin) continue;
    mark_busy(a.holder, std::max(o.begin, a.begin), std::min(o.end, a.end), true);
  }
  return at;
}

void DayBoard::attach(int appointment, int to, std::size_t at) {
  BoardAppointment& a = appointments_[static_cast<std::size_t>(appointment)];
  a.holder = to;
  auto& list = held_[static_cast<std::size_t>(to)];
  list.insert(list.begin() + static_cast<std::ptrdiff_t>(at), {a.begin, a.end, appointment, a.movable});
  mark_busy(to, a.begin, a.end, true);
}

void DayBoard::move(int appointment, int to) {
  const int from = appointments_[static_cast<std::size_t>(appointment)].holder;
  const std::size_t at = detach(appointment);
  journal_.push_back({true, appointment, from, at});
  attach(appointment, to, held_[static_cast<std::size_t>(to)].size());
}

// Those reserved are free there (so they hold nothing), hence undoing is setting their bits back.
void DayBoard::reserve(const Word* who, int begin, int end) {
  ++version_;
  const std::size_t row = reserved_.size();
  reserved_.insert(reserved_.end(), who, who + words_);
  journal_.push_back({false, begin, end, row});
  for (int c = begin; c < end; ++c) {
    and_not_into(open_row(c), who, words_);
    and_not_into(free_row(c), who, words_);
  }
}

void DayBoard::reserve_one(int staff, int begin, int end) {
  fill(one_.data(), words_, 0);
  set_bit(one_.data(), staff);
  reserve(one_.data(), begin, end);
}

void DayBoard::undo_to(std::size_t mark) {
  ++version_;
  while (journal_.size() > mark) {
    const Change change = journal_.back();
    journal_.pop_back();
    if (change.is_move) {
      detach(change.a);
      attach(change.a, change.b, change.row);
      continue;
    }
    const Word* who = &reserved_[change.row];
    for (int c = change.a; c < change.b; ++c) {
      const Word* work = at(working_, c);
      Word* open = open_row(c);
      Word* free = free_row(c);
      for (int i = 0; i < words_; ++i) {
        open[i] |= who[i] & work[i];
        free[i] |= who[i] & work[i];
      }
    }
    reserved_.resize(change.row);
  }
}

std::vector<Move> DayBoard::moves_since(std::size_t mark) const {
  std::map<int, Move> net;
  for (std::size_t i = mark; i < journal_.size(); ++i) {
    const Change& change = journal_[i];
    if (!change.is_move) continue;
    const int to = appointments_[static_cast<std::size_t>(change.a)].holder;
    auto [it, fresh] = net.try_emplace(change.a, Move{change.a, change.b, to});
    if (!fresh) it->second.to = to;
  }
  std::vector<Move> moves;
  for (const auto& [index, m] : net)
    if (m.from != m.to) moves.push_back(m);
  return moves;
}

}  // namespace amt::capacity
