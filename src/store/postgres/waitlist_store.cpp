// PgStore and PgWriteTx: the waitlist (issue #8 item 3, migration 015).
// Reads are one statement on a pooled connection; changes run inside the caller's transaction.
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/waitlist_rows.hpp"
#include "store/postgres/write_tx.hpp"

namespace amt::store::postgres {

void PgWriteTx::insert_waitlist_entry(const WaitlistEntry& entry) { postgres::insert_waitlist_entry(c_, entry); }

std::optional<WaitlistEntry> PgWriteTx::waitlist_entry(const Id& id) { return postgres::waitlist_entry(c_, id, true); }

std::vector<WaitlistEntry> PgWriteTx::waiting_entries(const Id& location_id) {
  return waitlist_entries_in(c_, location_id, true);
}

std::vector<WaitlistEntry> PgWriteTx::lapsed_waitlist_holds(Instant now) { return postgres::lapsed_waitlist_holds(c_, now); }

bool PgWriteTx::change_waitlist_entry(const WaitlistEntry& updated, WaitlistStatus expected) {
  return postgres::change_waitlist_entry(c_, updated, expected);
}

std::optional<WaitlistEntry> PgStore::waitlist_entry(const Id& id) {
  auto c = pool_.acquire();
  return postgres::waitlist_entry(*c, id, false);
}

std::vector<WaitlistEntry> PgStore::open_waitlist_entries(const Id& location_id) {
  auto c = pool_.acquire();
  return waitlist_entries_in(*c, location_id, false);
}

std::vector<WaitlistEntry> PgStore::lapsed_waitlist_holds(Instant now) {
  auto c = pool_.acquire();
  return postgres::lapsed_waitlist_holds(*c, now);
}

}  // namespace amt::store::postgres
