#!/usr/bin/env bash
# The reference for POST /api/v1/bookings: raw durable SQLite insert transactions on this machine.
# Usage: bench/raw_sqlite_insert.sh <fresh-db-file> <seconds>
# Creates the real schema (src/store/migrations/sqlite/*.sql), sets the server's pragmas (WAL,
# synchronous=FULL), then for <seconds> runs BEGIN; one INSERT into appointments; COMMIT, one row
# per transaction, and prints "raw-inserts: <n> in <s> s = <rate>/s". Python's sqlite3 module adds a
# few microseconds per statement, next to the fsync that dominates each commit.
set -euo pipefail
db=${1:?usage: raw_sqlite_insert.sh <fresh-db-file> <seconds>}
seconds=${2:?usage: raw_sqlite_insert.sh <fresh-db-file> <seconds>}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rm -f "$db" "$db-wal" "$db-shm"
exec python3 - "$db" "$seconds" "$here/../src/store/migrations/sqlite" <<'PY'
import glob, os, sqlite3, sys, time

db, seconds, migrations = sys.argv[1], float(sys.argv[2]), sys.argv[3]
con = sqlite3.connect(db, isolation_level=None)
for path in sorted(glob.glob(os.path.join(migrations, "*.sql"))):
    con.executescript(open(path, encoding="utf-8").read())
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=FULL")
insert = ("INSERT INTO appointments (id, code, location_id, service_id, staff_id, start_utc, end_utc,"
          " channel, status, staff_fixed, manage_token_hash, contact_name, contact_email, contact_phone,"
          " customer_number, note, language, created_at)"
          " VALUES (?, ?, 'mainz', 'submit-documents', 'staff-01', ?, ?, 'online', 'booked', 0, ?,"
          " 'Bench', ?, '', '', '', 'de', 1804489200)")
start_utc = 1804489200
n = 0
begin = time.monotonic()
deadline = begin + seconds
while time.monotonic() < deadline and n < 10_000_000:
    n += 1
    s = start_utc + 900 * (n % 5000)
    con.execute("BEGIN IMMEDIATE")
    con.execute(insert, (f"raw-{n:08d}", f"R{n:07d}", s, s + 900, os.urandom(32).hex(), f"raw{n}@example.org"))
    con.execute("COMMIT")
elapsed = time.monotonic() - begin
con.close()
print(f"raw-inserts: {n} in {elapsed:.2f} s = {n / elapsed:.1f}/s")
PY
