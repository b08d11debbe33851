// Appointment and idempotency rows: one SQL text per operation, column order in one place.
#include "store/postgres/appointment_rows.hpp"

#include <stdexcept>

#include "core/search_keys.hpp"
#include "store/appointment_row.hpp"
#include "store/postgres/values.hpp"

namespace amt::store::postgres {
namespace {

std::optional<Appointment> first_appointment(const Rows& rows) {
  if (rows.size() == 0) return std::nullopt;
  return read_appointment(rows[0]);
}

// Every column but created_at, in column order: parameter 1 is the id.
Params fields(const Appointment& a) {
  Params p;
  p.add(a.id).add(a.code).add(a.location_id).add(a.service_id).add(a.staff_id);
  p.add(seconds(a.start)).add(seconds(a.end));
  p.add(std::string_view(to_string(a.channel))).add(std::string_view(to_string(a.status)));
  p.add(a.staff_fixed ? 1 : 0).add(a.manage_token_hash);
  p.add(a.contact.name).add(a.contact.email).add(a.contact.phone);
  p.add(a.customer_number).add(a.note).add(a.language);
  return p;
}

}  // namespace

std::vector<Appointment> appointments_overlapping(Connection& c, const Id& location_id, Instant from,
                                                  Instant to, AppointmentFields fields) {
  const bool planning = fields == AppointmentFields::planning;
  static constexpr const char* where =
      " FROM appointments WHERE location_id = $1 AND start_utc > $2 AND start_utc < $3 AND end_utc > $4"
      " AND status NOT IN ('cancelled', 'no_show') ORDER BY start_utc, id";
  auto rows = c.query(std::string("SELECT ") + (planning ? AMT_APPOINTMENT_PLANNING_COLUMNS : AMT_APPOINTMENT_COLUMNS) +
                          where,
                      Params().add(location_id).add(seconds(from) - max_appointment_seconds)
                          .add(seconds(to)).add(seconds(from)));
  std::vector<Appointment> out;
  out.reserve(static_cast<std::size_t>(rows.size()));
  for (Row row : rows) out.push_back(planning ? read_appointment_to_plan(row) : read_appointment(row));
  return out;
}

std::optional<Appointment> appointment_by_code(Connection& c, std::string_view code, bool for_update) {
  if (for_update)
    return first_appointment(c.query("SELECT " AMT_APPOINTMENT_COLUMNS " FROM appointments WHERE code = $1 FOR UPDATE",
                         Params().add(code)));
  return first_appointment(c.query("SELECT " AMT_APPOINTMENT_COLUMNS " FROM appointments WHERE code = $1",
                       Params().add(code)));
}

std::optional<Appointment> appointment_by_id(Connection& c, const Id& id, bool for_update) {
  if (for_update)
    return first_appointment(c.query("SELECT " AMT_APPOINTMENT_COLUMNS " FROM appointments WHERE id = $1 FOR UPDATE",
                         Params().add(id)));
  return first_appointment(c.query("SELECT " AMT_APPOINTMENT_COLUMNS " FROM appointments WHERE id = $1",
                       Params().add(id)));
}

bool code_exists(Connection& c, std::string_view code) {
  return c.query("SELECT 1 FROM appointments WHERE code = $1", Params().add(code)).size() > 0;
}

std::int64_t count_appointments(Connection& c) {
  return c.query("SELECT count(*) FROM appointments")[0].int64(0);
}

// Each kind of key is one index lookup (code, phone_key, customer_key, a prefix range of the name
// suffixes, which sort bytewise); the union of their few ids then reaches the rows by primary key.
std::string find_appointments_sql(std::size_t locations) {
  std::string in;
  for (std::size_t i = 0; i < locations; ++i) in += (i ? ", $" : "$") + std::to_string(10 + i);
  return "SELECT " AMT_APPOINTMENT_COLUMNS " FROM ("
         "SELECT id AS found_id FROM appointments WHERE code = $1"
         " UNION SELECT id FROM appointments WHERE phone_key = $2"
         " UNION SELECT id FROM appointments WHERE customer_key = $3"
         " UNION SELECT appointment_id FROM appointment_name_keys"
         " WHERE name_key >= $4 COLLATE \"C\" AND name_key < $5 COLLATE \"C\""
         ") AS found JOIN appointments ON id = found.found_id"
         " WHERE location_id IN (" + in + ") AND start_utc > $6 AND start_utc < $7 AND end_utc > $8"
         " AND status NOT IN ('cancelled', 'no_show') ORDER BY start_utc, id LIMIT $9";
}

Params find_appointments_params(const AppointmentSearch& s) {
  const bool by_name = s.name_part.size() >= min_name_search_bytes;
  Params p;
  p.add_text_or_null(s.code).add_text_or_null(s.phone_key).add_text_or_null(s.customer_key);
  // Every name starting with the part sorts between it and it followed by the highest code point.
  p.add_text_or_null(by_name ? s.name_part : "").add_text_or_null(by_name ? s.name_part + "\xF4\x8F\xBF\xBF" : "");
  p.add(seconds(s.from) - max_appointment_seconds).add(seconds(s.to)).add(seconds(s.from)).add(s.limit);
  for (const Id& l : s.location_ids) p.add(l);
  return p;
}

std::vector<Appointment> find_appointments(Connection& c, const AppointmentSearch& s) {
  if (s.location_ids.empty() || s.limit <= 0) return {};
  auto rows = c.query(find_appointments_sql(s.location_ids.size()), find_appointments_params(s));
  std::vector<Appointment> out;
  for (Row row : rows) out.push_back(read_appointment(row));
  return out;
}

// One index lookup per key, not one OR of both: a prepared statement soon runs on a generic plan
// (made for any parameters), and for the OR PostgreSQL expected a third of the table and read all
// of it on every booking (bench/pg_booking.sh, PG_DIAG=1). And only the halves for the keys the
// contact has: with a NULL key in one text, the custom plan (that half folded away) always looked
// cheaper than the generic one, so PostgreSQL planned the count afresh on every booking, ten times
// the cost of running it. The "<> ''" says nothing new about a row that matches a key, but it
// tells the generic plan that few rows will: when most bookings have no phone number, PostgreSQL
// otherwise expects the lookup of "a phone number" to find them all. A booking with both keys
// counts once.
const std::string& count_active_for_contact_sql(bool email, bool phone) {
  static const std::string active = " AND status = 'booked' AND start_utc >= ";
  static const std::string by_email =
      "SELECT count(*) FROM appointments WHERE contact_email = $1 AND contact_email <> ''" + active + "$2::bigint";
  static const std::string by_phone =
      "SELECT count(*) FROM appointments WHERE contact_phone = $1 AND contact_phone <> ''" + active + "$2::bigint";
  static const std::string by_both =
      "SELECT (SELECT count(*) FROM appointments WHERE contact_email = $1 AND contact_email <> ''" + active +
      "$3::bigint) + (SELECT count(*) FROM appointments WHERE contact_phone = $2 AND contact_phone <> ''"
      " AND contact_email <> $1" + active + "$3::bigint)";
  return email ? (phone ? by_both : by_email) : by_phone;
}

int count_active_for_contact(Connection& c, const std::string& email, const std::string& phone,
                             Instant now) {
  if (email.empty() && phone.empty()) return 0;
  Params p;
  if (!email.empty()) p.add(email);
  if (!phone.empty()) p.add(phone);
  p.add(seconds(now));
  return c.query(count_active_for_contact_sql(!email.empty(), !phone.empty()), p)[0].integer(0);
}

void insert_appointment(Connection& c, const Appointment& a) {
  c.query("INSERT INTO appointments (" AMT_APPOINTMENT_COLUMNS ")"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
          fields(a).add(seconds(a.created_at)));
}

void update_appointment(Connection& c, const Appointment& a) {
  auto rows = c.query("UPDATE appointments SET code = $2, location_id = $3, service_id = $4,"
                      " staff_id = $5, start_utc = $6, end_utc = $7, channel = $8, status = $9,"
                      " staff_fixed = $10, manage_token_hash = $11, contact_name = $12,"
                      " contact_email = $13, contact_phone = $14, customer_number = $15, note = $16,"
                      " language = $17 WHERE id = $1",
                      fields(a));
  if (rows.affected() == 0) throw std::runtime_error("update_appointment: no appointment " + a.id);
}

std::optional<IdempotencyRecord> idempotency(Connection& c, std::string_view key) {
  auto rows = c.query("SELECT key, request_hash, appointment_id, token_nonce, created_at"
                      " FROM idempotency_keys WHERE key = $1",
                      Params().add(key));
  if (rows.size() == 0) return std::nullopt;
  Row q = rows[0];
  return IdempotencyRecord{q.text(0), q.text(1), q.text(2), q.text(3), instant(q.int64(4))};
}

void save_idempotency(Connection& c, const IdempotencyRecord& r) {
  c.query("INSERT INTO idempotency_keys (key, request_hash, appointment_id, token_nonce, created_at)"
          " VALUES ($1, $2, $3, $4, $5)",
          Params().add(r.key).add(r.request_hash).add(r.appointment_id).add(r.token_nonce)
              .add(seconds(r.created_at)));
}

int purge_idempotency(Connection& c, Instant cutoff) {
  return c.query("DELETE FROM idempotency_keys WHERE created_at < $1", Params().add(seconds(cutoff)))
      .affected();
}

}  // namespace amt::store::postgres
