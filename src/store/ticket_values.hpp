// How ticket kinds, statuses and actions are spelled in the database; both backends use these.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "core/queue.hpp"

namespace amt::store {

std::string_view ticket_kind_name(TicketKind k);
std::string_view ticket_status_name(TicketStatus s);
std::string_view ticket_action_name(TicketAction a);
// Throw std::runtime_error for a spelling the schema's CHECK constraints would not allow.
TicketKind ticket_kind_from(std::string_view s);
TicketStatus ticket_status_from(std::string_view s);
TicketAction ticket_action_from(std::string_view s);

// A ticket from one result row of either backend (text, int64 and is_null by column number),
// columns in the order id, location_id, day, number, kind, status, issued_at, appointment_id,
// appointment_start, staff_id, service_id, room, called_at; instants as unix seconds.
template <class Row>
Ticket ticket_from_row(const Row& r) {
  auto instant_at = [&](int column) -> std::optional<Instant> {
    if (r.is_null(column)) return std::nullopt;
    return Instant{std::chrono::seconds{r.int64(column)}};
  };
  Ticket t;
  t.id = r.text(0);
  t.location_id = r.text(1);
  auto day = parse_date(r.text(2));
  if (!day) throw std::runtime_error("ticket " + t.id + ": bad day");
  t.day = *day;
  t.number = r.text(3);
  t.kind = ticket_kind_from(r.text(4));
  t.status = ticket_status_from(r.text(5));
  t.issued_at = *instant_at(6);
  t.appointment_id = r.text(7);
  t.appointment_start = instant_at(8);
  t.staff_id = r.text(9);
  t.service_id = r.text(10);
  t.room = r.text(11);
  t.called_at = instant_at(12);
  return t;
}

}  // namespace amt::store
