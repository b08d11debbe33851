// A frozen copy of the capacity engine before its speed-ups; see reference_planner.hpp.
// Only names changed. It uses core's Roster (staff order, skills, week rows) and DayFrame.
#include "unit/core/reference_planner.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "core/calendar.hpp"
#include "core/day_frame.hpp"
#include "core/responsibility.hpp"
#include "core/roster.hpp"

namespace amt::testing::reference {

using namespace amt::capacity;
namespace {



struct RefAppointment {
  int holder;    // staff index
  int begin;     // cells [begin, end) of the day
  int end;
  int service;   // -1: not a service of this location (then it never moves)
  bool movable;  // booked, not bound to its person, and lying inside the day
  int source;    // index into the caller's appointment list
};

struct RefMove {
  int appointment;  // board index
  int from;         // staff indices
  int to;
};

class RefBoard {
 public:
  explicit RefBoard(const Roster& roster);

  // Starts a day: working cells from the weekly plans minus absences minus the emergency
  // reserve, no appointments.
  void reset(const DayFrame& frame, int held_back_minutes);
  // Puts an existing appointment on the board; ignored when it holds no time, its staff member is
  // not active here, or it does not touch this day.
  void add(const Appointment& appointment, int source);

  const Roster& roster() const { return roster_; }
  int cells() const { return cells_; }
  int words() const { return words_; }
  // Staff working in every cell of [begin, end) and holding nothing there that may not move
  // (open), and those of them holding nothing there at all (free); one pass, as the matcher's
  // inner loop needs both.
  void open_and_free_over(int begin, int end, Word* open, Word* free) const;
  const RefAppointment& appointment(int i) const { return appointments_[static_cast<std::size_t>(i)]; }
  const std::vector<int>& held_by(int staff) const { return held_[static_cast<std::size_t>(staff)]; }

  std::size_t mark() const { return journal_.size(); }
  void move(int appointment, int to);
  // A hypothetical booking that never moves: everyone in `who` holds [begin, end) from now on.
  // They must be free there.
  void reserve(const Word* who, int begin, int end);
  void reserve_one(int staff, int begin, int end);
  void undo_to(std::size_t mark);
  std::vector<RefMove> moves_since(std::size_t mark) const;  // net, one per moved appointment

 private:
  struct Change {
    bool is_move;
    int a;  // move: appointment; reserve: begin cell
    int b;  // move: previous holder; reserve: end cell
    std::size_t row;  // move: place in the previous holder's list; reserve: offset into reserved_
  };
  Word* at(std::vector<Word>& rows, int cell) { return &rows[offset(cell)]; }
  const Word* at(const std::vector<Word>& rows, int cell) const { return &rows[offset(cell)]; }
  std::size_t offset(int cell) const { return static_cast<std::size_t>(cell) * static_cast<std::size_t>(words_); }
  void remove_absences(const DayFrame& frame);
  void hold_back(const DayFrame& frame, int minutes);
  // Returns where the appointment stood in its previous holder's list; puts it at place `at` of
  // the new holder's list (by default its end).
  static constexpr std::size_t kAtEnd = ~std::size_t{0};
  std::size_t shift(int appointment, int to, std::size_t at = kAtEnd);
  void mark_busy(int staff, int begin, int end, bool busy);

  const Roster& roster_;
  int words_;
  int cells_ = 0;
  Instant midnight_{};
  std::vector<Word> working_;  // cells_ rows each
  std::vector<Word> busy_;
  std::vector<Word> pinned_;
  std::vector<RefAppointment> appointments_;
  // Per staff: board indices of their appointments. The order decides which conflict a search
  // relocates first, so undoing a move restores it: a search taken back leaves no trace.
  std::vector<std::vector<int>> held_;
  std::vector<Change> journal_;
  std::vector<Word> reserved_;
  std::vector<Word> one_;  // scratch row for reserve_one
};




constexpr int kRefMaxChain = 6;  // appointments moved one after another for one booking, at most

struct RefBooking {
  int service;
  int begin;  // cells [begin, end) of the board's day
  int end;
  const Word* only = nullptr;  // when set, the only staff who may take it (responsible routing)
};

class RefMatcher {
 public:
  explicit RefMatcher(RefBoard& board);

  // Places the booking, moving others if needed; the board then holds it as a reservation and
  // records the moves in its journal. Returns the staff index, or -1 when it does not fit.
  int place(const RefBooking& booking);
  // How many such bookings fit one after another; the board is unchanged afterwards.
  int capacity(const RefBooking& booking);

