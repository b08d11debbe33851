-- Appointment reminders (issue #8 item 1), the same tables as sqlite/014_reminders.sql: the primary
-- key of appointment_reminders is the claim that keeps a reminder to one, across servers.
CREATE TABLE appointment_reminders (
  appointment_id text NOT NULL,
  channel        text NOT NULL CHECK (channel IN ('email', 'sms')),
  start_utc      bigint NOT NULL,
  outcome        text NOT NULL CHECK (outcome IN ('queued', 'skipped')),
  at             bigint NOT NULL,
  PRIMARY KEY (appointment_id, channel, start_utc)
);

CREATE TABLE reminder_opt_outs (
  appointment_id text NOT NULL,
  channel        text NOT NULL CHECK (channel IN ('email', 'sms')),
  at             bigint NOT NULL,
  PRIMARY KEY (appointment_id, channel)
);

CREATE INDEX appointments_booked_by_start ON appointments (start_utc) WHERE status = 'booked';
