-- Kiosk boards (issue #5): one device key per board, stored as its SHA-256 only. A revoked key
-- keeps its row (revoked_at set), so the list shows which boards were switched off and when.
CREATE TABLE kiosk_keys (
  id           TEXT PRIMARY KEY,
  key_hash     TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  name         TEXT NOT NULL CHECK (name <> ''),
  location_id  TEXT NOT NULL,
  issued_at    INTEGER NOT NULL,  -- unix seconds
  revoked_at   INTEGER            -- unix seconds; NULL while the key works
) STRICT;
