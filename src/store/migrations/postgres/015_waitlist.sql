-- The waitlist (Warteliste, issue #8 item 3). A time freed for someone on the list is held for
-- them as an appointment in status 'held' until they accept or the hold runs out: the same
-- exclusion constraint and capacity checks that keep bookings apart keep everyone else off it.
ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
ALTER TABLE appointments ADD CONSTRAINT appointments_status_check
  CHECK (status IN ('booked', 'checked_in', 'called', 'in_service', 'done', 'cancelled', 'no_show', 'held'));

-- One row per request for a time, in join order (seq). status 'offered' names the held
-- appointment and when the hold ends; one entry holds one time at a time, and one held time
-- belongs to one entry (the unique index): two servers offering one time, the second loses.
CREATE TABLE waitlist_entries (
  seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  id              text PRIMARY KEY,
  token_nonce     text NOT NULL,
  location_id     text NOT NULL,
  service_id      text NOT NULL,
  weekdays        integer NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
  from_minute     integer NOT NULL CHECK (from_minute BETWEEN 0 AND 1440),
  to_minute       integer NOT NULL CHECK (to_minute BETWEEN 0 AND 1440),
  contact_name    text NOT NULL,
  contact_email   text NOT NULL,
  contact_phone   text NOT NULL,
  language        text NOT NULL,
  joined_at       bigint NOT NULL,
  status          text NOT NULL CHECK (status IN ('waiting', 'offered', 'booked', 'left', 'lapsed')),
  appointment_id  text NOT NULL,
  hold_until      bigint,
  offers          integer NOT NULL,
  changed_at      bigint NOT NULL,
  CHECK (from_minute < to_minute),
  CHECK ((status = 'offered') = (hold_until IS NOT NULL))
);
CREATE INDEX waitlist_by_location ON waitlist_entries (location_id, status, seq);
CREATE INDEX waitlist_by_hold ON waitlist_entries (hold_until) WHERE status = 'offered';
CREATE UNIQUE INDEX waitlist_one_entry_per_hold ON waitlist_entries (appointment_id) WHERE status = 'offered';
