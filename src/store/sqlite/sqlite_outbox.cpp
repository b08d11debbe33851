// SqliteStore's outbox and document methods: delivery bookkeeping goes through the one writer
// (so a claim cannot race another claim), listings read from the pool.
#include "store/sqlite/outbox_rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace amt::store::sqlite {

std::vector<OutboxMessage> SqliteStore::claim_outbox(std::string_view channel, std::string_view worker,
                                                     Instant now, std::chrono::seconds lease, int limit) {
  // Workers poll often; asking a reader first keeps idle polls off the writer, whose every commit
  // would otherwise bump data_version and needlessly empty the availability caches.
  if (!sqlite::outbox_has_due(*readers_.acquire(), channel, now)) return {};
  std::vector<OutboxMessage> claimed;
  writer_.run([&](Connection& c) { claimed = sqlite::claim_outbox(c, channel, worker, now, lease, limit); });
  return claimed;
}

bool SqliteStore::mark_outbox_sent(std::string_view id, std::string_view worker, Instant now) {
  bool done = false;
  writer_.run([&](Connection& c) { done = sqlite::mark_outbox_sent(c, id, worker, now); });
  return done;
}

bool SqliteStore::mark_outbox_failed(std::string_view id, std::string_view worker, std::string_view error,
                                     std::optional<Instant> retry_at) {
  bool done = false;
  writer_.run([&](Connection& c) { done = sqlite::mark_outbox_failed(c, id, worker, error, retry_at); });
  return done;
}

std::vector<OutboxMessage> SqliteStore::outbox_for_appointment(const Id& appointment_id) {
  auto lease = readers_.acquire();
  return sqlite::outbox_for_appointment(*lease, appointment_id);
}

std::optional<OutboxMessage> SqliteStore::outbox_by_dedupe_key(std::string_view key) {
  auto lease = readers_.acquire();
  return sqlite::outbox_by_dedupe_key(*lease, key);
}

std::vector<StoredDocument> SqliteStore::documents(const Id& appointment_id) {
  auto lease = readers_.acquire();
  return sqlite::documents(*lease, appointment_id);
}

}  // namespace amt::store::sqlite
