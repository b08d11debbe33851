// Outbox and document rows on one PostgreSQL connection; the store's methods and the write
// transaction share these, so each query exists once.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace amt::store::postgres {

bool enqueue_outbox(Connection& c, const OutboxMessage& m);
int withdraw_outbox(Connection& c, const Id& appointment_id, std::string_view kind, Instant now);
bool withdraw_outbox_message(Connection& c, std::string_view dedupe_key, Instant now);
// One statement, so safe with any number of servers: see outbox_rows.cpp.
std::vector<OutboxMessage> claim_outbox(Connection& c, std::string_view channel, std::string_view worker,
                                        Instant now, std::chrono::seconds lease, int limit);
bool mark_outbox_sent(Connection& c, std::string_view id, std::string_view worker, Instant now);
bool mark_outbox_failed(Connection& c, std::string_view id, std::string_view worker, std::string_view error,
                        std::optional<Instant> retry_at);
std::vector<OutboxMessage> outbox_for_appointment(Connection& c, const Id& appointment_id);
std::optional<OutboxMessage> outbox_by_dedupe_key(Connection& c, std::string_view key);

void insert_document(Connection& c, const StoredDocument& d);
std::vector<StoredDocument> documents(Connection& c, const Id& appointment_id);

}  // namespace amt::store::postgres
