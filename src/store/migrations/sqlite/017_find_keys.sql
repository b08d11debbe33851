-- Index-backed find of a caller's bookings (service center, issue #4); postgres/017 is the twin.
-- phone_key: the stored (normalised) number with +49 or 0049 written as 0, so "+49 151..." finds
-- "0151..."; customer_key: the customer number lower-cased; appointment_name_keys: every suffix of
-- the name lower-cased (ASCII letters only, as the console's search always compared), so "any part
-- of the name" is a prefix range on one index. The columns are generated and the name keys kept by
-- triggers, so every writer (the store, seeding scripts) fills them without knowing.
ALTER TABLE appointments ADD COLUMN phone_key TEXT GENERATED ALWAYS AS (
  CASE WHEN contact_phone = '' THEN NULL
       WHEN substr(contact_phone, 1, 3) = '+49' THEN '0' || substr(contact_phone, 4)
       WHEN substr(contact_phone, 1, 4) = '0049' THEN '0' || substr(contact_phone, 5)
       ELSE contact_phone END) VIRTUAL;
ALTER TABLE appointments ADD COLUMN customer_key TEXT GENERATED ALWAYS AS (
  NULLIF(lower(customer_number), '')) VIRTUAL;
CREATE INDEX appointments_by_phone_key ON appointments (phone_key);
CREATE INDEX appointments_by_customer_key ON appointments (customer_key);

-- Start positions of name suffixes: names are at most 100 characters (200 from the admin side).
CREATE TABLE name_positions (n INTEGER PRIMARY KEY) STRICT;
INSERT INTO name_positions (n)
  WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < 500) SELECT n FROM p;

-- Suffixes shorter than three bytes are left out: the search needs three.
CREATE TABLE appointment_name_keys (
  name_key       TEXT NOT NULL,
  appointment_id TEXT NOT NULL,
  PRIMARY KEY (name_key, appointment_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX appointment_name_keys_by_appointment ON appointment_name_keys (appointment_id);

INSERT INTO appointment_name_keys (name_key, appointment_id)
  SELECT substr(lower(a.contact_name), p.n), a.id FROM appointments a JOIN name_positions p
  ON p.n <= length(a.contact_name) WHERE length(CAST(substr(lower(a.contact_name), p.n) AS BLOB)) >= 3;

CREATE TRIGGER appointment_name_keys_on_insert AFTER INSERT ON appointments BEGIN
  INSERT INTO appointment_name_keys (name_key, appointment_id)
    SELECT substr(lower(NEW.contact_name), n), NEW.id FROM name_positions
    WHERE n <= length(NEW.contact_name) AND length(CAST(substr(lower(NEW.contact_name), n) AS BLOB)) >= 3;
END;
CREATE TRIGGER appointment_name_keys_on_rename AFTER UPDATE OF contact_name ON appointments
  WHEN NEW.contact_name IS NOT OLD.contact_name BEGIN
  DELETE FROM appointment_name_keys WHERE appointment_id = OLD.id;
  INSERT INTO appointment_name_keys (name_key, appointment_id)
    SELECT substr(lower(NEW.contact_name), n), NEW.id FROM name_positions
    WHERE n <= length(NEW.contact_name) AND length(CAST(substr(lower(NEW.contact_name), n) AS BLOB)) >= 3;
END;
CREATE TRIGGER appointment_name_keys_on_delete AFTER DELETE ON appointments BEGIN
  DELETE FROM appointment_name_keys WHERE appointment_id = OLD.id;
END;
