-- Document pre-check and preparation (issue #7): the latest verdict per (appointment, required
-- document) and one preparation mark with a private note per appointment. Both are replaced in
-- place; the history of who did what is in the audit log.
CREATE TABLE document_reviews (
  appointment_id  TEXT NOT NULL,
  document        TEXT NOT NULL CHECK (document <> ''),
  state           TEXT NOT NULL CHECK (state IN ('accepted', 'unreadable', 'wrong', 'missing')),
  reason          TEXT NOT NULL,
  comment         TEXT NOT NULL,
  account_id      TEXT NOT NULL,
  account_login   TEXT NOT NULL,
  reviewed_at     INTEGER NOT NULL,  -- unix seconds
  PRIMARY KEY (appointment_id, document)
) STRICT;

CREATE TABLE preparations (
  appointment_id  TEXT PRIMARY KEY,
  prepared        INTEGER NOT NULL CHECK (prepared IN (0, 1)),
  note            TEXT NOT NULL,
  account_id      TEXT NOT NULL,
  account_login   TEXT NOT NULL,
  updated_at      INTEGER NOT NULL   -- unix seconds
) STRICT;
