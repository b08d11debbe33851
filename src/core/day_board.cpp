// Fills a day board from plans, absences and appointments, and moves appointments on it.
#include "core/day_board.hpp"

#include <algorithm>
#include <map>

namespace amt::capacity {


DayBoard::DayBoard(const Roster& roster)
    : roster_(roster), words_(roster.words()), held_(static_cast<std::size_t>(roster.staff_count())),
      one_(static_cast<std::size_t>(roster.words()), 0) {}

void DayBoard::reset(const DayFrame& frame) {
  cells_ = frame.cells();
  midnight_ = frame.midnight();
  const std::size_t size = offset(cells_);
  working_.resize(size);
  busy_.assign(size, 0);
  pinned_.assign(size, 0);
  for (int c = 0; c < cells_; ++c)
    copy(at(working_, c), roster_.working(frame.weekday(), frame.local_minute(c) / kCellMinutes), words_);
  remove_absences(frame);
  appointments_.clear();
  for (auto& list : held_) list.clear();
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

void DayBoard::add(const Appointment& a, int source) {
  if (!holds_time(a.status)) return;
  const int holder = roster_.staff_index(a.staff_id);
  if (holder < 0) return;
  const int first = cells_until(midnight_, a.start, false);
  const int last = cells_until(midnight_, a.end, true);
  const int begin = std::max(first, 0);
  const int end = std::min(last, cells_);
  if (begin >= end) return;
  const int service = roster_.service_index(a.service_id);
  // One crossing midnight would need the neighbouring day's board to move; it stays put.
  const bool inside = first == begin && last == end;
  const bool movable = a.status == AppointmentStatus::booked && !a.staff_fixed && inside && service >= 0;
  const int index = static_cast<int>(appointments_.size());
  appointments_.push_back({holder, begin, end, service, movable, source});
  held_[static_cast<std::size_t>(holder)].push_back(index);
  mark_busy(holder, begin, end, true);
  if (movable) return;
  for (int c = begin; c < end; ++c) set_bit(at(pinned_, c), holder);
}

void DayBoard::open_and_free_over(int begin, int end, Word* open, Word* free) const {
  for (int i = 0; i < words_; ++i) open[i] = free[i] = ~Word{0};
  for (int c = begin; c < end; ++c) {
    const Word* work = at(working_, c);
    const Word* pinned = at(pinned_, c);
    const Word* busy = at(busy_, c);
    for (int i = 0; i < words_; ++i) {
      open[i] &= work[i] & ~pinned[i];
      free[i] &= work[i] & ~busy[i];
    }
  }
}

void DayBoard::mark_busy(int staff, int begin, int end, bool busy) {
  for (int c = begin; c < end; ++c) {
    if (busy)
      set_bit(at(busy_, c), staff);
    else
      clear_bit(at(busy_, c), staff);
  }
}

// Moves without journaling; the previous holder keeps cells their other appointments still use
// (only possible with overlapping input data, but it must not free them).
void DayBoard::shift(int appointment, int to) {
  BoardAppointment& a = appointments_[static_cast<std::size_t>(appointment)];
  auto& from_list = held_[static_cast<std::size_t>(a.holder)];
  from_list.erase(std::find(from_list.begin(), from_list.end(), appointment));
  mark_busy(a.holder, a.begin, a.end, false);
  for (int other : from_list) {
    const BoardAppointment& o = appointments_[static_cast<std::size_t>(other)];
    mark_busy(a.holder, std::max(o.begin, a.begin), std::min(o.end, a.end), true);
  }
  a.holder = to;
  held_[static_cast<std::size_t>(to)].push_back(appointment);
  mark_busy(to, a.begin, a.end, true);
}

void DayBoard::move(int appointment, int to) {
  journal_.push_back({true, appointment, appointments_[static_cast<std::size_t>(appointment)].holder, 0});
  shift(appointment, to);
}

void DayBoard::reserve(const Word* who, int begin, int end) {
  const std::size_t row = reserved_.size();
  reserved_.insert(reserved_.end(), who, who + words_);
  journal_.push_back({false, begin, end, row});
  for (int c = begin; c < end; ++c) {
    or_into(at(busy_, c), who, words_);
    or_into(at(pinned_, c), who, words_);
  }
}

void DayBoard::reserve_one(int staff, int begin, int end) {
  fill(one_.data(), words_, 0);
  set_bit(one_.data(), staff);
  reserve(one_.data(), begin, end);
}

void DayBoard::undo_to(std::size_t mark) {
  while (journal_.size() > mark) {
    const Change change = journal_.back();
    journal_.pop_back();
    if (change.is_move) {
      shift(change.a, change.b);
      continue;
    }
    const Word* who = &reserved_[change.row];
    for (int c = change.a; c < change.b; ++c) {
      and_not_into(at(busy_, c), who, words_);
      and_not_into(at(pinned_, c), who, words_);
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

