// WriteTx forwards to the row functions the read side uses too, taking the locks described in
// write_tx.hpp first. Locks are transaction-scoped advisory locks keyed by (kind, hash of the id):
// a hash collision only makes two unrelated writers take turns.
#include "store/postgres/write_tx.hpp"

#include <algorithm>

#include "store/postgres/appointment_rows.hpp"
#include "store/postgres/outbox_rows.hpp"
#include "store/postgres/ticket_rows.hpp"
#include "store/postgres/values.hpp"

namespace amt::store::postgres {
namespace {

// 4 is a login name's sign-in throttle (staff_write_tx.cpp).
enum LockKind { location_calendar = 1, contact = 2, location_day = 3 };

// A write that reads more days than this locks them all through one key per location instead
// (none of the use cases does today; their windows are about three days).
constexpr std::int64_t max_locked_days = 14;

void lock(Connection& c, LockKind kind, std::string_view key) {
  c.query("SELECT pg_advisory_xact_lock($1::integer, hashtext($2))", Params().add(static_cast<int>(kind)).add(key));
}


}  // namespace

// The days come as an array, not as generate_series over the first and last: for that, the generic
// plan expected a thousand rows, and PostgreSQL planned the statement afresh on every booking.
const char* const lock_days_sql =
    "SELECT CASE WHEN d IS NULL THEN pg_advisory_xact_lock_shared($1::integer, hashtext($3))"
    " ELSE pg_advisory_xact_lock($2::integer, hashtext($3 || '@' || d)) END"
    " FROM (SELECT NULL::bigint AS d UNION ALL SELECT unnest($4::bigint[])) AS s";

std::vector<Appointment> PgWriteTx::appointments(const Id& location_id, Instant from, Instant to) {
  lock_days(location_id, from, to);
  return appointments_overlapping(c_, location_id, from, to);
}

std::vector<Appointment> PgWriteTx::appointments_to_plan(const Id& location_id, Instant from, Instant to) {
  lock_days(location_id, from, to);
  return appointments_overlapping(c_, location_id, from, to, AppointmentFields::planning);
}

// Locks the location's calendar for each UTC day that [from, to) touches, in ascending order (so
// two writers never wait for each other crosswise). Every write of a booking lies inside the
// window it read, so writers whose windows share no day cannot change what the other decides on,
// and they run side by side; the ones that share a day take turns. All of them hold the location
// key shared; a window longer than max_locked_days takes it exclusively instead of its days.
// The lock statement goes out in the round trip of the read that follows it.
void PgWriteTx::lock_days(const Id& location_id, Instant from, Instant to) {
  constexpr std::int64_t day = 86400;
  const auto floor_day = [](std::int64_t s) { return s >= 0 ? s / day : (s - day + 1) / day; };
  const std::int64_t first = floor_day(seconds(from));
  const std::int64_t last = std::max(first, floor_day(seconds(to) - 1));
  if (last - first >= max_locked_days) {
    lock(c_, location_calendar, location_id);
  } else {  // one statement: the location key shared first, then each day in order
    std::string days = "{";
    for (std::int64_t d = first; d <= last; ++d) days += (d == first ? "" : ",") + std::to_string(d);
    c_.before_next_query(lock_days_sql,
                         Params().add(static_cast<int>(location_calendar)).add(static_cast<int>(location_day))
                             .add(location_id).add(days + "}"));
  }
}

std::optional<Appointment> PgWriteTx::appointment_by_code(std::string_view code) {
  return postgres::appointment_by_code(c_, code, true);
}

std::optional<Appointment> PgWriteTx::appointment_by_id(const Id& id) {
  return postgres::appointment_by_id(c_, id, true);
}

// A new code that another server inserts at the same moment fails the insert (unique), and the
// write runs again.
bool PgWriteTx::code_exists(std::string_view code) { return postgres::code_exists(c_, code); }

void PgWriteTx::insert_appointment(const Appointment& a) { postgres::insert_appointment(c_, a); }

void PgWriteTx::update_appointment(const Appointment& a) { postgres::update_appointment(c_, a); }

int PgWriteTx::count_active_for_contact(const std::string& email, const std::string& phone, Instant now) {
  // Both keys in one statement, in a fixed order, so two writers never wait for each other
  // crosswise; an empty e-mail or phone locks nothing.
  if (email.empty() && phone.empty()) return 0;
  std::string keys[2] = {"e:" + email, "p:" + phone};
  std::sort(std::begin(keys), std::end(keys));
  Params p;
  p.add(static_cast<int>(contact));
  for (const std::string& key : keys) p.add_text_or_null(key.size() > 2 ? std::string_view(key) : "");
  c_.before_next_query("SELECT pg_advisory_xact_lock($1::integer, hashtext(k))"
                       " FROM (VALUES (1, $2::text), (2, $3::text)) AS v (i, k) WHERE k IS NOT NULL ORDER BY i",
                       std::move(p));
  return postgres::count_active_for_contact(c_, email, phone, now);  // the locks and the count in one round trip
}

// Two servers saving one key at once: the second insert fails (primary key) once the first
// commits, and its write runs again and finds the first one's record here.
std::optional<IdempotencyRecord> PgWriteTx::idempotency(std::string_view key) {
  return postgres::idempotency(c_, key);
}

void PgWriteTx::save_idempotency(const IdempotencyRecord& record) { postgres::save_idempotency(c_, record); }

// Two servers queueing a message with one dedupe key: the second insert waits for the first to
// commit and then does nothing.
bool PgWriteTx::enqueue_outbox(const OutboxMessage& message) { return postgres::enqueue_outbox(c_, message); }
int PgWriteTx::withdraw_outbox(const Id& appointment_id, std::string_view kind, Instant now) {
  return postgres::withdraw_outbox(c_, appointment_id, kind, now);
}

bool PgWriteTx::withdraw_outbox_message(std::string_view dedupe_key, Instant now) {
  return postgres::withdraw_outbox_message(c_, dedupe_key, now);
}

void PgWriteTx::insert_document(const StoredDocument& document) { postgres::insert_document(c_, document); }

// The per-appointment file limit rests on this count: locking the appointment's row first makes two
// uploads for one appointment (on any servers) take turns, the second counting the first's file.
std::vector<StoredDocument> PgWriteTx::documents(const Id& appointment_id) {
  postgres::appointment_by_id(c_, appointment_id, true);
  return postgres::documents(c_, appointment_id);
}

std::vector<Ticket> PgWriteTx::tickets(const Id& location_id, Instant from, Instant to) {
  return tickets_issued(c_, location_id, from, to);
}

std::optional<Ticket> PgWriteTx::ticket_by_id(const Id& id) { return postgres::ticket_by_id(c_, id); }

std::optional<Ticket> PgWriteTx::ticket_by_request(std::string_view request_id) {
  return postgres::ticket_by_request(c_, request_id);
}

void PgWriteTx::insert_ticket(const Ticket& t, std::string_view request_id) {
  postgres::insert_ticket(c_, t, request_id);
}

bool PgWriteTx::change_ticket(const Ticket& updated, TicketStatus expected, const TicketEvent& event) {
  return postgres::change_ticket(c_, updated, expected, event);
}

}  // namespace amt::store::postgres
