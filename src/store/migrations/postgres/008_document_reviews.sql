-- Document pre-check and preparation (issue #7), the same tables as sqlite/008_document_reviews.sql.
CREATE TABLE document_reviews (
  appointment_id  text NOT NULL,
  document        text NOT NULL CHECK (document <> ''),
  state           text NOT NULL CHECK (state IN ('accepted', 'unreadable', 'wrong', 'missing')),
  reason          text NOT NULL,
  comment         text NOT NULL,
  account_id      text NOT NULL,
  account_login   text NOT NULL,
  reviewed_at     bigint NOT NULL,
  PRIMARY KEY (appointment_id, document)
);

CREATE TABLE preparations (
  appointment_id  text PRIMARY KEY,
  prepared        smallint NOT NULL CHECK (prepared IN (0, 1)),
  note            text NOT NULL,
  account_id      text NOT NULL,
  account_login   text NOT NULL,
  updated_at      bigint NOT NULL
);
