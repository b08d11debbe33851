// Queue order, who may call whom, the Terminpflicht rule for walk-ins and check-in verdicts.
#include "core/queue.hpp"

#include <algorithm>
#include <string>
#include <tuple>

namespace amt {

namespace {

// Appointments queue by their booked time, so arriving early earns no place ahead of others.
Instant queue_time(const Ticket& t) {
  if (t.kind == TicketKind::appointment && t.appointment_start) return *t.appointment_start;
  return t.issued_at;
}

// Numbers of one kind share their letter and are zero-padded, but grow past the padding ("W999",
// "W1000"): the shorter one was drawn first.
bool drawn_before(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

}  // namespace

bool called_before(const Ticket& a, const Ticket& b) {
  const auto key_a = std::make_tuple(a.kind, queue_time(a), a.issued_at);
  const auto key_b = std::make_tuple(b.kind, queue_time(b), b.issued_at);
  if (key_a != key_b) return key_a < key_b;
  // Drawn in the same second: the number the visitor holds says who came first.
  if (a.number != b.number) return drawn_before(a.number, b.number);
  return a.id < b.id;
}

bool may_call(const Caller& caller, const Ticket& ticket) {
  if (ticket.status != TicketStatus::waiting) return false;
  if (!ticket.staff_id.empty()) return ticket.staff_id == caller.staff_id;
  if (ticket.kind == TicketKind::emergency && caller.emergency_desk) return true;
  if (ticket.service_id.empty()) return caller.emergency_desk;
  return std::binary_search(caller.skills.begin(), caller.skills.end(), ticket.service_id);
}

std::optional<Id> next_ticket(const std::vector<Ticket>& tickets, const Caller& caller) {
  const Ticket* best = nullptr;
  for (const Ticket& t : tickets) {
    if (!may_call(caller, t)) continue;
    if (best == nullptr || called_before(t, *best)) best = &t;
  }
  if (best == nullptr) return std::nullopt;
  return best->id;
}

bool waits_too_long(const Ticket& t, Instant now, Minutes target) {
  return t.kind == TicketKind::emergency && t.status == TicketStatus::waiting && now - t.issued_at > target;
}

bool walk_in_allowed(const Location& location, LocalDate today) { return today < location.terminpflicht_from; }

CheckIn evaluate_check_in(const Appointment& a, const Id& location_id, Zone zone, Instant now,
                          const CheckInRules& rules) {
  if (a.location_id != location_id) return {CheckInVerdict::not_checkable, {}};
  if (a.status == AppointmentStatus::checked_in || a.status == AppointmentStatus::called ||
      a.status == AppointmentStatus::in_service)
    return {CheckInVerdict::already_checked_in, {}};
  if (a.status != AppointmentStatus::booked) return {CheckInVerdict::not_checkable, {}};
  if (local_date(zone, a.start) != local_date(zone, now)) return {CheckInVerdict::wrong_day, {}};
  const Instant from = a.start - rules.early_window;
  if (now < from) return {CheckInVerdict::early, from};
  if (now > a.start + rules.late_grace) return {CheckInVerdict::late, {}};
  return {CheckInVerdict::on_time, {}};
}

}  // namespace amt
