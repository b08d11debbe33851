// Planner: free start times per day and the booking decision, on the capacity engine
// (roster = per-location preparation, day board = one day's cells, matcher = augmenting paths).
#include "core/availability.hpp"

#include "core/calendar.hpp"
#include "core/day_board.hpp"
#include "core/matching.hpp"
#include "core/responsibility.hpp"
#include "core/roster.hpp"

namespace amt {

using capacity::CellRange;
using capacity::DayBoard;
using capacity::DayFrame;
using capacity::kCellMinutes;
using capacity::Matcher;
using capacity::NewBooking;
using capacity::Word;

const char* to_string(PlacementError e) {
  switch (e) {
    case PlacementError::unknown_service: return "unknown_service";
    case PlacementError::off_grid: return "off_grid";
    case PlacementError::outside_window: return "outside_window";
    case PlacementError::closed: return "closed";
    case PlacementError::no_capacity: return "no_capacity";
  }
  return "no_capacity";
}

struct Planner::Impl {
  capacity::Roster roster;
  int held_back_minutes = 0;  // emergency reserve per day

  const Service* service(const Id& id, int& index) const {
    index = roster.service_index(id);
    if (index < 0 || !roster.service(index).active) return nullptr;
    return &roster.service(index);
  }
  // Who may take a booking of [start, end) for this citizen: nobody constrained (pool, returns
  // false), or the first present person of the chain in `only` (returns true; empty row: none).
  bool restrict_to_chain(const std::vector<Id>& chain, Instant start, Instant end, Word* only) const {
    if (chain.empty()) return false;
    capacity::fill(only, roster.words(), 0);
    const auto who = first_present(roster.own_catalog(), chain, start, end);
    const int index = who ? roster.staff_index(*who) : -1;
    if (index >= 0) capacity::set_bit(only, index);
    return true;
  }
  void scan_day(Matcher& matcher, const DayFrame& frame, int service, const SlotQuery& query,
                Instant earliest, std::vector<Slot>& out) const;
};

namespace {

int cells_for(int minutes) { return (minutes + kCellMinutes - 1) / kCellMinutes; }

bool on_grid(const DayFrame& frame, int cell, int slot_minutes) {
  return slot_minutes > 0 && frame.local_minute(cell) % slot_minutes == 0;
}

bool inside_opening(const std::vector<CellRange>& ranges, int begin, int end) {
  for (const CellRange& r : ranges)
    if (r.begin <= begin && end <= r.end) return true;
  return false;
}

// Appointments of this location that hold time, resolved against the roster in one pass over
// the list and grouped by the days (starting at midnights[i], the last entry being the end of the
// last day) they touch.
std::vector<std::vector<capacity::BoardEntry>> by_day(const capacity::Roster& roster,
                                                      const std::vector<Appointment>& appointments,
                                                      const std::vector<Instant>& midnights) {
  const int days = static_cast<int>(midnights.size()) - 1;
  std::vector<std::vector<capacity::BoardEntry>> buckets(static_cast<std::size_t>(days));
  const Id& location = roster.location().id;
  const std::size_t n = appointments.size();
  for (int i = 0; i < static_cast<int>(n); ++i) {
    // The list is long, each appointment large and long ids live on the heap: fetch the fields
    // read here ahead, the strings' bytes once their pointers have arrived.
    if (const std::size_t far = static_cast<std::size_t>(i) + 16; far < n) {
      __builtin_prefetch(&appointments[far].location_id);
      __builtin_prefetch(&appointments[far].staff_id);
      __builtin_prefetch(&appointments[far].status);
    }
    if (const std::size_t near = static_cast<std::size_t>(i) + 8; near < n) {
      __builtin_prefetch(appointments[near].service_id.data());
      __builtin_prefetch(appointments[near].staff_id.data());
      __builtin_prefetch(appointments[near].location_id.data());
    }
    const Appointment& a = appointments[static_cast<std::size_t>(i)];
    if (!holds_time(a.status) || a.location_id != location) continue;
    if (a.end <= midnights.front() || a.start >= midnights.back()) continue;
    const capacity::BoardEntry entry = DayBoard::resolve(roster, a, i);
    if (entry.holder < 0) continue;
    auto guess = (a.start - midnights.front()) / std::chrono::hours{24};
    int d = static_cast<int>(std::clamp<decltype(guess)>(guess, 0, days - 1));
    while (d > 0 && a.start < midnights[static_cast<std::size_t>(d)]) --d;
    while (d + 1 < days && a.start >= midnights[static_cast<std::size_t>(d + 1)]) ++d;
    for (; d < days && a.end > midnights[static_cast<std::size_t>(d)]; ++d)
      buckets[static_cast<std::size_t>(d)].push_back(entry);
  }
  return buckets;
}

}  // namespace

Planner::Planner(const Catalog& catalog, const Id& location_id, int held_back_minutes)
    : impl_(std::make_unique<Impl>(Impl{capacity::Roster(catalog, location_id), std::max(0, held_back_minutes)})) {}
Planner::~Planner() = default;
Planner::Planner(Planner&&) noexcept = default;
Planner& Planner::operator=(Planner&&) noexcept = default;

const Location& Planner::location() const { return impl_->roster.location(); }
Zone Planner::zone() const { return impl_->roster.zone(); }

int Planner::held_back_minutes(LocalDate day) const {
  if (impl_->held_back_minutes == 0 || is_closed(location(), day)) return 0;
  DayBoard board(impl_->roster);
  board.reset(DayFrame(zone(), day), impl_->held_back_minutes);
  return board.held_back_cells() * kCellMinutes;
}

void Planner::Impl::scan_day(Matcher& matcher, const DayFrame& frame, int service, const SlotQuery& query,
                             Instant earliest, std::vector<Slot>& out) const {
  const Service& svc = roster.service(service);
  const int length = cells_for(svc.duration_minutes);
  const Minutes duration{svc.duration_minutes};
  std::vector<Word> only(static_cast<std::size_t>(roster.words()));
  for (const CellRange& range : frame.opening(roster.location(), roster.zone())) {
    for (int c = range.begin; c + length <= range.end; ++c) {
      if (!on_grid(frame, c, roster.location().slot_minutes)) continue;
      const Instant start = frame.instant(c);
      if (start < earliest) continue;
      NewBooking booking{service, c, c + length};
      if (restrict_to_chain(query.responsible_chain, start, start + duration, only.data()))
        booking.only = only.data();
      const int capacity = matcher.capacity(booking);
      if (capacity > 0) out.push_back({start, start + duration, capacity});
    }
  }
}

std::vector<DaySlots> Planner::free_slots(const std::vector<Appointment>& appointments,
                                          const SlotQuery& query) const {
  int service = -1;
  const Service* svc = impl_->service(query.service_id, service);
  if (svc == nullptr) return {};
  const auto& roster = impl_->roster;
  const Instant earliest = query.now + Minutes{svc->lead_time_minutes};
  const LocalDate first = std::max(query.from, local_date(zone(), earliest));
  const LocalDate last = std::min(query.to, local_date(zone(), query.now) + date::days{svc->horizon_days});
  if (first > last) return {};

  std::vector<Instant> midnights;
  for (LocalDate d = first; d <= last + date::days{1}; d += date::days{1})
    midnights.push_back(capacity::local_midnight(zone(), d));
  const auto buckets = by_day(roster, appointments, midnights);

  std::vector<DaySlots> days;
  DayBoard board(roster);
  Matcher matcher(board);  // one for all days: what it keeps is checked against the board's version
  for (LocalDate d = first; d <= last; d += date::days{1}) {
    if (is_closed(location(), d)) continue;
    const DayFrame frame(zone(), d);
    board.reset(frame, impl_->held_back_minutes);
    for (const capacity::BoardEntry& entry : buckets[static_cast<std::size_t>((d - first).count())]) board.add(entry);
    DaySlots day{d, {}};
    impl_->scan_day(matcher, frame, service, query, earliest, day.slots);
    if (!day.slots.empty()) days.push_back(std::move(day));
  }
  return days;
}

tl::expected<Placement, PlacementError> Planner::place(const std::vector<Appointment>& appointments,
                                                       const Id& service_id, Instant start, Instant now,
                                                       const std::vector<Id>& responsible_chain) const {
  int service = -1;
  const Service* svc = impl_->service(service_id, service);
  if (svc == nullptr) return tl::unexpected(PlacementError::unknown_service);
  const LocalDate day = local_date(zone(), start);
  const DayFrame frame(zone(), day);
  const Instant cell_start = frame.instant(frame.cell_floor(start));
  const int cell = frame.cell_floor(start);
  if (cell_start != start || !on_grid(frame, cell, location().slot_minutes))
    return tl::unexpected(PlacementError::off_grid);
  if (start < now + Minutes{svc->lead_time_minutes} ||
      day > local_date(zone(), now) + date::days{svc->horizon_days})
    return tl::unexpected(PlacementError::outside_window);
  const int end = cell + cells_for(svc->duration_minutes);
  if (is_closed(location(), day) || !inside_opening(frame.opening(location(), zone()), cell, end))
    return tl::unexpected(PlacementError::closed);

  DayBoard board(impl_->roster);
  board.reset(frame, impl_->held_back_minutes);
  const Instant day_end = frame.instant(frame.cells());
  for (int i = 0; i < static_cast<int>(appointments.size()); ++i) {
    const Appointment& a = appointments[static_cast<std::size_t>(i)];
    if (a.location_id == location().id && a.start < day_end && frame.midnight() < a.end) board.add(a, i);
  }
  std::vector<Word> only(static_cast<std::size_t>(impl_->roster.words()));
  NewBooking booking{service, cell, end};
  if (impl_->restrict_to_chain(responsible_chain, start, start + Minutes{svc->duration_minutes}, only.data()))
    booking.only = only.data();
  Matcher matcher(board);
  const std::size_t mark = board.mark();
  const int staff = matcher.place(booking);
  if (staff < 0) return tl::unexpected(PlacementError::no_capacity);

  Placement placement{impl_->roster.staff(staff).id, {}};
  for (const capacity::Move& m : board.moves_since(mark)) {
    const Appointment& a = appointments[static_cast<std::size_t>(board.appointment(m.appointment).source)];
    placement.moves.push_back({a.id, a.staff_id, impl_->roster.staff(m.to).id});
  }
  return placement;
}

}  // namespace amt
