// Reading and writing appointments and idempotency keys on one connection. The store's read
// methods and the write transaction share these, so each query exists once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "store/appointment_row.hpp"
#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace amt::store::postgres {

std::vector<Appointment> appointments_overlapping(Connection& c, const Id& location_id, Instant from,
                                                  Instant to, AppointmentFields fields = AppointmentFields::all);
// for_update locks the row until the transaction ends (a write transaction's read-modify-write).
std::optional<Appointment> appointment_by_code(Connection& c, std::string_view code, bool for_update = false);
std::optional<Appointment> appointment_by_id(Connection& c, const Id& id, bool for_update = false);
bool code_exists(Connection& c, std::string_view code);
std::int64_t count_appointments(Connection& c);
// The service center's find; find_appointments_sql is its text for locations locations (the
// query-plan test reads it) and find_appointments_params its parameters.
std::vector<Appointment> find_appointments(Connection& c, const AppointmentSearch& search);
std::string find_appointments_sql(std::size_t locations);
Params find_appointments_params(const AppointmentSearch& search);
// The statement behind count_active_for_contact for a contact with an e-mail address, a phone
// number or both: their values in that order, then now.
const std::string& count_active_for_contact_sql(bool email, bool phone);
int count_active_for_contact(Connection& c, const std::string& email, const std::string& phone,
                             Instant now);

void insert_appointment(Connection& c, const Appointment& a);
void update_appointment(Connection& c, const Appointment& a);  // throws if the id is unknown

std::optional<IdempotencyRecord> idempotency(Connection& c, std::string_view key);
void save_idempotency(Connection& c, const IdempotencyRecord& record);
int purge_idempotency(Connection& c, Instant cutoff);

}  // namespace amt::store::postgres
