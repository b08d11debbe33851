-- Kiosk boards (issue #5), the same table as sqlite/007_kiosk_keys.sql.
CREATE TABLE kiosk_keys (
  id           text PRIMARY KEY,
  key_hash     text NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  name         text NOT NULL CHECK (name <> ''),
  location_id  text NOT NULL,
  issued_at    bigint NOT NULL,
  revoked_at   bigint
);
