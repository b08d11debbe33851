-- Outbox and uploaded documents, column for column as sqlite/002_outbox_documents.sql, so the row
-- code of both stores reads the same values (instants bigint unix seconds, UTC). Several servers
-- share one outbox: their mail workers claim rows with FOR UPDATE SKIP LOCKED and a lease
-- (postgres/outbox_rows.cpp), so each message goes to one worker at a time.

-- One message per row; a worker claims due rows by setting lease_owner and lease_until, and a
-- crashed worker's lease simply runs out. seq keeps the order messages were enqueued in (the
-- role SQLite's rowid plays), so two mails of one second leave in the order they were written.
CREATE TABLE outbox (
  id              text PRIMARY KEY,   -- random; the mail's Message-ID is derived from it
  seq             bigint GENERATED ALWAYS AS IDENTITY,
  channel         text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
  kind            text NOT NULL,      -- e.g. booking_confirmed, booking_rescheduled, booking_cancelled
  appointment_id  text NOT NULL,      -- '' when about no appointment; no foreign key on purpose:
                                      -- the record of what was sent outlives a purge
  recipient       text NOT NULL,
  subject         text NOT NULL,
  body            text NOT NULL,      -- cleared once sent: it may carry the manage link
  attachment_name text NOT NULL,      -- '' when none
  attachment_type text NOT NULL,
  attachment      text NOT NULL,
  dedupe_key      text UNIQUE,        -- NULL: none; a second message with the same key is dropped
  status          text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        integer NOT NULL,   -- claims so far (counted when claimed, so crashes count too)
  next_attempt_at bigint NOT NULL,    -- not before this instant (reminders are queued for later)
  lease_owner     text NOT NULL,      -- '' when nobody holds it
  lease_until     bigint NOT NULL,
  last_error      text NOT NULL,
  created_at      bigint NOT NULL,
  sent_at         bigint              -- NULL until sent
);
-- Only pending rows are ever claimed; the partial index stays small however much history piles up.
CREATE INDEX outbox_due ON outbox (channel, next_attempt_at, created_at, seq) WHERE status = 'pending';
CREATE INDEX outbox_by_appointment ON outbox (appointment_id, created_at, seq);

-- Files a citizen uploaded for an appointment. The bytes live outside the database and the web
-- root, named by their SHA-256 (with several servers, upload.dir is one shared directory).
CREATE TABLE documents (
  id             text PRIMARY KEY,
  seq            bigint GENERATED ALWAYS AS IDENTITY,  -- upload order within one second
  appointment_id text NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  document       text NOT NULL,       -- which required document it is meant for; '' = other
  file_name      text NOT NULL,
  media_type     text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes     bigint NOT NULL CHECK (size_bytes > 0),
  sha256         text NOT NULL,
  uploaded_at    bigint NOT NULL
);
CREATE INDEX documents_by_appointment ON documents (appointment_id, uploaded_at, seq);
