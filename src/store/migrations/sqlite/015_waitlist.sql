-- The waitlist (Warteliste, issue #8 item 3). A time freed for someone on the list is held for
-- them as an appointment in status 'held' until they accept or the hold runs out: the same
-- capacity checks that keep bookings apart keep everyone else off it.
-- SQLite cannot widen a CHECK in place, so appointments is rebuilt (the migrator runs with
-- foreign keys off and checks them before it commits).
CREATE TABLE appointments_new (
  id                TEXT PRIMARY KEY,
  code              TEXT NOT NULL UNIQUE,
  location_id       TEXT NOT NULL,
  service_id        TEXT NOT NULL,
  staff_id          TEXT NOT NULL,  -- '' while nobody is assigned
  start_utc         INTEGER NOT NULL,
  end_utc           INTEGER NOT NULL,
  channel           TEXT NOT NULL CHECK (channel IN ('online', 'phone', 'kiosk')),
  status            TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'called', 'in_service',
                                                    'done', 'cancelled', 'no_show', 'held')),
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
INSERT INTO appointments_new SELECT * FROM appointments;
DROP TABLE appointments;
ALTER TABLE appointments_new RENAME TO appointments;
CREATE INDEX appointments_by_location ON appointments (location_id, start_utc);
CREATE INDEX appointments_by_staff ON appointments (staff_id, start_utc);
CREATE INDEX appointments_by_email ON appointments (contact_email);
CREATE INDEX appointments_by_phone ON appointments (contact_phone);
CREATE INDEX appointments_by_customer ON appointments (customer_number);
-- 014's index for the reminder run went with the old table.
CREATE INDEX appointments_booked_by_start ON appointments (start_utc) WHERE status = 'booked';

-- One row per request for a time, in join order (rowid). status 'offered' names the held
-- appointment and when the hold ends; one entry holds one time at a time, and one held time
-- belongs to one entry (the unique index).
CREATE TABLE waitlist_entries (
  id              TEXT PRIMARY KEY,
  token_nonce     TEXT NOT NULL,
  location_id     TEXT NOT NULL,
  service_id      TEXT NOT NULL,
  weekdays        INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
  from_minute     INTEGER NOT NULL CHECK (from_minute BETWEEN 0 AND 1440),
  to_minute       INTEGER NOT NULL CHECK (to_minute BETWEEN 0 AND 1440),
  contact_name    TEXT NOT NULL,
  contact_email   TEXT NOT NULL,
  contact_phone   TEXT NOT NULL,
  language        TEXT NOT NULL,
  joined_at       INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'booked', 'left', 'lapsed')),
  appointment_id  TEXT NOT NULL,
  hold_until      INTEGER,
  offers          INTEGER NOT NULL,
  changed_at      INTEGER NOT NULL,
  CHECK (from_minute < to_minute),
  CHECK ((status = 'offered') = (hold_until IS NOT NULL))
) STRICT;
CREATE INDEX waitlist_by_location ON waitlist_entries (location_id, status);
CREATE INDEX waitlist_by_hold ON waitlist_entries (hold_until) WHERE status = 'offered';
CREATE UNIQUE INDEX waitlist_one_entry_per_hold ON waitlist_entries (appointment_id) WHERE status = 'offered';
