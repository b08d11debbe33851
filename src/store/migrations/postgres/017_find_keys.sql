-- Index-backed find of a caller's bookings (service center, issue #4); the same keys as
-- sqlite/017_find_keys.sql. Lower-casing is ASCII only (translate), as SQLite's lower() and the
-- console's search compare; keys sort bytewise (COLLATE "C") so a prefix is one index range.
ALTER TABLE appointments ADD COLUMN phone_key text COLLATE "C" GENERATED ALWAYS AS (
  CASE WHEN contact_phone = '' THEN NULL
       WHEN substr(contact_phone, 1, 3) = '+49' THEN '0' || substr(contact_phone, 4)
       WHEN substr(contact_phone, 1, 4) = '0049' THEN '0' || substr(contact_phone, 5)
       ELSE contact_phone END) STORED;
ALTER TABLE appointments ADD COLUMN customer_key text COLLATE "C" GENERATED ALWAYS AS (
  NULLIF(translate(customer_number, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '')) STORED;
CREATE INDEX appointments_by_phone_key ON appointments (phone_key);
CREATE INDEX appointments_by_customer_key ON appointments (customer_key);

-- Every suffix of at least three bytes of the lower-cased name.
CREATE FUNCTION appointment_name_suffixes(name text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT substr(k, n) FROM
    (SELECT translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') AS k) AS lowered,
    generate_series(1, length(name)) AS n
  WHERE octet_length(substr(k, n)) >= 3
$$;

CREATE TABLE appointment_name_keys (
  name_key       text COLLATE "C" NOT NULL,
  appointment_id text NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  PRIMARY KEY (name_key, appointment_id)
);
CREATE INDEX appointment_name_keys_by_appointment ON appointment_name_keys (appointment_id);

INSERT INTO appointment_name_keys (name_key, appointment_id)
  SELECT s, a.id FROM appointments a, appointment_name_suffixes(a.contact_name) AS s;

CREATE FUNCTION appointment_name_keys_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM appointment_name_keys WHERE appointment_id = OLD.id;
  END IF;
  INSERT INTO appointment_name_keys (name_key, appointment_id)
    SELECT s, NEW.id FROM appointment_name_suffixes(NEW.contact_name) AS s;
  RETURN NULL;
END
$$;
CREATE TRIGGER appointment_name_keys_on_insert AFTER INSERT ON appointments
  FOR EACH ROW EXECUTE FUNCTION appointment_name_keys_sync();
CREATE TRIGGER appointment_name_keys_on_rename AFTER UPDATE OF contact_name ON appointments
  FOR EACH ROW WHEN (OLD.contact_name IS DISTINCT FROM NEW.contact_name)
  EXECUTE FUNCTION appointment_name_keys_sync();
