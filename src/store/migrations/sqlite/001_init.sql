-- The first schema: reference data (locations, services, staff, plans, absences, rules),
-- appointments and idempotency keys. Instants are INTEGER unix seconds (UTC), local dates TEXT
-- YYYY-MM-DD, times of day INTEGER minutes since local midnight (0..1440).

-- Standort. position keeps the order the admin gave (the order citizens see).
CREATE TABLE locations (
  id                 TEXT PRIMARY KEY,
  position           INTEGER NOT NULL,
  name               TEXT NOT NULL,
  address            TEXT NOT NULL,
  phone              TEXT NOT NULL,
  time_zone          TEXT NOT NULL,
  terminpflicht_from TEXT NOT NULL,  -- YYYY-MM-DD
  slot_minutes       INTEGER NOT NULL CHECK (slot_minutes > 0)
) STRICT;

-- Weekly opening hours: one row per range, weekday 0 = Monday.
CREATE TABLE location_hours (
  location_id  TEXT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_minute INTEGER NOT NULL,
  end_minute   INTEGER NOT NULL,
  CHECK (0 <= start_minute AND start_minute <= end_minute AND end_minute <= 1440),
  PRIMARY KEY (location_id, weekday, start_minute)
) STRICT;

-- Local full-day closures on top of the computed public holidays.
CREATE TABLE location_closures (
  location_id TEXT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  day         TEXT NOT NULL,  -- YYYY-MM-DD
  PRIMARY KEY (location_id, day)
) STRICT;

-- Anliegen. channels is a bitmask: 1 online, 2 phone, 4 kiosk.
CREATE TABLE services (
  id                TEXT PRIMARY KEY,
  position          INTEGER NOT NULL,
  location_id       TEXT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  name              TEXT NOT NULL,
  group_name        TEXT NOT NULL,
  description       TEXT NOT NULL,
  duration_minutes  INTEGER NOT NULL CHECK (duration_minutes > 0),
  channels          INTEGER NOT NULL CHECK (channels BETWEEN 0 AND 7),
  lead_time_minutes INTEGER NOT NULL,
  horizon_days      INTEGER NOT NULL,
  routing           TEXT NOT NULL CHECK (routing IN ('pool', 'responsible')),
  active            INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;

-- What to bring or upload, in the order shown.
CREATE TABLE service_documents (
  service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  document   TEXT NOT NULL,
  PRIMARY KEY (service_id, position)
) STRICT;

CREATE TABLE staff (
  id          TEXT PRIMARY KEY,
  position    INTEGER NOT NULL,
  location_id TEXT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  team        TEXT NOT NULL,
  room        TEXT NOT NULL,
  active      INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE staff_skills (
  staff_id   TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  PRIMARY KEY (staff_id, service_id)
) STRICT;

-- Vertretung: who takes over, position 0 first.
CREATE TABLE staff_deputies (
  staff_id  TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  deputy_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  PRIMARY KEY (staff_id, position)
) STRICT;

-- Weekly working plan: shifts, and the breaks cut out of them.
CREATE TABLE staff_plan (
  staff_id     TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  kind         TEXT NOT NULL CHECK (kind IN ('shift', 'break')),
  start_minute INTEGER NOT NULL,
  end_minute   INTEGER NOT NULL,
  CHECK (0 <= start_minute AND start_minute <= end_minute AND end_minute <= 1440),
  PRIMARY KEY (staff_id, weekday, kind, start_minute)
) STRICT;

CREATE TABLE absences (
  id       TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  from_utc INTEGER NOT NULL,
  to_utc   INTEGER NOT NULL,
  reason   TEXT NOT NULL,
  CHECK (from_utc <= to_utc)
) STRICT;
CREATE INDEX absences_by_staff ON absences (staff_id, from_utc);

-- Customer numbers in [customer_number_from, customer_number_to] belong to staff_id.
CREATE TABLE responsibility_rules (
  position             INTEGER PRIMARY KEY,
  location_id          TEXT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  staff_id             TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  customer_number_from TEXT NOT NULL,
  customer_number_to   TEXT NOT NULL
) STRICT;

-- Appointments deliberately have no foreign keys to the reference tables: replace_catalog
-- deletes and re-inserts all reference data (seed-demo, admin pages), and a booking is a record
-- of what was agreed with a citizen that must survive a retired service or a departed caseworker.
-- The use cases check ids against the catalog when they book.
-- No appointment lasts longer than a day; the overlap query relies on that to use an index range.
CREATE TABLE appointments (
  id                TEXT PRIMARY KEY,
  code              TEXT NOT NULL UNIQUE,
  location_id       TEXT NOT NULL,
  service_id        TEXT NOT NULL,
  staff_id          TEXT NOT NULL,  -- '' while nobody is assigned
  start_utc         INTEGER NOT NULL,
  end_utc           INTEGER NOT NULL,
  channel           TEXT NOT NULL CHECK (channel IN ('online', 'phone', 'kiosk')),
  status            TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'called', 'in_service',
                                                    'done', 'cancelled', 'no_show')),
  staff_fixed       INTEGER NOT NULL CHECK (staff_fixed IN (0, 1)),
  manage_token_hash TEXT NOT NULL,
  contact_name      TEXT NOT NULL,
  contact_email     TEXT NOT NULL,
  contact_phone     TEXT NOT NULL,
  customer_number   TEXT NOT NULL,
  note              TEXT NOT NULL,
  language          TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  CHECK (start_utc < end_utc AND end_utc - start_utc <= 86400)
) STRICT;
CREATE INDEX appointments_by_location ON appointments (location_id, start_utc);
CREATE INDEX appointments_by_staff ON appointments (staff_id, start_utc);
CREATE INDEX appointments_by_email ON appointments (contact_email);
CREATE INDEX appointments_by_phone ON appointments (contact_phone);
CREATE INDEX appointments_by_customer ON appointments (customer_number);

-- A retried POST with the same Idempotency-Key finds what the first attempt did. Insert the
-- appointment first: the foreign key is checked immediately.
CREATE TABLE idempotency_keys (
  key            TEXT PRIMARY KEY,
  request_hash   TEXT NOT NULL,
  appointment_id TEXT NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  token_nonce    TEXT NOT NULL,
  created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX idempotency_by_age ON idempotency_keys (created_at);
