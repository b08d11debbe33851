// Ticket rows: one SQL text per operation, column order in one place.
#include "store/sqlite/ticket_rows.hpp"

#include "store/sqlite/values.hpp"
#include "store/ticket_values.hpp"

namespace amt::store::sqlite {
namespace {

#define AMT_TICKET_COLUMNS                                                                     \
  "id, location_id, day, number, kind, status, issued_at, appointment_id, appointment_start, " \
  "staff_id, service_id, room, called_at"

// Whether the change would give the staff member a second called or in-service ticket on the
// ticket's location and day (migration 013's index refuses that; checked here first so the
// update changes nothing instead of failing).
#define AMT_HOLDS_ANOTHER(status, staff, id)                                                          \
  status " IN ('called', 'in_service') AND EXISTS (SELECT 1 FROM tickets held"                        \
  " WHERE held.location_id = tickets.location_id AND held.day = tickets.day AND held.staff_id = " staff \
  " AND held.status IN ('called', 'in_service') AND held.id <> " id ")"

Ticket read_ticket(const Query& r) { return ticket_from_row(r); }

void bind_optional(Query& q, int index, const std::optional<Instant>& t) {
  if (t) q.bind(index, seconds(*t));
  else q.bind_null(index);
}

void insert_event(Connection& c, const TicketEvent& e) {
  auto q = c.query("INSERT INTO ticket_events (ticket_id, action, at, staff_id, room)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)");
  q.bind(1, e.ticket_id).bind(2, ticket_action_name(e.action)).bind(3, seconds(e.at));
  q.bind(4, e.staff_id).bind(5, e.room);
  q.run();
}

}  // namespace

std::vector<Ticket> tickets_issued(Connection& c, const Id& location_id, Instant from, Instant to) {
  auto q = c.query("SELECT " AMT_TICKET_COLUMNS " FROM tickets"
                   " WHERE location_id = ?1 AND issued_at >= ?2 AND issued_at < ?3 ORDER BY issued_at, id");
  q.bind(1, location_id).bind(2, seconds(from)).bind(3, seconds(to));
  std::vector<Ticket> out;
  while (q.step()) out.push_back(read_ticket(q));
  return out;
}

std::optional<Ticket> ticket_by_id(Connection& c, const Id& id) {
  auto q = c.query("SELECT " AMT_TICKET_COLUMNS " FROM tickets WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_ticket(q);
}

std::optional<Ticket> ticket_by_request(Connection& c, std::string_view request_id) {
  if (request_id.empty()) return std::nullopt;
  auto q = c.query("SELECT " AMT_TICKET_COLUMNS " FROM tickets WHERE request_id = ?1");
  q.bind(1, request_id);
  if (!q.step()) return std::nullopt;
  return read_ticket(q);
}

void insert_ticket(Connection& c, const Ticket& t, std::string_view request_id) {
  auto q = c.query("INSERT INTO tickets (" AMT_TICKET_COLUMNS ", request_id)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  q.bind(1, t.id).bind(2, t.location_id).bind(3, format_date(t.day)).bind(4, t.number);
  q.bind(5, ticket_kind_name(t.kind)).bind(6, ticket_status_name(t.status)).bind(7, seconds(t.issued_at));
  q.bind(8, t.appointment_id);
  bind_optional(q, 9, t.appointment_start);
  q.bind(10, t.staff_id).bind(11, t.service_id).bind(12, t.room);
  bind_optional(q, 13, t.called_at);
  q.bind_text_or_null(14, request_id);
  q.run();
  insert_event(c, {t.id, TicketAction::issued, t.issued_at, "", t.room});
}

bool change_ticket(Connection& c, const Ticket& updated, TicketStatus expected, const TicketEvent& event) {
  auto q = c.query("UPDATE tickets SET status = ?3, staff_id = ?4, room = ?5, called_at = ?6"
                   " WHERE id = ?1 AND status = ?2 AND NOT (" AMT_HOLDS_ANOTHER("?3", "?4", "?1") ")");
  q.bind(1, updated.id).bind(2, ticket_status_name(expected)).bind(3, ticket_status_name(updated.status));
  q.bind(4, updated.staff_id).bind(5, updated.room);
  bind_optional(q, 6, updated.called_at);
  q.run();
  if (q.changes() == 0) return false;
  insert_event(c, event);
  return true;
}

std::vector<TicketEvent> ticket_events(Connection& c, const Id& ticket_id) {
  auto q = c.query("SELECT ticket_id, action, at, staff_id, room FROM ticket_events"
                   " WHERE ticket_id = ?1 ORDER BY id");
  q.bind(1, ticket_id);
  std::vector<TicketEvent> out;
  while (q.step())
    out.push_back({q.text(0), ticket_action_from(q.text(1)), instant(q.int64(2)), q.text(3), q.text(4)});
  return out;
}

#undef AMT_TICKET_COLUMNS
#undef AMT_HOLDS_ANOTHER

}  // namespace amt::store::sqlite
