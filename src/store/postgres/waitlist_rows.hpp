// Reading and writing waitlist entries (migration 015) on one PostgreSQL connection; the store's
// reads and the write transaction share these.
#pragma once

#include <optional>
#include <vector>

#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace amt::store::postgres {

void insert_waitlist_entry(Connection& c, const WaitlistEntry& e);
// for_update: inside a write, lock the row until commit (the entry is about to change).
std::optional<WaitlistEntry> waitlist_entry(Connection& c, const Id& id, bool for_update);
std::vector<WaitlistEntry> waitlist_entries_in(Connection& c, const Id& location_id, bool waiting_only);
std::vector<WaitlistEntry> lapsed_waitlist_holds(Connection& c, Instant now);
bool change_waitlist_entry(Connection& c, const WaitlistEntry& updated, WaitlistStatus expected);

}  // namespace amt::store::postgres
