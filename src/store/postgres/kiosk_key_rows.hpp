// Reading and writing kiosk device keys on one PostgreSQL connection.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace amt::store::postgres {

std::vector<KioskKey> load_kiosk_keys(Connection& c);
std::optional<KioskKey> load_kiosk_key(Connection& c, std::string_view key_hash);
void insert_kiosk_key(Connection& c, const KioskKey& key);
bool revoke_kiosk_key(Connection& c, const Id& id, Instant at);

}  // namespace amt::store::postgres