 private:
  Word* row(int level, int which) {
    return &scratch_[static_cast<std::size_t>((level * 2 + which) * words_)];
  }
  // Fills level 0: candidates (row 0) and those of them free already (row 1).
  void candidates(const RefBooking& booking);
  bool free_up(int staff, int begin, int end, int depth);
  bool relocate(int appointment, int depth);

  RefBoard& board_;
  int words_;
  std::vector<Word> visited_;
  std::vector<Word> scratch_;  // two rows per search depth
};





RefBoard::RefBoard(const Roster& roster)
    : roster_(roster), words_(roster.words()), held_(static_cast<std::size_t>(roster.staff_count())),
      one_(static_cast<std::size_t>(roster.words()), 0) {}

void RefBoard::reset(const DayFrame& frame, int held_back_minutes) {
  cells_ = frame.cells();
  midnight_ = frame.midnight();
  const std::size_t size = offset(cells_);
  working_.resize(size);
  busy_.assign(size, 0);
  pinned_.assign(size, 0);
  for (int c = 0; c < cells_; ++c)
    copy(at(working_, c), roster_.working(frame.weekday(), frame.local_minute(c) / kCellMinutes), words_);
  remove_absences(frame);
  hold_back(frame, held_back_minutes);
  appointments_.clear();
  for (auto& list : held_) list.clear();
  journal_.clear();
  reserved_.clear();
}

// The emergency reserve written out plainly: from the last opening cell backwards, one working
// person per cell (the one of the later cell while they work, else the first in staff order).
void RefBoard::hold_back(const DayFrame& frame, int minutes) {
  int left = (minutes + kCellMinutes - 1) / kCellMinutes;
  int person = -1;
  std::vector<int> open_cells;
  for (const CellRange& r : frame.opening(roster_.location(), roster_.zone()))
    for (int c = r.begin; c < r.end && c < cells_; ++c) open_cells.push_back(c);
  for (auto it = open_cells.rbegin(); it != open_cells.rend() && left > 0; ++it) {
    Word* row = at(working_, *it);
    if (person < 0 || !test_bit(row, person)) {
      person = -1;
      for (int s = 0; s < roster_.staff_count() && person < 0; ++s)
        if (test_bit(row, s)) person = s;
    }
    if (person < 0) continue;
    clear_bit(row, person);
    --left;
  }
}

// Any cell an absence touches is lost, so a person leaving at 10:02 cannot take 10:00-10:30.
void RefBoard::remove_absences(const DayFrame& frame) {
  const Instant day_end = frame.instant(cells_);
  for (const StaffAbsence& a : roster_.absences()) {
    if (a.from >= day_end) break;
    if (a.to <= frame.midnight()) continue;
    const int begin = std::max(0, frame.cell_floor(a.from));
    const int end = std::min(cells_, frame.cell_ceil(a.to));
    for (int c = begin; c < end; ++c) clear_bit(at(working_, c), a.staff);
  }
}

void RefBoard::add(const Appointment& a, int source) {
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

void RefBoard::open_and_free_over(int begin, int end, Word* open, Word* free) const {
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

void RefBoard::mark_busy(int staff, int begin, int end, bool busy) {
  for (int c = begin; c < end; ++c) {
    if (busy)
      set_bit(at(busy_, c), staff);
    else
      clear_bit(at(busy_, c), staff);
  }
}

// Moves without journaling; the previous holder keeps cells their other appointments still use
// (only possible with overlapping input data, but it must not free them).
std::size_t RefBoard::shift(int appointment, int to, std::size_t at) {
  RefAppointment& a = appointments_[static_cast<std::size_t>(appointment)];
  auto& from_list = held_[static_cast<std::size_t>(a.holder)];
  const auto from = std::find(from_list.begin(), from_list.end(), appointment);
  const std::size_t was = static_cast<std::size_t>(from - from_list.begin());
  from_list.erase(from);
  mark_busy(a.holder, a.begin, a.end, false);
  for (int other : from_list) {
    const RefAppointment& o = appointments_[static_cast<std::size_t>(other)];
    mark_busy(a.holder, std::max(o.begin, a.begin), std::min(o.end, a.end), true);
  }
  a.holder = to;
  auto& to_list = held_[static_cast<std::size_t>(to)];
  to_list.insert(to_list.begin() + static_cast<std::ptrdiff_t>(std::min(at, to_list.size())), appointment);
  mark_busy(to, a.begin, a.end, true);
  return was;
}

void RefBoard::move(int appointment, int to) {
  const int from = appointments_[static_cast<std::size_t>(appointment)].holder;
  journal_.push_back({true, appointment, from, shift(appointment, to)});
}

void RefBoard::reserve(const Word* who, int begin, int end) {
  const std::size_t row = reserved_.size();
  reserved_.insert(reserved_.end(), who, who + words_);
  journal_.push_back({false, begin, end, row});
  for (int c = begin; c < end; ++c) {
    or_into(at(busy_, c), who, words_);
    or_into(at(pinned_, c), who, words_);
  }
}

void RefBoard::reserve_one(int staff, int begin, int end) {
  fill(one_.data(), words_, 0);
  set_bit(one_.data(), staff);
  reserve(one_.data(), begin, end);
}

void RefBoard::undo_to(std::size_t mark) {
  while (journal_.size() > mark) {
    const Change change = journal_.back();
    journal_.pop_back();
    if (change.is_move) {
      shift(change.a, change.b, change.row);
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

std::vector<RefMove> RefBoard::moves_since(std::size_t mark) const {
  std::map<int, RefMove> net;
  for (std::size_t i = mark; i < journal_.size(); ++i) {
    const Change& change = journal_[i];
    if (!change.is_move) continue;
    const int to = appointments_[static_cast<std::size_t>(change.a)].holder;
    auto [it, fresh] = net.try_emplace(change.a, RefMove{change.a, change.b, to});
    if (!fresh) it->second.to = to;
  }
  std::vector<RefMove> moves;
  for (const auto& [index, m] : net)
    if (m.from != m.to) moves.push_back(m);
  return moves;
}




constexpr int kMaxConflicts = 32;  // more appointments of one person inside one interval: refuse

RefMatcher::RefMatcher(RefBoard& board)
    : board_(board), words_(board.words()), visited_(static_cast<std::size_t>(board.words()), 0),
      scratch_(static_cast<std::size_t>((kRefMaxChain + 2) * 2 * board.words()), 0) {}

void RefMatcher::candidates(const RefBooking& booking) {
  Word* open = row(0, 0);
  Word* free = row(0, 1);
  board_.open_and_free_over(booking.begin, booking.end, open, free);
  and_into(open, board_.roster().qualified(booking.service), words_);
  if (booking.only != nullptr) and_into(open, booking.only, words_);
  and_into(free, open, words_);
}

int RefMatcher::place(const RefBooking& booking) {
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
int RefMatcher::capacity(const RefBooking& booking) {
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
bool RefMatcher::free_up(int staff, int begin, int end, int depth) {
  set_bit(visited_.data(), staff);
  std::array<int, kMaxConflicts> conflicts{};
  int count = 0;
  for (int a : board_.held_by(staff)) {
    const RefAppointment& ap = board_.appointment(a);
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
bool RefMatcher::relocate(int appointment, int depth) {
  if (depth > kRefMaxChain) return false;
  const RefAppointment ap = board_.appointment(appointment);
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


int cells_for(int minutes) { return (minutes + kCellMinutes - 1) / kCellMinutes; }

bool on_grid(const DayFrame& frame, int cell, int slot_minutes) {
  return slot_minutes > 0 && frame.local_minute(cell) % slot_minutes == 0;
}

bool inside_opening(const std::vector<CellRange>& ranges, int begin, int end) {
  for (const CellRange& r : ranges)
    if (r.begin <= begin && end <= r.end) return true;
  return false;
}

bool restrict_to_chain(const Roster& roster, const std::vector<Id>& chain, Instant start, Instant end, Word* only) {
  if (chain.empty()) return false;
  fill(only, roster.words(), 0);
  const auto who = first_present(roster.own_catalog(), chain, start, end);
  const int index = who ? roster.staff_index(*who) : -1;
  if (index >= 0) set_bit(only, index);
  return true;
}

const Service* active_service(const Roster& roster, const Id& id, int& index) {
  index = roster.service_index(id);
  if (index < 0 || !roster.service(index).active) return nullptr;
  return &roster.service(index);
}

}  // namespace

// Straightforward: every day's board built from the whole appointment list.
std::vector<DaySlots> free_slots(const Catalog& catalog, const Id& location_id,
                                 const std::vector<Appointment>& appointments, const SlotQuery& query,
                                 int held_back_minutes) {
  const Roster roster(catalog, location_id);
  int service = -1;
  const Service* svc = active_service(roster, query.service_id, service);
  if (svc == nullptr) return {};
  const Zone zone = roster.zone();
  const Location& location = roster.location();
  const Instant earliest = query.now + Minutes{svc->lead_time_minutes};
  const LocalDate first = std::max(query.from, local_date(zone, earliest));
  const LocalDate last = std::min(query.to, local_date(zone, query.now) + date::days{svc->horizon_days});
  std::vector<DaySlots> days;
  RefBoard board(roster);
  const int length = cells_for(svc->duration_minutes);
  std::vector<Word> only(static_cast<std::size_t>(roster.words()));
  for (LocalDate d = first; d <= last; d += date::days{1}) {
    if (is_closed(location, d)) continue;
    const DayFrame frame(zone, d);
    board.reset(frame, held_back_minutes);
    const Instant day_end = frame.instant(frame.cells());
    for (int i = 0; i < static_cast<int>(appointments.size()); ++i) {
      const Appointment& a = appointments[static_cast<std::size_t>(i)];
      if (a.location_id == location.id && a.start < day_end && frame.midnight() < a.end) board.add(a, i);
    }
    DaySlots day{d, {}};
    RefMatcher matcher(board);
    for (const CellRange& range : frame.opening(location, zone)) {
      for (int c = range.begin; c + length <= range.end; ++c) {
        if (!on_grid(frame, c, location.slot_minutes)) continue;
        const Instant start = frame.instant(c);
        if (start < earliest) continue;
        RefBooking booking{service, c, c + length};
        const Instant end = start + Minutes{svc->duration_minutes};
        if (restrict_to_chain(roster, query.responsible_chain, start, end, only.data())) booking.only = only.data();
        const int capacity = matcher.capacity(booking);
        if (capacity > 0) day.slots.push_back({start, end, capacity});
      }
    }
    if (!day.slots.empty()) days.push_back(std::move(day));
  }
  return days;
}

tl::expected<Placement, PlacementError> place(const Catalog& catalog, const Id& location_id,
                                              const std::vector<Appointment>& appointments,
                                              const Id& service_id, Instant start, Instant now,
                                              const std::vector<Id>& responsible_chain, int held_back_minutes) {
  const Roster roster(catalog, location_id);
  int service = -1;
  const Service* svc = active_service(roster, service_id, service);
  if (svc == nullptr) return tl::unexpected(PlacementError::unknown_service);
  const Zone zone = roster.zone();
  const Location& location = roster.location();
  const LocalDate day = local_date(zone, start);
  const DayFrame frame(zone, day);
  const int cell = frame.cell_floor(start);
  if (frame.instant(cell) != start || !on_grid(frame, cell, location.slot_minutes))
    return tl::unexpected(PlacementError::off_grid);
  if (start < now + Minutes{svc->lead_time_minutes} || day > local_date(zone, now) + date::days{svc->horizon_days})
    return tl::unexpected(PlacementError::outside_window);
  const int end = cell + cells_for(svc->duration_minutes);
  if (is_closed(location, day) || !inside_opening(frame.opening(location, zone), cell, end))
    return tl::unexpected(PlacementError::closed);
  RefBoard board(roster);
  board.reset(frame, held_back_minutes);
  const Instant day_end = frame.instant(frame.cells());
  for (int i = 0; i < static_cast<int>(appointments.size()); ++i) {
    const Appointment& a = appointments[static_cast<std::size_t>(i)];
    if (a.location_id == location.id && a.start < day_end && frame.midnight() < a.end) board.add(a, i);
  }
  std::vector<Word> only(static_cast<std::size_t>(roster.words()));
  RefBooking booking{service, cell, end};
  if (restrict_to_chain(roster, responsible_chain, start, start + Minutes{svc->duration_minutes}, only.data()))
    booking.only = only.data();
  RefMatcher matcher(board);
  const std::size_t mark = board.mark();
  const int staff = matcher.place(booking);
  if (staff < 0) return tl::unexpected(PlacementError::no_capacity);
  Placement placement{roster.staff(staff).id, {}};
  for (const RefMove& m : board.moves_since(mark)) {
    const Appointment& a = appointments[static_cast<std::size_t>(board.appointment(m.appointment).source)];
    placement.moves.push_back({a.id, a.staff_id, roster.staff(m.to).id});
  }
  return placement;
}

}  // namespace amt::testing::reference
