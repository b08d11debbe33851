-- Anti-bot proofs (ALTCHA solutions and no-JavaScript wait tokens) already spent on a booking, so
-- each one is accepted once, also across several servers on one database. Rows are useless once
-- the proof has expired and are deleted then. Same text for SQLite and PostgreSQL.
CREATE TABLE used_proofs (
  proof_key TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX used_proofs_expiry ON used_proofs (expires_at);
