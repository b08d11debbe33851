// The waiting queue on site: who is called next, and what the kiosk may hand out on a given day
// (Terminpflicht). Pure rules; tickets are stored and changed by the app layer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace amt {

// Why someone waits: an acute emergency (Notfall), a checked-in appointment, or a walk-in before
// the Terminpflicht cut-off. Declared in queue order: called_before compares kinds by value.
enum class TicketKind : std::uint8_t { emergency, appointment, walk_in };
enum class TicketStatus : std::uint8_t { waiting, called, in_service, done, no_show, cancelled };

// Wartemarke: a queue entry, shown on screens by its number only, never by name.
struct Ticket {
  Id id;
  Id location_id;
  std::string number;  // what the display shows, e.g. "N07", "T123"
  TicketKind kind = TicketKind::walk_in;
  TicketStatus status = TicketStatus::waiting;
  Instant issued_at{};
  std::optional<Instant> appointment_start;  // appointment tickets: the booked time
  Id staff_id;    // who should see them; empty: anyone qualified
  Id service_id;  // the concern; empty: anyone (emergencies)
  Id appointment_id;  // appointment tickets: the checked-in appointment
  LocalDate day{};    // the local service day; numbers are unique per location and day
  std::string room;   // where the visitor was called to; empty while waiting
  std::optional<Instant> called_at;  // the last call or recall (the display orders by it)
};

// What happened to a ticket, one stored event per change (its life cycle with timestamps).
enum class TicketAction : std::uint8_t {
  issued, called, recalled, no_show, requeued, started, finished, transferred, cancelled
};

// Queue order: emergencies first (longest waiting first), then checked-in appointments by their
// booked time, then walk-ins by arrival; equal keys by issue time, then by ticket number (two drawn
// in the same second keep the order of the numbers they hold), then id, so the order is total.
bool called_before(const Ticket& a, const Ticket& b);

// Who is asking to call: their id and what they may handle.
struct Caller {
  Id staff_id;
  std::vector<Id> skills;  // sorted
  bool emergency_desk = false;  // takes emergencies even without the concern's skill
};

// Whether this caller may call this waiting ticket: their own appointments, unassigned tickets of
// a concern they handle, and emergencies when they staff the emergency desk.
bool may_call(const Caller& caller, const Ticket& ticket);

// The first waiting ticket in queue order that the caller may call.
std::optional<Id> next_ticket(const std::vector<Ticket>& tickets, const Caller& caller);

// A waiting emergency beyond the target wait raises the alarm at reception.
bool waits_too_long(const Ticket& t, Instant now, Minutes target);

// What the kiosk offers. Before the Terminpflicht cut-off walk-in tickets for any concern; from that
// day only check-ins and emergencies get tickets, everyone else is guided to book.
bool walk_in_allowed(const Location& location, LocalDate today);

// Check-in by booking code at the kiosk or reception.
enum class CheckInVerdict : std::uint8_t {
  on_time,          // ticket now
  early,            // more than the early window before: come back from `from`
  late,             // beyond the grace after the start: guided to reception or to book anew
  wrong_day,        // not today
  not_checkable,    // cancelled, done, no-show, or another location
  already_checked_in,
};

struct CheckInRules {
  Minutes early_window{60};  // how long before the start a check-in is accepted
  Minutes late_grace{15};    // how long after the start it still is
};

struct CheckIn {
  CheckInVerdict verdict;
  Instant from;  // early: the first moment a check-in is accepted
};

CheckIn evaluate_check_in(const Appointment& appointment, const Id& location_id, Zone zone, Instant now,
                          const CheckInRules& rules = {});

}  // namespace amt
