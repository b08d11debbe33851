-- Outbox (messages written in the same transaction as the change they tell about, delivered later
-- by a worker) and uploaded documents of an appointment. Kept to SQL that PostgreSQL takes too,
-- apart from STRICT; instants are INTEGER unix seconds (UTC).

-- One message per row. channel says which worker delivers it ('email' now; 'sms' and 'webhook'
-- are reserved for reminders and social posts). A worker claims due rows by setting lease_owner
-- and lease_until; a crashed worker's lease simply runs out and the row is due again.
CREATE TABLE outbox (
  id              TEXT PRIMARY KEY,   -- random; the mail's Message-ID is derived from it
  channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
  kind            TEXT NOT NULL,      -- e.g. booking_confirmed, booking_rescheduled, booking_cancelled
  appointment_id  TEXT NOT NULL,      -- '' when the message is about no appointment; no foreign key
                                      -- on purpose: the record of what was sent outlives a purge
  recipient       TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,      -- cleared once sent: it may carry the manage link
  attachment_name TEXT NOT NULL,      -- '' when none
  attachment_type TEXT NOT NULL,
  attachment      TEXT NOT NULL,
  dedupe_key      TEXT UNIQUE,        -- NULL: none; a second message with the same key is dropped
  status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL,   -- claims so far (counted when claimed, so crashes count too)
  next_attempt_at INTEGER NOT NULL,   -- not before this instant (reminders are queued for later)
  lease_owner     TEXT NOT NULL,      -- '' when nobody holds it
  lease_until     INTEGER NOT NULL,
  last_error      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER             -- NULL until sent
) STRICT;
CREATE INDEX outbox_due ON outbox (status, channel, next_attempt_at);
CREATE INDEX outbox_by_appointment ON outbox (appointment_id, created_at);

-- Files a citizen uploaded for an appointment. The bytes live outside the database and the web
-- root, named by their SHA-256; file_name is the sanitised original name, for display only.
CREATE TABLE documents (
  id             TEXT PRIMARY KEY,
  appointment_id TEXT NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  document       TEXT NOT NULL,       -- which required document it is meant for; '' = other
  file_name      TEXT NOT NULL,
  media_type     TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes     INTEGER NOT NULL CHECK (size_bytes > 0),
  sha256         TEXT NOT NULL,
  uploaded_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX documents_by_appointment ON documents (appointment_id, uploaded_at);
