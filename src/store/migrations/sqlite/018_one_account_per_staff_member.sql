-- One staff account per staff member: whose plans, bookings and desk an account sees follows its
-- link, so two sign-ins for one person would be two people acting as one. Held by a unique index,
-- so create-staff and the admin pages (on any server) cannot both link one person at the same
-- moment, as the read before the write they did until now could. staff_id is '' when unlinked.
-- A database from before may hold a person linked to two accounts: the oldest account (then the
-- smaller id) keeps the link, the others are unlinked, each with an audit entry naming the account
-- that kept it, and an admin links them anew where that was wrong (/staff/admin/accounts).
CREATE TEMP TABLE accounts_linked_twice AS
SELECT id, staff_id, location_id, kept_by FROM (
  SELECT id, staff_id, location_id,
         ROW_NUMBER() OVER (PARTITION BY staff_id ORDER BY created_at, id) AS place,
         FIRST_VALUE(login) OVER (PARTITION BY staff_id ORDER BY created_at, id) AS kept_by
  FROM staff_accounts WHERE staff_id <> '')
WHERE place > 1;

INSERT INTO audit_log (at, account_id, account_login, action, subject_type, subject_id, detail)
SELECT CAST(strftime('%s', 'now') AS INTEGER), '', 'migration 018', 'staff_account.unlink', 'staff_account', id,
       'staff member ' || staff_id || ' -> none, location ' || CASE WHEN location_id = '' THEN 'none' ELSE location_id END
       || ' -> ' || CASE WHEN location_id = '' THEN 'none' ELSE location_id END
       || ' (one account per staff member: ' || kept_by || ' keeps the link)'
FROM accounts_linked_twice ORDER BY id;

UPDATE staff_accounts SET staff_id = '' WHERE id IN (SELECT id FROM accounts_linked_twice);

DROP TABLE accounts_linked_twice;

CREATE UNIQUE INDEX staff_accounts_one_per_staff_member ON staff_accounts (staff_id) WHERE staff_id <> '';
