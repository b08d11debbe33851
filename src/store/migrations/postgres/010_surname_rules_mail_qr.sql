-- Responsibility by surname letters (issue #4), the same columns as sqlite/010_surname_rules_mail_qr.sql.
ALTER TABLE responsibility_rules ADD COLUMN surname_from text NOT NULL DEFAULT '';
ALTER TABLE responsibility_rules ADD COLUMN surname_to   text NOT NULL DEFAULT '';

-- The text a mail shows as a QR code image (issue #3), as in sqlite/010_surname_rules_mail_qr.sql.
ALTER TABLE outbox ADD COLUMN qr_text text NOT NULL DEFAULT '';
