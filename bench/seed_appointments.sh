#!/usr/bin/env bash
# Adds <count> appointments of the demo office straight into a SQLite database (for the memory
# benchmark): 100 weeks of history before 2027-03-08 and the 8 weeks of booking horizon after it.
# Usage: bench/seed_appointments.sh <db-file> [count]   (after `amtstermin migrate` and `seed-demo`)
# Each working day gets count/540 appointments: staff-01..staff-40 in turn, at most five each a
# day, 45 minutes apart from 08:00 local time (so they never overlap and fit Friday's 12:30
# closing), each with a service that person is qualified for in the demo data. Past appointments
# are mostly done, some no-show or cancelled; future ones booked, some cancelled. TZ makes SQLite's
# 'utc' modifier convert Berlin wall-clock times to UTC, summer time included.
set -euo pipefail
db=${1:?usage: seed_appointments.sh <db-file> [count]}
count=${2:-100000}
TZ=Europe/Berlin sqlite3 -bail "$db" <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
WITH RECURSIVE
  n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $count),
  placed AS (
    SELECT i,
           i % 540 AS workday,                       -- 108 weeks of Monday..Friday
           (i / 540) % 40 AS staff,                  -- 0-based index into staff-01..staff-40
           ((i / 540) / 40) % 5 AS turn              -- that person's n-th appointment that day
    FROM n),
  timed AS (
    SELECT i, staff, turn,
           date('2027-03-08', ((workday / 5) * 7 + workday % 5 - 700) || ' days') AS day,
           CASE
             WHEN staff < 20 THEN
               CASE i % 4 WHEN 0 THEN 'continued-benefits' WHEN 1 THEN 'change-notification'
                          WHEN 2 THEN 'housing-costs' ELSE 'submit-documents' END
             WHEN staff < 34 THEN CASE i % 2 WHEN 0 THEN 'placement-counselling' ELSE 'submit-documents' END
             ELSE CASE i % 2 WHEN 0 THEN 'change-notification' ELSE 'submit-documents' END
           END AS service
    FROM placed),
  instants AS (
    SELECT i, staff, service,
           CAST(strftime('%s', day || ' 08:00', '+' || (turn * 45) || ' minutes', 'utc') AS INTEGER) AS start_utc,
           CASE service WHEN 'placement-counselling' THEN 45 WHEN 'change-notification' THEN 15
                        WHEN 'submit-documents' THEN 15 ELSE 30 END AS minutes
    FROM timed)
INSERT INTO appointments (id, code, location_id, service_id, staff_id, start_utc, end_utc, channel,
                          status, staff_fixed, manage_token_hash, contact_name, contact_email,
                          contact_phone, customer_number, note, language, created_at)
SELECT printf('seed-%07d', i),
       printf('S%07d', i),
       'mainz',
       service,
       printf('staff-%02d', staff + 1),
       start_utc,
       start_utc + minutes * 60,
       CASE i % 3 WHEN 0 THEN 'online' WHEN 1 THEN 'phone' ELSE 'kiosk' END,
       CASE
         WHEN start_utc < 1804489200 THEN
           CASE WHEN i % 100 < 85 THEN 'done' WHEN i % 100 < 92 THEN 'no_show' ELSE 'cancelled' END
         ELSE CASE WHEN i % 100 < 92 THEN 'booked' ELSE 'cancelled' END
       END,
       CASE service WHEN 'placement-counselling' THEN 1 ELSE 0 END,
       lower(hex(randomblob(32))),
       'Seed Person ' || i,
       printf('seed%d@example.org', i),
       CASE WHEN i % 2 = 0 THEN printf('0151%07d', i) ELSE '' END,
       CASE WHEN i % 5 = 0 THEN printf('%06d', 100000 + (i * 7919) % 900000) ELSE '' END,
       '',
       CASE i % 6 WHEN 0 THEN 'en' WHEN 1 THEN 'uk' WHEN 2 THEN 'ar' ELSE 'de' END,
       start_utc - 7 * 86400
FROM instants;
COMMIT;
SQL
