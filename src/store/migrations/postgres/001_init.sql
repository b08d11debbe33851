-- The first schema for PostgreSQL, table for table the same as sqlite/001_init.sql, so the row
-- code of both stores reads the same values: instants are bigint unix seconds (UTC), local dates
-- text YYYY-MM-DD, times of day integer minutes since local midnight (0..1440). On top of it the
-- database itself refuses to book one staff member twice (see appointments_no_double_booking).

-- Equality on text inside a GiST exclusion constraint. btree_gist is a trusted extension
-- (PostgreSQL 13+): the database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Standort. position keeps the order the admin gave (the order citizens see).
CREATE TABLE locations (
  id                 text PRIMARY KEY,
  position           integer NOT NULL,
  name               text NOT NULL,
  address            text NOT NULL,
  phone              text NOT NULL,
  time_zone          text NOT NULL,
  terminpflicht_from text NOT NULL,  -- YYYY-MM-DD
  slot_minutes       integer NOT NULL CHECK (slot_minutes > 0)
);

-- Weekly opening hours: one row per range, weekday 0 = Monday.
CREATE TABLE location_hours (
  location_id  text NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  weekday      integer NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_minute integer NOT NULL,
  end_minute   integer NOT NULL,
  CHECK (0 <= start_minute AND start_minute <= end_minute AND end_minute <= 1440),
  PRIMARY KEY (location_id, weekday, start_minute)
);

-- Local full-day closures on top of the computed public holidays.
CREATE TABLE location_closures (
  location_id text NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  day         text NOT NULL,  -- YYYY-MM-DD
  PRIMARY KEY (location_id, day)
);

-- Anliegen. channels is a bitmask: 1 online, 2 phone, 4 kiosk.
CREATE TABLE services (
  id                text PRIMARY KEY,
  position          integer NOT NULL,
  location_id       text NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  name              text NOT NULL,
  group_name        text NOT NULL,
  description       text NOT NULL,
  duration_minutes  integer NOT NULL CHECK (duration_minutes > 0),
  channels          integer NOT NULL CHECK (channels BETWEEN 0 AND 7),
  lead_time_minutes integer NOT NULL,
  horizon_days      integer NOT NULL,
  routing           text NOT NULL CHECK (routing IN ('pool', 'responsible')),
  active            integer NOT NULL CHECK (active IN (0, 1))
);

-- What to bring or upload, in the order shown.
CREATE TABLE service_documents (
  service_id text NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  position   integer NOT NULL,
  document   text NOT NULL,
  PRIMARY KEY (service_id, position)
);

CREATE TABLE staff (
  id          text PRIMARY KEY,
  position    integer NOT NULL,
  location_id text NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  name        text NOT NULL,
  team        text NOT NULL,
  room        text NOT NULL,
  active      integer NOT NULL CHECK (active IN (0, 1))
);

CREATE TABLE staff_skills (
  staff_id   text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  service_id text NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  PRIMARY KEY (staff_id, service_id)
);

-- Vertretung: who takes over, position 0 first.
CREATE TABLE staff_deputies (
  staff_id  text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  position  integer NOT NULL,
  deputy_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  PRIMARY KEY (staff_id, position)
);

-- Weekly working plan: shifts, and the breaks cut out of them.
CREATE TABLE staff_plan (
  staff_id     text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  weekday      integer NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  kind         text NOT NULL CHECK (kind IN ('shift', 'break')),
  start_minute integer NOT NULL,
  end_minute   integer NOT NULL,
  CHECK (0 <= start_minute AND start_minute <= end_minute AND end_minute <= 1440),
  PRIMARY KEY (staff_id, weekday, kind, start_minute)
);

CREATE TABLE absences (
  id       text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  from_utc bigint NOT NULL,
  to_utc   bigint NOT NULL,
  reason   text NOT NULL,
  CHECK (from_utc <= to_utc)
);
CREATE INDEX absences_by_staff ON absences (staff_id, from_utc);

-- Customer numbers in [customer_number_from, customer_number_to] belong to staff_id.
CREATE TABLE responsibility_rules (
  position             integer PRIMARY KEY,
  location_id          text NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  staff_id             text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  customer_number_from text NOT NULL,
  customer_number_to   text NOT NULL
);

-- Appointments deliberately have no foreign keys to the reference tables: replace_catalog
-- deletes and re-inserts all reference data (seed-demo, admin pages), and a booking is a record
-- of what was agreed with a citizen that must survive a retired service or a departed caseworker.
-- The use cases check ids against the catalog when they book.
-- No appointment lasts longer than a day; the overlap query relies on that to use an index range.
CREATE TABLE appointments (
  id                text PRIMARY KEY,
  code              text NOT NULL UNIQUE,
  location_id       text NOT NULL,
  service_id        text NOT NULL,
  staff_id          text NOT NULL,  -- '' while nobody is assigned
  start_utc         bigint NOT NULL,
  end_utc           bigint NOT NULL,
  channel           text NOT NULL CHECK (channel IN ('online', 'phone', 'kiosk')),
  status            text NOT NULL CHECK (status IN ('booked', 'checked_in', 'called', 'in_service',
                                                    'done', 'cancelled', 'no_show')),
  staff_fixed       integer NOT NULL CHECK (staff_fixed IN (0, 1)),
  manage_token_hash text NOT NULL,
  contact_name      text NOT NULL,
  contact_email     text NOT NULL,
  contact_phone     text NOT NULL,
  customer_number   text NOT NULL,
  note              text NOT NULL,
  language          text NOT NULL,
  created_at        bigint NOT NULL,
  CHECK (start_utc < end_utc AND end_utc - start_utc <= 86400)
);
-- Several servers book at once: whatever their in-process checks saw, two appointments that hold
-- time (not cancelled, not no-show) never overlap for one assigned staff member. Deferred to
-- COMMIT, because moving appointments between colleagues (augmenting paths) passes through
-- overlapping states inside one transaction; a violation then fails the commit, and the store
-- runs the booking again, whose own checks see the other server's appointment.
ALTER TABLE appointments ADD CONSTRAINT appointments_no_double_booking
  EXCLUDE USING gist (staff_id WITH =, int8range(start_utc, end_utc) WITH &&)
  WHERE (staff_id <> '' AND status NOT IN ('cancelled', 'no_show'))
  DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX appointments_by_location ON appointments (location_id, start_utc);
CREATE INDEX appointments_by_staff ON appointments (staff_id, start_utc);
CREATE INDEX appointments_by_email ON appointments (contact_email);
CREATE INDEX appointments_by_phone ON appointments (contact_phone);
CREATE INDEX appointments_by_customer ON appointments (customer_number);

-- A retried POST with the same Idempotency-Key finds what the first attempt did. Insert the
-- appointment first: the foreign key is checked immediately.
CREATE TABLE idempotency_keys (
  key            text PRIMARY KEY,
  request_hash   text NOT NULL,
  appointment_id text NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  token_nonce    text NOT NULL,
  created_at     bigint NOT NULL
);
CREATE INDEX idempotency_by_age ON idempotency_keys (created_at);

-- Store::data_version(): every server advances this sequence after each of its commits and reads
-- it to know whether its caches are stale, so commits made by other servers count too.
CREATE SEQUENCE data_version;
