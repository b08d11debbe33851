-- One staff account per staff member; the same meaning as sqlite/018_one_account_per_staff_member.sql
-- (the oldest account keeps a link held twice, the others are unlinked with an audit entry). Two
-- servers linking one person at once: the second write into this index waits for the first
-- transaction and then inserts nothing (INSERT ... ON CONFLICT DO NOTHING) or fails and runs again
-- (UPDATE), and either way is refused (store/postgres/staff_rows.cpp).
CREATE TEMP TABLE accounts_linked_twice ON COMMIT DROP AS
SELECT id, staff_id, location_id, kept_by FROM (
  SELECT id, staff_id, location_id,
         ROW_NUMBER() OVER (PARTITION BY staff_id ORDER BY created_at, id COLLATE "C") AS place,
         FIRST_VALUE(login) OVER (PARTITION BY staff_id ORDER BY created_at, id COLLATE "C") AS kept_by
  FROM staff_accounts WHERE staff_id <> '') ranked
WHERE place > 1;

INSERT INTO audit_log (at, account_id, account_login, action, subject_type, subject_id, detail)
SELECT extract(epoch FROM now())::bigint, '', 'migration 018', 'staff_account.unlink', 'staff_account', id,
       'staff member ' || staff_id || ' -> none, location ' || CASE WHEN location_id = '' THEN 'none' ELSE location_id END
       || ' -> ' || CASE WHEN location_id = '' THEN 'none' ELSE location_id END
       || ' (one account per staff member: ' || kept_by || ' keeps the link)'
FROM accounts_linked_twice ORDER BY id COLLATE "C";

UPDATE staff_accounts SET staff_id = '' WHERE id IN (SELECT id FROM accounts_linked_twice);

CREATE UNIQUE INDEX staff_accounts_one_per_staff_member ON staff_accounts (staff_id) WHERE staff_id <> '';
