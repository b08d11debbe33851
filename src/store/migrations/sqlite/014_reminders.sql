-- Appointment reminders (issue #8 item 1). One row per appointment, channel and start time whose
-- reminder was queued (or skipped for good): the primary key is the claim, so two servers never
-- queue one reminder twice, and a moved appointment (new start) is reminded again.
CREATE TABLE appointment_reminders (
  appointment_id TEXT NOT NULL,
  channel        TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  start_utc      INTEGER NOT NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('queued', 'skipped')),
  at             INTEGER NOT NULL,
  PRIMARY KEY (appointment_id, channel, start_utc)
) STRICT, WITHOUT ROWID;

-- A citizen's "no more reminders on this channel" for one appointment (the link in the reminder).
CREATE TABLE reminder_opt_outs (
  appointment_id TEXT NOT NULL,
  channel        TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  at             INTEGER NOT NULL,
  PRIMARY KEY (appointment_id, channel)
) STRICT, WITHOUT ROWID;

-- The reminder run reads booked appointments by start time over the next two days or so.
CREATE INDEX appointments_booked_by_start ON appointments (start_utc) WHERE status = 'booked';
