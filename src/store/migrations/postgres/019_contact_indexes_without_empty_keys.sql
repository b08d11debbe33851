-- The indexes behind the per-contact booking limit hold only real e-mail addresses and phone
-- numbers; the same meaning as sqlite/019_contact_indexes_without_empty_keys.sql. Most bookings
-- leave one of the two empty, and with '' in the index a prepared count's generic plan expected
-- "a phone number" to match every such row, so PostgreSQL planned the count afresh on every
-- booking (store/postgres/appointment_rows.cpp). The count's text carries the same "<> ''".
DROP INDEX appointments_by_email;
DROP INDEX appointments_by_phone;
CREATE INDEX appointments_by_email ON appointments (contact_email) WHERE contact_email <> '';
CREATE INDEX appointments_by_phone ON appointments (contact_phone) WHERE contact_phone <> '';
