-- pgbench script, the reference for issue #6 (bench/pg_booking.sh): one single-row INSERT per
-- transaction into the real appointments table, with its indexes, the no-double-booking exclusion
-- constraint and the find-keys trigger, as bench/raw_sqlite_insert.sh does on SQLite. A staff id of
-- its own per row keeps the exclusion index doing its work without ever refusing a row.
\set r random(1, 9000000000000000000)
\set s 1804489200 + 900 * random(0, 5000)
\set name :r % 10000
INSERT INTO appointments (id, code, location_id, service_id, staff_id, start_utc, end_utc, channel, status, staff_fixed, manage_token_hash, contact_name, contact_email, contact_phone, customer_number, note, language, created_at) VALUES ('raw-' || :r, 'R' || :r, 'mainz', 'submit-documents', 'raw-' || :r, :s, :s + 900, 'online', 'booked', 0, md5(:r::text) || md5(:s::text), 'Bench ' || :name, 'raw-' || :r || '@example.org', '', '', '', 'de', 1804489200);
