// Kiosk device keys (issue #5): the admin issues one per board; the board is opened once with it and
// keeps it in a device cookie. Only the key's SHA-256 is stored, so the list cannot leak keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/errors.hpp"
#include "core/model.hpp"
#include "store/store.hpp"

namespace amt::app {

struct IssuedKioskKey {
  store::KioskKey key;
  std::string secret;  // shown once; the board's URL carries it
};

// A new key for a board at an existing location; validation error for an unknown location or an
// empty or overlong name.
Result<IssuedKioskKey> issue_kiosk_key(store::Store& store, const Catalog& catalog, const Id& location_id,
                                       std::string_view name, Instant now);

// The key a board presents, when it exists and is not revoked.
std::optional<store::KioskKey> active_kiosk_key(store::Store& store, std::string_view secret);

// One line per key for the command line: id, location, state, issue time, name.
std::string describe_kiosk_keys(const std::vector<store::KioskKey>& keys);

}  // namespace amt::app
