// How a kiosk key row reads back, the same for both backends: one column list and one reader over
// either backend's row type (anything with text and int64 by column number), as appointment_row.hpp.
#pragma once

#include <chrono>

#include "store/store.hpp"

// The columns read_kiosk_key expects, in its order (instants are unix seconds).
#define AMT_KIOSK_KEY_COLUMNS                                                                    \
  "id, key_hash, name, location_id, issued_at, CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END, " \
  "COALESCE(revoked_at, 0)"

namespace amt::store {

template <class Row>
KioskKey read_kiosk_key(const Row& q) {
  KioskKey key;
  key.id = q.text(0);
  key.key_hash = q.text(1);
  key.name = q.text(2);
  key.location_id = q.text(3);
  key.issued_at = Instant{std::chrono::seconds{q.int64(4)}};
  if (q.int64(5) != 0) key.revoked_at = Instant{std::chrono::seconds{q.int64(6)}};
  return key;
}

}  // namespace amt::store
