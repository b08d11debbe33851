// SqliteStore and SqliteWriteTx: the waitlist (issue #8 item 3, migration 015).
// Reads from the reader pool, changes inside the writer's transaction.
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/waitlist_rows.hpp"
#include "store/sqlite/write_tx.hpp"

namespace amt::store::sqlite {

void SqliteWriteTx::insert_waitlist_entry(const WaitlistEntry& entry) { sqlite::insert_waitlist_entry(c_, entry); }

std::optional<WaitlistEntry> SqliteWriteTx::waitlist_entry(const Id& id) { return sqlite::waitlist_entry(c_, id); }

std::vector<WaitlistEntry> SqliteWriteTx::waiting_entries(const Id& location_id) {
  return waitlist_entries_in(c_, location_id, true);
}

std::vector<WaitlistEntry> SqliteWriteTx::lapsed_waitlist_holds(Instant now) { return sqlite::lapsed_waitlist_holds(c_, now); }

bool SqliteWriteTx::change_waitlist_entry(const WaitlistEntry& updated, WaitlistStatus expected) {
  return sqlite::change_waitlist_entry(c_, updated, expected);
}

std::optional<WaitlistEntry> SqliteStore::waitlist_entry(const Id& id) {
  auto lease = readers_.acquire();
  return sqlite::waitlist_entry(*lease, id);
}

std::vector<WaitlistEntry> SqliteStore::open_waitlist_entries(const Id& location_id) {
  auto lease = readers_.acquire();
  return waitlist_entries_in(*lease, location_id, false);
}

std::vector<WaitlistEntry> SqliteStore::lapsed_waitlist_holds(Instant now) {
  auto lease = readers_.acquire();
  return sqlite::lapsed_waitlist_holds(*lease, now);
}

}  // namespace amt::store::sqlite
