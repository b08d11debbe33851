// PgStore's outbox and document methods: each one statement on a pooled connection, committed on
// its own. Claims are safe with any number of servers (outbox_rows.cpp says why).
#include "store/postgres/outbox_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace amt::store::postgres {

std::vector<OutboxMessage> PgStore::claim_outbox(std::string_view channel, std::string_view worker, Instant now,
                                                 std::chrono::seconds lease, int limit) {
  auto c = pool_.acquire();
  return postgres::claim_outbox(*c, channel, worker, now, lease, limit);
}

bool PgStore::mark_outbox_sent(std::string_view id, std::string_view worker, Instant now) {
  auto c = pool_.acquire();
  return postgres::mark_outbox_sent(*c, id, worker, now);
}

bool PgStore::mark_outbox_failed(std::string_view id, std::string_view worker, std::string_view error,
                                 std::optional<Instant> retry_at) {
  auto c = pool_.acquire();
  return postgres::mark_outbox_failed(*c, id, worker, error, retry_at);
}

std::vector<OutboxMessage> PgStore::outbox_for_appointment(const Id& appointment_id) {
  auto c = pool_.acquire();
  return postgres::outbox_for_appointment(*c, appointment_id);
}

std::optional<OutboxMessage> PgStore::outbox_by_dedupe_key(std::string_view key) {
  auto c = pool_.acquire();
  return postgres::outbox_by_dedupe_key(*c, key);
}

std::vector<StoredDocument> PgStore::documents(const Id& appointment_id) {
  auto c = pool_.acquire();
  return postgres::documents(*c, appointment_id);
}

}  // namespace amt::store::postgres
