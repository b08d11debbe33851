// Kiosk key rows: one row per board; revocation only sets revoked_at, once.
#include "store/sqlite/kiosk_key_rows.hpp"

#include "store/kiosk_key_row.hpp"
#include "store/sqlite/values.hpp"

namespace amt::store::sqlite {

std::vector<KioskKey> load_kiosk_keys(Connection& c) {
  std::vector<KioskKey> keys;
  auto q = c.query("SELECT " AMT_KIOSK_KEY_COLUMNS " FROM kiosk_keys ORDER BY issued_at, id");
  while (q.step()) keys.push_back(read_kiosk_key(q));
  return keys;
}

std::optional<KioskKey> load_kiosk_key(Connection& c, std::string_view key_hash) {
  auto q = c.query("SELECT " AMT_KIOSK_KEY_COLUMNS " FROM kiosk_keys WHERE key_hash = ?1");
  q.bind(1, key_hash);
  if (!q.step()) return std::nullopt;
  return read_kiosk_key(q);
}

void insert_kiosk_key(Connection& c, const KioskKey& key) {
  auto q = c.query("INSERT INTO kiosk_keys (id, key_hash, name, location_id, issued_at, revoked_at)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  q.bind(1, key.id).bind(2, key.key_hash).bind(3, key.name).bind(4, key.location_id);
  q.bind(5, seconds(key.issued_at));
  if (key.revoked_at) {
    q.bind(6, seconds(*key.revoked_at));
  } else {
    q.bind_null(6);
  }
  q.run();
}

bool revoke_kiosk_key(Connection& c, const Id& id, Instant at) {
  auto q = c.query("UPDATE kiosk_keys SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
  q.bind(1, id).bind(2, seconds(at));
  q.run();
  return q.changes() > 0;
}

}  // namespace amt::store::sqlite
