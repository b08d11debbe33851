// Appointment reminders: the selection walks the partial index of booked appointments by start
// (migration 014). A claim is INSERT ... ON CONFLICT DO NOTHING on the primary key: a second
// server claiming the same reminder waits for the first one's commit and then inserts nothing.
#include "store/postgres/reminder_rows.hpp"

#include "store/appointment_row.hpp"
#include "store/postgres/values.hpp"

namespace amt::store::postgres {

std::vector<Appointment> reminder_candidates(Connection& c, std::string_view channel, Instant after, Instant until,
                                             int limit) {
  const auto rows = c.query(
      "SELECT " AMT_APPOINTMENT_COLUMNS " FROM appointments a"
      " WHERE a.status = 'booked' AND a.start_utc > $2::bigint AND a.start_utc <= $3::bigint"
      " AND CASE $1::text WHEN 'email' THEN a.contact_email <> '' WHEN 'sms' THEN a.contact_phone <> ''"
      "     ELSE false END"
      " AND NOT EXISTS (SELECT 1 FROM appointment_reminders r WHERE r.appointment_id = a.id"
      "                 AND r.channel = $1::text AND r.start_utc = a.start_utc)"
      " AND NOT EXISTS (SELECT 1 FROM reminder_opt_outs o WHERE o.appointment_id = a.id AND o.channel = $1::text)"
      " ORDER BY a.start_utc, a.id COLLATE \"C\" LIMIT $4::integer",
      Params().add(channel).add(seconds(after)).add(seconds(until)).add(limit));
  std::vector<Appointment> out;
  out.reserve(static_cast<std::size_t>(rows.size()));
  for (const Row row : rows) out.push_back(read_appointment(row));
  return out;
}

bool claim_reminder(Connection& c, const ReminderClaim& claim) {
  Params p;
  p.add(claim.appointment_id).add(claim.channel).add(seconds(claim.start));
  p.add(std::string_view(claim.queued ? "queued" : "skipped")).add(seconds(claim.at));
  return c.query("INSERT INTO appointment_reminders (appointment_id, channel, start_utc, outcome, at)"
                 " VALUES ($1, $2, $3::bigint, $4, $5::bigint) ON CONFLICT DO NOTHING",
                 p)
             .affected() == 1;
}

bool opt_out_of_reminders(Connection& c, const Id& appointment_id, std::string_view channel, Instant at) {
  return c.query("INSERT INTO reminder_opt_outs (appointment_id, channel, at) VALUES ($1, $2, $3::bigint)"
                 " ON CONFLICT DO NOTHING",
                 Params().add(appointment_id).add(channel).add(seconds(at)))
             .affected() == 1;
}

std::vector<std::string> reminder_opt_outs(Connection& c, const Id& appointment_id) {
  const auto rows = c.query("SELECT channel FROM reminder_opt_outs WHERE appointment_id = $1"
                            " ORDER BY channel COLLATE \"C\"",
                            Params().add(appointment_id));
  std::vector<std::string> out;
  for (const Row row : rows) out.push_back(row.text(0));
  return out;
}

}  // namespace amt::store::postgres
