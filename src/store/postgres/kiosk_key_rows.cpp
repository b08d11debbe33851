// Kiosk key rows: one row per board; revocation only sets revoked_at, once.
#include "store/postgres/kiosk_key_rows.hpp"

#include "store/kiosk_key_row.hpp"
#include "store/postgres/values.hpp"

namespace amt::store::postgres {

std::vector<KioskKey> load_kiosk_keys(Connection& c) {
  std::vector<KioskKey> keys;
  const auto rows =
      c.query("SELECT " AMT_KIOSK_KEY_COLUMNS " FROM kiosk_keys ORDER BY issued_at, id COLLATE \"C\"");
  for (const Row q : rows) keys.push_back(read_kiosk_key(q));
  return keys;
}

std::optional<KioskKey> load_kiosk_key(Connection& c, std::string_view key_hash) {
  const auto rows = c.query("SELECT " AMT_KIOSK_KEY_COLUMNS " FROM kiosk_keys WHERE key_hash = $1",
                            Params().add(std::string(key_hash)));
  if (rows.size() == 0) return std::nullopt;
  return read_kiosk_key(rows[0]);
}

void insert_kiosk_key(Connection& c, const KioskKey& key) {
  Params p;
  p.add(key.id).add(key.key_hash).add(key.name).add(key.location_id).add(seconds(key.issued_at));
  if (key.revoked_at) {
    p.add(seconds(*key.revoked_at));
  } else {
    p.add_null();
  }
  c.query("INSERT INTO kiosk_keys (id, key_hash, name, location_id, issued_at, revoked_at)"
          " VALUES ($1, $2, $3, $4, $5, $6)",
          p);
}

bool revoke_kiosk_key(Connection& c, const Id& id, Instant at) {
  const auto rows = c.query("UPDATE kiosk_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                            Params().add(id).add(seconds(at)));
  return rows.affected() > 0;
}

}  // namespace amt::store::postgres
