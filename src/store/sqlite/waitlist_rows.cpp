// Waitlist entry rows: join order is the rowid; a change is a conditional UPDATE on the status, so
// of two writers changing one entry only the first one's change happens.
#include "store/sqlite/waitlist_rows.hpp"

#include "store/sqlite/values.hpp"
#include "store/waitlist_row.hpp"

namespace amt::store::sqlite {

namespace {

std::vector<WaitlistEntry> read_waitlist_rows(Query& q) {
  std::vector<WaitlistEntry> out;
  while (q.step()) out.push_back(read_waitlist_entry(q));
  return out;
}

void bind_hold_until(Query& q, int index, const std::optional<Instant>& hold_until) {
  if (hold_until) {
    q.bind(index, seconds(*hold_until));
  } else {
    q.bind_null(index);
  }
}

}  // namespace

void insert_waitlist_entry(Connection& c, const WaitlistEntry& e) {
  auto q = c.query(
      "INSERT INTO waitlist_entries (id, token_nonce, location_id, service_id, weekdays, from_minute, to_minute,"
      " contact_name, contact_email, contact_phone, language, joined_at, status, appointment_id, hold_until,"
      " offers, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
  q.bind(1, e.id).bind(2, e.token_nonce).bind(3, e.location_id).bind(4, e.service_id);
  q.bind(5, static_cast<int>(e.wish.weekdays)).bind(6, e.wish.from.minutes).bind(7, e.wish.to.minutes);
  q.bind(8, e.contact.name).bind(9, e.contact.email).bind(10, e.contact.phone).bind(11, e.language);
  q.bind(12, seconds(e.joined_at)).bind(13, std::string_view(to_string(e.status))).bind(14, e.appointment_id);
  bind_hold_until(q, 15, e.hold_until);
  q.bind(16, e.offers).bind(17, seconds(e.changed_at));
  q.run();
}

std::optional<WaitlistEntry> waitlist_entry(Connection& c, const Id& id) {
  auto q = c.query("SELECT " AMT_WAITLIST_COLUMNS " FROM waitlist_entries WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_waitlist_entry(q);
}

std::vector<WaitlistEntry> waitlist_entries_in(Connection& c, const Id& location_id, bool waiting_only) {
  auto q = c.query(waiting_only ? "SELECT " AMT_WAITLIST_COLUMNS " FROM waitlist_entries"
                                  " WHERE location_id = ?1 AND status = 'waiting' ORDER BY rowid"
                                : "SELECT " AMT_WAITLIST_COLUMNS " FROM waitlist_entries"
                                  " WHERE location_id = ?1 AND status IN ('waiting', 'offered') ORDER BY rowid");
  q.bind(1, location_id);
  return read_waitlist_rows(q);
}

std::vector<WaitlistEntry> lapsed_waitlist_holds(Connection& c, Instant now) {
  auto q = c.query("SELECT " AMT_WAITLIST_COLUMNS " FROM waitlist_entries"
                   " WHERE status = 'offered' AND hold_until <= ?1 ORDER BY hold_until, rowid");
  q.bind(1, seconds(now));
  return read_waitlist_rows(q);
}

bool change_waitlist_entry(Connection& c, const WaitlistEntry& updated, WaitlistStatus expected) {
  auto q = c.query("UPDATE waitlist_entries SET status = ?2, appointment_id = ?3, hold_until = ?4, offers = ?5,"
                   " changed_at = ?6 WHERE id = ?1 AND status = ?7");
  q.bind(1, updated.id).bind(2, std::string_view(to_string(updated.status))).bind(3, updated.appointment_id);
  bind_hold_until(q, 4, updated.hold_until);
  q.bind(5, updated.offers).bind(6, seconds(updated.changed_at)).bind(7, std::string_view(to_string(expected)));
  q.run();
  return q.changes() > 0;
}

}  // namespace amt::store::sqlite
