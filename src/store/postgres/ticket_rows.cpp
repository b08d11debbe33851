// Ticket rows: one SQL text per operation, column order in one place. change_ticket is a
// conditional UPDATE: under READ COMMITTED a second caller waits for the first one's row lock,
// re-checks the status and changes nothing, so two callers never both get one ticket.
#include "store/postgres/ticket_rows.hpp"

#include "store/postgres/values.hpp"
#include "store/ticket_values.hpp"

namespace amt::store::postgres {
namespace {

#define AMT_TICKET_COLUMNS                                                                     \
  "id, location_id, day, number, kind, status, issued_at, appointment_id, appointment_start, " \
  "staff_id, service_id, room, called_at"

// Whether the change would give the staff member a second called or in-service ticket on the
// ticket's location and day. Checked here so the update changes nothing instead of failing; two
// servers that both pass it at once meet migration 013's unique index, and the loser runs again.
#define AMT_HOLDS_ANOTHER(status, staff, id)                                                          \
  status " IN ('called', 'in_service') AND EXISTS (SELECT 1 FROM tickets held"                        \
  " WHERE held.location_id = tickets.location_id AND held.day = tickets.day AND held.staff_id = " staff \
  " AND held.status IN ('called', 'in_service') AND held.id <> " id ")"

Ticket read_ticket(const Row& r) { return ticket_from_row(r); }

std::optional<Ticket> first_ticket(const Rows& rows) {
  if (rows.size() == 0) return std::nullopt;
  return read_ticket(rows[0]);
}

Params& add_optional(Params& p, const std::optional<Instant>& t) {
  return t ? p.add(seconds(*t)) : p.add_null();
}

void insert_event(Connection& c, const TicketEvent& e) {
  Params p;
  p.add(e.ticket_id).add(ticket_action_name(e.action)).add(seconds(e.at)).add(e.staff_id).add(e.room);
  c.query("INSERT INTO ticket_events (ticket_id, action, at, staff_id, room) VALUES ($1, $2, $3, $4, $5)", p);
}

}  // namespace

std::vector<Ticket> tickets_issued(Connection& c, const Id& location_id, Instant from, Instant to) {
  auto rows = c.query("SELECT " AMT_TICKET_COLUMNS " FROM tickets"
                      " WHERE location_id = $1 AND issued_at >= $2 AND issued_at < $3 ORDER BY issued_at, id",
                      Params().add(location_id).add(seconds(from)).add(seconds(to)));
  std::vector<Ticket> out;
  for (const Row& r : rows) out.push_back(read_ticket(r));
  return out;
}

std::optional<Ticket> ticket_by_id(Connection& c, const Id& id) {
  return first_ticket(c.query("SELECT " AMT_TICKET_COLUMNS " FROM tickets WHERE id = $1", Params().add(id)));
}

std::optional<Ticket> ticket_by_request(Connection& c, std::string_view request_id) {
  if (request_id.empty()) return std::nullopt;
  return first_ticket(c.query("SELECT " AMT_TICKET_COLUMNS " FROM tickets WHERE request_id = $1",
                       Params().add(request_id)));
}

void insert_ticket(Connection& c, const Ticket& t, std::string_view request_id) {
  Params p;
  p.add(t.id).add(t.location_id).add(format_date(t.day)).add(t.number);
  p.add(ticket_kind_name(t.kind)).add(ticket_status_name(t.status)).add(seconds(t.issued_at));
  p.add(t.appointment_id);
  add_optional(p, t.appointment_start);
  p.add(t.staff_id).add(t.service_id).add(t.room);
  add_optional(p, t.called_at);
  p.add_text_or_null(request_id);
  c.query("INSERT INTO tickets (" AMT_TICKET_COLUMNS ", request_id)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
          p);
  insert_event(c, {t.id, TicketAction::issued, t.issued_at, "", t.room});
}

bool change_ticket(Connection& c, const Ticket& updated, TicketStatus expected, const TicketEvent& event) {
  Params p;
  p.add(updated.id).add(ticket_status_name(expected)).add(ticket_status_name(updated.status));
  p.add(updated.staff_id).add(updated.room);
  add_optional(p, updated.called_at);
  auto rows = c.query("UPDATE tickets SET status = $3, staff_id = $4, room = $5, called_at = $6"
                      " WHERE id = $1 AND status = $2 AND NOT (" AMT_HOLDS_ANOTHER("$3", "$4", "$1") ")",
                      p);
  if (rows.affected() == 0) return false;
  insert_event(c, event);
  return true;
}

std::vector<TicketEvent> ticket_events(Connection& c, const Id& ticket_id) {
  auto rows = c.query("SELECT ticket_id, action, at, staff_id, room FROM ticket_events"
                      " WHERE ticket_id = $1 ORDER BY id",
                      Params().add(ticket_id));
  std::vector<TicketEvent> out;
  for (const Row& r : rows)
    out.push_back({r.text(0), ticket_action_from(r.text(1)), instant(r.int64(2)), r.text(3), r.text(4)});
  return out;
}

#undef AMT_TICKET_COLUMNS
#undef AMT_HOLDS_ANOTHER

}  // namespace amt::store::postgres
