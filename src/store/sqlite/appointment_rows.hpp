// Reading and writing appointments and idempotency keys on one connection. The store's read
// methods and the write transaction share these, so each query exists once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "store/appointment_row.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace amt::store::sqlite {

std::vector<Appointment> appointments_overlapping(Connection& c, const Id& location_id, Instant from,
                                                  Instant to, AppointmentFields fields = AppointmentFields::all);
// The planning rows of appointments_overlapping with their rowids, for the writer's cache
// (planning_cache.hpp): a row by rowid, and the overlap test and order of the query in C++.
struct PlanningRow {
  std::int64_t rowid;
  Appointment appointment;
};
std::vector<PlanningRow> planning_rows(Connection& c, const Id& location_id, Instant from, Instant to);
std::optional<Appointment> planning_row(Connection& c, std::int64_t rowid);
bool planning_row_matches(const Appointment& a, const Id& location_id, Instant from, Instant to);
bool planning_order(const Appointment& a, const Appointment& b);
std::optional<Appointment> appointment_by_code(Connection& c, std::string_view code);
std::optional<Appointment> appointment_by_id(Connection& c, const Id& id);
bool code_exists(Connection& c, std::string_view code);
std::int64_t count_appointments(Connection& c);
// The service center's find; find_appointments_sql is its text for locations locations (the
// query-plan test reads it).
std::vector<Appointment> find_appointments(Connection& c, const AppointmentSearch& search);
std::string find_appointments_sql(std::size_t locations);
// The statement behind count_active_for_contact: ?1 e-mail, ?2 phone (NULL for none), ?3 now.
extern const char* const count_active_for_contact_sql;
int count_active_for_contact(Connection& c, const std::string& email, const std::string& phone,
                             Instant now);

void insert_appointment(Connection& c, const Appointment& a);
void update_appointment(Connection& c, const Appointment& a);  // throws if the id is unknown

std::optional<IdempotencyRecord> idempotency(Connection& c, std::string_view key);
void save_idempotency(Connection& c, const IdempotencyRecord& record);
int purge_idempotency(Connection& c, Instant cutoff);

}  // namespace amt::store::sqlite
