// Appointment and idempotency rows: one SQL text per operation, column order in one place.
#include "store/sqlite/appointment_rows.hpp"

#include <stdexcept>

#include "core/search_keys.hpp"
#include "store/appointment_row.hpp"
#include "store/sqlite/values.hpp"

namespace amt::store::sqlite {
namespace {

// Binds every column but id and created_at, starting at parameter 2 (1 is the id).
void bind_fields(Query& q, const Appointment& a) {
  q.bind(2, a.code).bind(3, a.location_id).bind(4, a.service_id).bind(5, a.staff_id);
  q.bind(6, seconds(a.start)).bind(7, seconds(a.end));
  q.bind(8, std::string_view(to_string(a.channel))).bind(9, std::string_view(to_string(a.status)));
  q.bind(10, a.staff_fixed ? 1 : 0).bind(11, a.manage_token_hash);
  q.bind(12, a.contact.name).bind(13, a.contact.email).bind(14, a.contact.phone);
  q.bind(15, a.customer_number).bind(16, a.note).bind(17, a.language);
}

// The overlap test of appointments_overlapping; planning_row_matches is the same test in C++.
#define AMT_OVERLAPPING                                                                             \
  " FROM appointments WHERE location_id = ?1 AND start_utc > ?2 AND start_utc < ?3 AND end_utc > ?4" \
  " AND status NOT IN ('cancelled', 'no_show') ORDER BY start_utc, id"

void bind_overlapping(Query& q, const Id& location_id, Instant from, Instant to) {
  q.bind(1, location_id).bind(2, seconds(from) - max_appointment_seconds).bind(3, seconds(to));
  q.bind(4, seconds(from));
}

}  // namespace

std::vector<Appointment> appointments_overlapping(Connection& c, const Id& location_id, Instant from,
                                                  Instant to, AppointmentFields fields) {
  const bool planning = fields == AppointmentFields::planning;
  auto q = c.query(planning ? "SELECT " AMT_APPOINTMENT_PLANNING_COLUMNS AMT_OVERLAPPING
                            : "SELECT " AMT_APPOINTMENT_COLUMNS AMT_OVERLAPPING);
  bind_overlapping(q, location_id, from, to);
  std::vector<Appointment> out;
  while (q.step()) out.push_back(planning ? read_appointment_to_plan(q) : read_appointment(q));
  return out;
}

std::vector<PlanningRow> planning_rows(Connection& c, const Id& location_id, Instant from, Instant to) {
  auto q = c.query("SELECT " AMT_APPOINTMENT_PLANNING_COLUMNS ", rowid" AMT_OVERLAPPING);
  bind_overlapping(q, location_id, from, to);
  std::vector<PlanningRow> out;
  while (q.step()) out.push_back({q.int64(8), read_appointment_to_plan(q)});
  return out;
}

std::optional<Appointment> planning_row(Connection& c, std::int64_t rowid) {
  auto q = c.query("SELECT " AMT_APPOINTMENT_PLANNING_COLUMNS " FROM appointments WHERE rowid = ?1");
  q.bind(1, rowid);
  if (!q.step()) return std::nullopt;
  return read_appointment_to_plan(q);
}

bool planning_row_matches(const Appointment& a, const Id& location_id, Instant from, Instant to) {
  return a.location_id == location_id && seconds(a.start) > seconds(from) - max_appointment_seconds &&
         a.start < to && a.end > from && holds_time(a.status);
}

bool planning_order(const Appointment& a, const Appointment& b) {
  // ORDER BY start_utc, id: ids compare as bytes (SQLite's BINARY collation), as std::string does.
  return a.start != b.start ? a.start < b.start : a.id < b.id;
}

std::optional<Appointment> appointment_by_code(Connection& c, std::string_view code) {
  auto q = c.query("SELECT " AMT_APPOINTMENT_COLUMNS " FROM appointments WHERE code = ?1");
  q.bind(1, code);
  if (!q.step()) return std::nullopt;
  return read_appointment(q);
}

std::optional<Appointment> appointment_by_id(Connection& c, const Id& id) {
  auto q = c.query("SELECT " AMT_APPOINTMENT_COLUMNS " FROM appointments WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_appointment(q);
}

bool code_exists(Connection& c, std::string_view code) {
  auto q = c.query("SELECT 1 FROM appointments WHERE code = ?1");
  q.bind(1, code);
  return q.step();
}

std::int64_t count_appointments(Connection& c) {
  auto q = c.query("SELECT count(*) FROM appointments");
  q.step();
  return q.int64(0);
}

// Each kind of key is one index lookup (code, phone_key, customer_key, a prefix range of the name
// suffixes); the union of their few ids then reaches the rows by primary key. CROSS JOIN keeps
// SQLite from driving the search by location instead, which would read every booking there, and
// INDEXED BY from scanning when its statistics say many bookings share one number.
std::string find_appointments_sql(std::size_t locations) {
  std::string in;
  for (std::size_t i = 0; i < locations; ++i) in += (i ? ", ?" : "?") + std::to_string(10 + i);
  return "SELECT " AMT_APPOINTMENT_COLUMNS " FROM ("
         "SELECT id AS found_id FROM appointments WHERE code = ?1"
         " UNION SELECT id FROM appointments INDEXED BY appointments_by_phone_key WHERE phone_key = ?2"
         " UNION SELECT id FROM appointments INDEXED BY appointments_by_customer_key WHERE customer_key = ?3"
         " UNION SELECT appointment_id FROM appointment_name_keys WHERE name_key >= ?4 AND name_key < ?5"
         ") AS found CROSS JOIN appointments ON id = found.found_id"
         " WHERE location_id IN (" + in + ") AND start_utc > ?6 AND start_utc < ?7 AND end_utc > ?8"
         " AND status NOT IN ('cancelled', 'no_show') ORDER BY start_utc, id LIMIT ?9";
}

std::vector<Appointment> find_appointments(Connection& c, const AppointmentSearch& s) {
  if (s.location_ids.empty() || s.limit <= 0) return {};
  auto q = c.query(find_appointments_sql(s.location_ids.size()));
  const bool by_name = s.name_part.size() >= min_name_search_bytes;
  q.bind_text_or_null(1, s.code).bind_text_or_null(2, s.phone_key).bind_text_or_null(3, s.customer_key);
  // Every name starting with the part sorts between it and it followed by the highest code point.
  q.bind_text_or_null(4, by_name ? s.name_part : "");
  q.bind_text_or_null(5, by_name ? s.name_part + "\xF4\x8F\xBF\xBF" : "");
  q.bind(6, seconds(s.from) - max_appointment_seconds).bind(7, seconds(s.to)).bind(8, seconds(s.from));
  q.bind(9, s.limit);
  for (std::size_t i = 0; i < s.location_ids.size(); ++i) q.bind(static_cast<int>(10 + i), s.location_ids[i]);
  std::vector<Appointment> out;
  while (q.step()) out.push_back(read_appointment(q));
  return out;
}

// An empty e-mail or phone binds NULL, which equals nothing; "<> ''" lets SQLite use the partial
// indexes of migration 019.
const char* const count_active_for_contact_sql =
    "SELECT count(*) FROM appointments"
    " WHERE ((contact_email = ?1 AND contact_email <> '') OR (contact_phone = ?2 AND contact_phone <> ''))"
    " AND status = 'booked' AND start_utc >= ?3";

int count_active_for_contact(Connection& c, const std::string& email, const std::string& phone,
                             Instant now) {
  auto q = c.query(count_active_for_contact_sql);
  q.bind_text_or_null(1, email).bind_text_or_null(2, phone).bind(3, seconds(now));
  q.step();
  return q.integer(0);
}

void insert_appointment(Connection& c, const Appointment& a) {
  auto q = c.query("INSERT INTO appointments (" AMT_APPOINTMENT_COLUMNS ")"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                   " ?17, ?18)");
  q.bind(1, a.id);
  bind_fields(q, a);
  q.bind(18, seconds(a.created_at));
  q.run();
}

void update_appointment(Connection& c, const Appointment& a) {
  auto q = c.query("UPDATE appointments SET code = ?2, location_id = ?3, service_id = ?4,"
                   " staff_id = ?5, start_utc = ?6, end_utc = ?7, channel = ?8, status = ?9,"
                   " staff_fixed = ?10, manage_token_hash = ?11, contact_name = ?12,"
                   " contact_email = ?13, contact_phone = ?14, customer_number = ?15, note = ?16,"
                   " language = ?17 WHERE id = ?1");
  q.bind(1, a.id);
  bind_fields(q, a);
  q.run();
  if (q.changes() == 0) throw std::runtime_error("update_appointment: no appointment " + a.id);
}

std::optional<IdempotencyRecord> idempotency(Connection& c, std::string_view key) {
  auto q = c.query("SELECT key, request_hash, appointment_id, token_nonce, created_at"
                   " FROM idempotency_keys WHERE key = ?1");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return IdempotencyRecord{q.text(0), q.text(1), q.text(2), q.text(3), instant(q.int64(4))};
}

void save_idempotency(Connection& c, const IdempotencyRecord& r) {
  auto q = c.query("INSERT INTO idempotency_keys (key, request_hash, appointment_id, token_nonce,"
                   " created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  q.bind(1, r.key).bind(2, r.request_hash).bind(3, r.appointment_id).bind(4, r.token_nonce);
  q.bind(5, seconds(r.created_at));
  q.run();
}

int purge_idempotency(Connection& c, Instant cutoff) {
  auto q = c.query("DELETE FROM idempotency_keys WHERE created_at < ?1");
  q.bind(1, seconds(cutoff));
  q.run();
  return q.changes();
}

}  // namespace amt::store::sqlite
