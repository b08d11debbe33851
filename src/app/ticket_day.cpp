// Reading one service day of tickets and numbering the next one.
#include "app/ticket_day.hpp"

#include <algorithm>
#include <string>

#include "app/secrets.hpp"

namespace amt::app {

std::vector<Ticket> of_day(std::vector<Ticket> tickets, LocalDate day) {
  std::erase_if(tickets, [&](const Ticket& t) { return t.day != day; });
  return tickets;
}

std::vector<Ticket> tickets_of_day(store::WriteTx& tx, const Id& location_id, LocalDate day, Instant now) {
  return of_day(tx.tickets(location_id, now - ticket_window, now + ticket_window), day);
}

std::optional<Ticket> ticket_of_appointment(store::WriteTx& tx, const Id& location_id, LocalDate day,
                                            Instant now, const Id& appointment_id) {
  for (Ticket& t : tickets_of_day(tx, location_id, day, now))
    if (t.appointment_id == appointment_id) return t;
  return std::nullopt;
}

std::optional<Ticket> held_by(const std::vector<Ticket>& today, const Id& staff_id, const Id& except_id) {
  if (staff_id.empty()) return std::nullopt;
  for (const Ticket& t : today)
    if (t.staff_id == staff_id && t.id != except_id &&
        (t.status == TicketStatus::called || t.status == TicketStatus::in_service))
      return t;
  return std::nullopt;
}

std::string next_number(const std::vector<Ticket>& today, TicketKind kind) {
  const auto n = std::count_if(today.begin(), today.end(), [&](const Ticket& t) { return t.kind == kind; }) + 1;
  std::string digits = std::to_string(n);
  const std::size_t width = kind == TicketKind::emergency ? 2 : 3;
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  const char prefix = kind == TicketKind::emergency ? 'N' : kind == TicketKind::appointment ? 'T' : 'W';
  return prefix + digits;
}

Ticket new_ticket(store::WriteTx& tx, const Id& location_id, LocalDate day, Instant now, TicketKind kind) {
  Ticket t;
  t.id = random_nonce();
  t.location_id = location_id;
  t.day = day;
  t.kind = kind;
  t.issued_at = now;
  t.number = next_number(tickets_of_day(tx, location_id, day, now), kind);
  return t;
}

}  // namespace amt::app
