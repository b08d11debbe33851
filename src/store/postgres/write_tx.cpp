// WriteTx forwards to the row functions the read side uses too.
#include "store/postgres/write_tx.hpp"

#include "store/postgres/appointment_rows.hpp"

namespace amt::store::postgres {

std::vector<Appointment> PgWriteTx::appointments(const Id& location_id, Instant from, Instant to) {
  return appointments_overlapping(c_, location_id, from, to);
}

std::optional<Appointment> PgWriteTx::appointment_by_code(std::string_view code) {
  return postgres::appointment_by_code(c_, code);
}

std::optional<Appointment> PgWriteTx::appointment_by_id(const Id& id) {
  return postgres::appointment_by_id(c_, id);
}

bool PgWriteTx::code_exists(std::string_view code) { return postgres::code_exists(c_, code); }

void PgWriteTx::insert_appointment(const Appointment& a) { postgres::insert_appointment(c_, a); }

void PgWriteTx::update_appointment(const Appointment& a) { postgres::update_appointment(c_, a); }

int PgWriteTx::count_active_for_contact(const std::string& email, const std::string& phone,
                                            Instant now) {
  return postgres::count_active_for_contact(c_, email, phone, now);
}

std::optional<IdempotencyRecord> PgWriteTx::idempotency(std::string_view key) {
  return postgres::idempotency(c_, key);
}

void PgWriteTx::save_idempotency(const IdempotencyRecord& record) {
  postgres::save_idempotency(c_, record);
}

}  // namespace amt::store::postgres
