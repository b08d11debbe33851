// WriteTx forwards to the row functions the read side uses too.
#include "store/sqlite/write_tx.hpp"

#include "store/sqlite/appointment_rows.hpp"
#include "store/sqlite/outbox_rows.hpp"
#include "store/sqlite/ticket_rows.hpp"

namespace amt::store::sqlite {

std::vector<Appointment> SqliteWriteTx::appointments(const Id& location_id, Instant from, Instant to) {
  return appointments_overlapping(c_, location_id, from, to);
}

std::vector<Appointment> SqliteWriteTx::appointments_to_plan(const Id& location_id, Instant from, Instant to) {
  return planning_.appointments_to_plan(c_, location_id, from, to);
}

std::optional<Appointment> SqliteWriteTx::appointment_by_code(std::string_view code) {
  return sqlite::appointment_by_code(c_, code);
}

std::optional<Appointment> SqliteWriteTx::appointment_by_id(const Id& id) {
  return sqlite::appointment_by_id(c_, id);
}

bool SqliteWriteTx::code_exists(std::string_view code) { return sqlite::code_exists(c_, code); }

void SqliteWriteTx::insert_appointment(const Appointment& a) { sqlite::insert_appointment(c_, a); }

void SqliteWriteTx::update_appointment(const Appointment& a) { sqlite::update_appointment(c_, a); }

int SqliteWriteTx::count_active_for_contact(const std::string& email, const std::string& phone,
                                            Instant now) {
  return sqlite::count_active_for_contact(c_, email, phone, now);
}

std::optional<IdempotencyRecord> SqliteWriteTx::idempotency(std::string_view key) {
  return sqlite::idempotency(c_, key);
}

void SqliteWriteTx::save_idempotency(const IdempotencyRecord& record) {
  sqlite::save_idempotency(c_, record);
}

bool SqliteWriteTx::enqueue_outbox(const OutboxMessage& message) { return sqlite::enqueue_outbox(c_, message); }
int SqliteWriteTx::withdraw_outbox(const Id& appointment_id, std::string_view kind, Instant now) {
  return sqlite::withdraw_outbox(c_, appointment_id, kind, now);
}

bool SqliteWriteTx::withdraw_outbox_message(std::string_view dedupe_key, Instant now) {
  return sqlite::withdraw_outbox_message(c_, dedupe_key, now);
}

void SqliteWriteTx::insert_document(const StoredDocument& document) { sqlite::insert_document(c_, document); }

std::vector<StoredDocument> SqliteWriteTx::documents(const Id& appointment_id) {
  return sqlite::documents(c_, appointment_id);
}

std::vector<Ticket> SqliteWriteTx::tickets(const Id& location_id, Instant from, Instant to) {
  return tickets_issued(c_, location_id, from, to);
}

std::optional<Ticket> SqliteWriteTx::ticket_by_id(const Id& id) { return sqlite::ticket_by_id(c_, id); }

std::optional<Ticket> SqliteWriteTx::ticket_by_request(std::string_view request_id) {
  return sqlite::ticket_by_request(c_, request_id);
}

void SqliteWriteTx::insert_ticket(const Ticket& t, std::string_view request_id) {
  sqlite::insert_ticket(c_, t, request_id);
}

bool SqliteWriteTx::change_ticket(const Ticket& updated, TicketStatus expected, const TicketEvent& event) {
  return sqlite::change_ticket(c_, updated, expected, event);
}

}  // namespace amt::store::sqlite
