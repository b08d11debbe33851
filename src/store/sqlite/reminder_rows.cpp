// Appointment reminders: the selection walks the partial index of booked appointments by start
// (migration 014) and looks each one's claim and opt-out up by primary key.
#include "store/sqlite/reminder_rows.hpp"

#include "store/appointment_row.hpp"
#include "store/sqlite/values.hpp"

namespace amt::store::sqlite {

std::vector<Appointment> reminder_candidates(Connection& c, std::string_view channel, Instant after, Instant until,
                                             int limit) {
  auto q = c.query(
      "SELECT " AMT_APPOINTMENT_COLUMNS " FROM appointments a"
      " WHERE a.status = 'booked' AND a.start_utc > ?2 AND a.start_utc <= ?3"
      " AND CASE ?1 WHEN 'email' THEN a.contact_email <> '' WHEN 'sms' THEN a.contact_phone <> '' ELSE 0 END"
      " AND NOT EXISTS (SELECT 1 FROM appointment_reminders r WHERE r.appointment_id = a.id"
      "                 AND r.channel = ?1 AND r.start_utc = a.start_utc)"
      " AND NOT EXISTS (SELECT 1 FROM reminder_opt_outs o WHERE o.appointment_id = a.id AND o.channel = ?1)"
      " ORDER BY a.start_utc, a.id LIMIT ?4");
  q.bind(1, channel).bind(2, seconds(after)).bind(3, seconds(until)).bind(4, limit);
  std::vector<Appointment> out;
  while (q.step()) out.push_back(read_appointment(q));
  return out;
}

bool claim_reminder(Connection& c, const ReminderClaim& claim) {
  auto q = c.query("INSERT INTO appointment_reminders (appointment_id, channel, start_utc, outcome, at)"
                   " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
  q.bind(1, claim.appointment_id).bind(2, claim.channel).bind(3, seconds(claim.start));
  q.bind(4, std::string_view(claim.queued ? "queued" : "skipped")).bind(5, seconds(claim.at));
  q.run();
  return q.changes() == 1;
}

bool opt_out_of_reminders(Connection& c, const Id& appointment_id, std::string_view channel, Instant at) {
  auto q = c.query("INSERT INTO reminder_opt_outs (appointment_id, channel, at) VALUES (?1, ?2, ?3)"
                   " ON CONFLICT DO NOTHING");
  q.bind(1, appointment_id).bind(2, channel).bind(3, seconds(at));
  q.run();
  return q.changes() == 1;
}

std::vector<std::string> reminder_opt_outs(Connection& c, const Id& appointment_id) {
  auto q = c.query("SELECT channel FROM reminder_opt_outs WHERE appointment_id = ?1 ORDER BY channel");
  q.bind(1, appointment_id);
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  return out;
}

}  // namespace amt::store::sqlite
