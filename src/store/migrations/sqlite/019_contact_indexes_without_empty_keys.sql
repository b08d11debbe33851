-- The indexes behind the per-contact booking limit hold only real e-mail addresses and phone
-- numbers, as on PostgreSQL (postgres/019_contact_indexes_without_empty_keys.sql, which says why);
-- the count's text carries the same "<> ''" so that SQLite can use them (store/sqlite/appointment_rows.cpp).
DROP INDEX appointments_by_email;
DROP INDEX appointments_by_phone;
CREATE INDEX appointments_by_email ON appointments (contact_email) WHERE contact_email <> '';
CREATE INDEX appointments_by_phone ON appointments (contact_phone) WHERE contact_phone <> '';
