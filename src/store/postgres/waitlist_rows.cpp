// Waitlist entry rows: join order is seq; a change is a conditional UPDATE on the status. Under
// READ COMMITTED a second server changing the same entry waits for the first one's row lock,
// re-checks the status and changes nothing, so one entry never gets two offers at once and an
// offer is accepted once.
#include "store/postgres/waitlist_rows.hpp"

#include "store/postgres/values.hpp"
#include "store/waitlist_row.hpp"

namespace amt::store::postgres {

namespace {

std::vector<WaitlistEntry> read_waitlist_rows(const Rows& rows) {
  std::vector<WaitlistEntry> out;
  for (const Row r : rows) out.push_back(read_waitlist_entry(r));
  return out;
}

Params& add_hold_until(Params& p, const std::optional<Instant>& hold_until) {
  return hold_until ? p.add(seconds(*hold_until)) : p.add_null();
}

}  // namespace

void insert_waitlist_entry(Connection& c, const WaitlistEntry& e) {
  Params p;
  p.add(e.id).add(e.token_nonce).add(e.location_id).add(e.service_id);
  p.add(static_cast<int>(e.wish.weekdays)).add(e.wish.from.minutes).add(e.wish.to.minutes);
  p.add(e.contact.name).add(e.contact.email).add(e.contact.phone).add(e.language);
  p.add(seconds(e.joined_at)).add(std::string_view(to_string(e.status))).add(e.appointment_id);
  add_hold_until(p, e.hold_until).add(e.offers).add(seconds(e.changed_at));
  c.query("INSERT INTO waitlist_entries (id, token_nonce, location_id, service_id, weekdays, from_minute,"
          " to_minute, contact_name, contact_email, contact_phone, language, joined_at, status, appointment_id,"
          " hold_until, offers, changed_at)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
          p);
}

std::optional<WaitlistEntry> waitlist_entry(Connection& c, const Id& id, bool for_update) {
  const auto rows = c.query(for_update ? "SELECT " AMT_WAITLIST_COLUMNS " FROM waitlist_entries WHERE id = $1 FOR UPDATE"
                                       : "SELECT " AMT_WAITLIST_COLUMNS " FROM waitlist_entries WHERE id = $1",
                            Params().add(id));
  if (rows.size() == 0) return std::nullopt;
  return read_waitlist_entry(rows[0]);
}

std::vector<WaitlistEntry> waitlist_entries_in(Connection& c, const Id& location_id, bool waiting_only) {
  return read_waitlist_rows(c.query(
      waiting_only ? "SELECT " AMT_WAITLIST_COLUMNS " FROM waitlist_entries"
                     " WHERE location_id = $1 AND status = 'waiting' ORDER BY seq"
                   : "SELECT " AMT_WAITLIST_COLUMNS " FROM waitlist_entries"
                     " WHERE location_id = $1 AND status IN ('waiting', 'offered') ORDER BY seq",
      Params().add(location_id)));
}

std::vector<WaitlistEntry> lapsed_waitlist_holds(Connection& c, Instant now) {
  return read_waitlist_rows(c.query("SELECT " AMT_WAITLIST_COLUMNS " FROM waitlist_entries"
                                    " WHERE status = 'offered' AND hold_until <= $1 ORDER BY hold_until, seq",
                                    Params().add(seconds(now))));
}

bool change_waitlist_entry(Connection& c, const WaitlistEntry& updated, WaitlistStatus expected) {
  Params p;
  p.add(updated.id).add(std::string_view(to_string(updated.status))).add(updated.appointment_id);
  add_hold_until(p, updated.hold_until).add(updated.offers).add(seconds(updated.changed_at));
  p.add(std::string_view(to_string(expected)));
  const auto rows = c.query("UPDATE waitlist_entries SET status = $2, appointment_id = $3, hold_until = $4,"
                            " offers = $5, changed_at = $6 WHERE id = $1 AND status = $7",
                            p);
  return rows.affected() > 0;
}

}  // namespace amt::store::postgres
