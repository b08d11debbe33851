-- Responsibility by surname letters (Buchstabenzuständigkeit, issue #4): a rule holds either a
-- customer number range or a letter range ("A".."K"); the other pair stays empty.
ALTER TABLE responsibility_rules ADD COLUMN surname_from TEXT NOT NULL DEFAULT '';
ALTER TABLE responsibility_rules ADD COLUMN surname_to   TEXT NOT NULL DEFAULT '';

-- The text a mail shows as a QR code image (the booking code, issue #3); '' for none. Kept as text
-- and drawn when the mail is composed, so the outbox holds no binary data.
ALTER TABLE outbox ADD COLUMN qr_text TEXT NOT NULL DEFAULT '';
