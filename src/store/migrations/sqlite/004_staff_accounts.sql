-- Staff accounts, server-side sessions, sign-in throttling and the append-only audit log (issue #4).

-- login is unique without regard to case; the application allows only ASCII in logins, so NOCASE
-- is exact. roles is a comma-separated list of role names (readable for whoever inspects the file).
-- staff_id and location_id are '' when unset and carry no foreign keys, because replace_catalog
-- deletes and re-inserts the reference data.
CREATE TABLE staff_accounts (
  id            TEXT PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  staff_id      TEXT NOT NULL,
  location_id   TEXT NOT NULL,
  roles         TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active        INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at    INTEGER NOT NULL
) STRICT;

-- Only the SHA-256 of the session token is stored: a copy of the database signs nobody in.
CREATE TABLE staff_sessions (
  token_hash   TEXT PRIMARY KEY,
  account_id   TEXT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX staff_sessions_by_account ON staff_sessions (account_id);

-- Failed sign-ins per login name (key: SHA-256 of the lower-cased name), existing or not.
CREATE TABLE login_throttle (
  key             TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL CHECK (failures >= 0),
  window_start    INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  locked_until    INTEGER NOT NULL
) STRICT;

-- Protokoll. Entries outlive accounts, so account_id has no foreign key and the login is copied.
CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  at            INTEGER NOT NULL,
  account_id    TEXT NOT NULL,
  account_login TEXT NOT NULL,
  action        TEXT NOT NULL,
  subject_type  TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  detail        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_subject ON audit_log (subject_type, subject_id, id);
CREATE INDEX audit_by_account ON audit_log (account_id, id);

-- Nobody edits the audit log, not even through SQL: changes and deletions abort. INSERT OR REPLACE
-- deletes the old row without firing DELETE triggers (unless recursive triggers are on), so an
-- insert that names an id at or below the newest one aborts too; the store never names one.
-- (In a BEFORE INSERT trigger an id left to AUTOINCREMENT reads as -1 or NULL.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN NEW.id > 0 AND NEW.id <= (SELECT MAX(id) FROM audit_log)
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
