-- Staff accounts, server-side sessions, sign-in throttling and the append-only audit log (issue #4),
-- table for table the same as sqlite/004_staff_accounts.sql (instants as bigint unix seconds).

-- login is unique without regard to case (the application allows only ASCII in logins), through
-- a unique index on lower(login). roles is a comma-separated list of role names. staff_id and
-- location_id are '' when unset and carry no foreign keys (replace_catalog re-inserts those rows).
CREATE TABLE staff_accounts (
  id            text PRIMARY KEY,
  login         text NOT NULL,
  display_name  text NOT NULL,
  staff_id      text NOT NULL,
  location_id   text NOT NULL,
  roles         text NOT NULL,
  password_hash text NOT NULL,
  active        integer NOT NULL CHECK (active IN (0, 1)),
  created_at    bigint NOT NULL
);
CREATE UNIQUE INDEX staff_accounts_login ON staff_accounts (lower(login));

-- Only the SHA-256 of the session token is stored: a copy of the database signs nobody in.
CREATE TABLE staff_sessions (
  token_hash   text PRIMARY KEY,
  account_id   text NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
  created_at   bigint NOT NULL,
  last_seen_at bigint NOT NULL
);
CREATE INDEX staff_sessions_by_account ON staff_sessions (account_id);

-- Failed sign-ins per login name (key: SHA-256 of the lower-cased name), existing or not.
CREATE TABLE login_throttle (
  key             text PRIMARY KEY,
  failures        integer NOT NULL CHECK (failures >= 0),
  window_start    bigint NOT NULL,
  next_attempt_at bigint NOT NULL,
  locked_until    bigint NOT NULL
);

-- Protokoll. Entries outlive accounts, so account_id has no foreign key and the login is copied.
CREATE TABLE audit_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            bigint NOT NULL,
  account_id    text NOT NULL,
  account_login text NOT NULL,
  action        text NOT NULL,
  subject_type  text NOT NULL,
  subject_id    text NOT NULL,
  detail        text NOT NULL
);
CREATE INDEX audit_by_subject ON audit_log (subject_type, subject_id, id);
CREATE INDEX audit_by_account ON audit_log (account_id, id);

-- Nobody edits the audit log, not even through SQL as the table's owner: UPDATE (including
-- INSERT ... ON CONFLICT DO UPDATE), DELETE and TRUNCATE abort. GENERATED ALWAYS refuses
-- a chosen id, so an entry cannot be slipped in between others either.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
