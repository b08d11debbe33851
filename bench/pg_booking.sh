#!/usr/bin/env bash
# Issue #6: POST /api/v1/bookings through two amtstermin servers on one PostgreSQL 15 vs raw
# pgbench single-row insert transactions at the same client count, on one throw-away cluster with
# durable commits (fsync, synchronous_commit), in alternating rounds; medians and their ratio.
# Usage: bench/pg_booking.sh <amtstermin binary> [<binary to compare with>]   (bench/run calls it
# with one); a second binary (an older build, say) takes bookings too, as a third side of each round.
# Environment: ROUNDS (3), SECONDS_PER_RUN (10), PG_CLIENTS (16: pgbench -c, and the wrk connections
# of both servers together), PG_DIAG=1: also where the time goes (statements and WAL syncs per
# booking from pg_stat_statements and pg_stat_wal, and what the servers'
# connections were doing, sampled every 0.1 s); the diagnostics cost some speed on both sides.
# PG_PERF=1: a system-wide CPU profile (perf record -a) of round 1's bookings, by program and by
# function of the servers and of PostgreSQL.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${1:?usage: pg_booking.sh <amtstermin binary> [<binary to compare with>]}
baseline=${2:-}
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_RUN:-10}
clients=${PG_CLIENTS:-16}
diag=${PG_DIAG:-0}
profile=${PG_PERF:-0}
now='2027-03-08T07:00:00+01:00'
work=$(mktemp -d /tmp/amt-pgbench.XXXXXX)
chmod 755 "$work"  # as root the cluster runs as the postgres user, who must reach its folder
pg=$work/pg
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "$root/tests/support/pg_cluster" stop "$pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
. "$root/bench/common.sh"
TIMEFORMAT='%U %S'  # bash's time: user and system CPU seconds of the command

# CPU seconds (user + system) so far of a process; with a second argument 1 also of its reaped children.
cpu_of() {
  awk -v children="${2:-0}" -v hz="$(getconf CLK_TCK)" \
    '{sub(/^[^)]*\) /, ""); t = $12 + $13; if (children) t += $14 + $15; printf "%.2f\n", t / hz}' \
    "/proc/$1/stat" 2>/dev/null || echo 0
}
# PostgreSQL's CPU seconds so far: the postmaster, its live children and the ones it has reaped.
pg_cpu() {
  local pm total
  pm=$(head -1 "$pg/data/postmaster.pid")
  total=$(cpu_of "$pm" 1)
  for child in $(ps -o pid= --ppid "$pm"); do total=$(awk -v a="$total" -v b="$(cpu_of "$child")" 'BEGIN {print a + b}'); done
  echo "$total"
}
# Busy CPU seconds of the whole machine so far (every process, other sessions' too).
machine_busy() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / {print ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a - b}'; }
per() { awk -v a="$1" -v n="$2" 'BEGIN {printf "%.3f", (n > 0 ? 1000 * a / n : 0)}'; }  # ms per item
sql() { PGOPTIONS=--client-min-messages=warning psql "$1" -qAtX -v ON_ERROR_STOP=1 -c "$2"; }
# The second half of a file first: the two servers walk different days.
rotated() { local n; n=$(wc -l <"$1"); tail -n +"$((n / 2 + 1))" "$1"; head -n "$((n / 2))" "$1"; }

settings=()
if [[ $diag == 1 ]]; then settings=(--set shared_preload_libraries=pg_stat_statements --set pg_stat_statements.track_planning=on); fi
say "issue #6: bookings through two servers on one PostgreSQL vs raw pgbench inserts" \
  "($rounds alternating rounds of ${seconds}s, $clients clients)"
"$root/tests/support/pg_cluster" start "$pg" --durable "${settings[@]}" >/dev/null
admin=$(cat "$pg/url")
amt_url=${admin/\/postgres\?/\/amt?}
raw_url=${admin/\/postgres\?/\/raw?}
sql "$admin" "CREATE DATABASE amt" >/dev/null
sql "$admin" "CREATE DATABASE raw" >/dev/null
AMTSTERMIN_DATABASE_URL="$amt_url" "$binary" migrate >/dev/null 2>&1
AMTSTERMIN_DATABASE_URL="$amt_url" "$binary" seed-demo >/dev/null 2>&1
AMTSTERMIN_DATABASE_URL="$raw_url" "$binary" migrate >/dev/null 2>&1
if [[ $diag == 1 ]]; then sql "$amt_url" "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null; fi
echo "PostgreSQL $(sql "$admin" 'SHOW server_version'), fsync=$(sql "$admin" 'SHOW fsync')," \
  "synchronous_commit=$(sql "$admin" 'SHOW synchronous_commit'), data in $pg (load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "pgbench -n -M prepared -c$clients -j2 -T$seconds -f bench/pg_raw_insert.sql;" \
  "bookings: wrk -t1 -c$((clients / 2)) -d${seconds}s -s bench/booking.lua against each of the two servers at once"

# One round of bookings: two fresh servers of binary on the one database, each with its own wrk;
# side names the figures ("bookings", or "before" for the binary to compare with).
bookings_round() {
  local binary=$1 side=$2
  sql "$amt_url" "TRUNCATE appointments, outbox CASCADE" >/dev/null
  start_server "$amt_url"
  port_a=$amt_port pid_a=$amt_pid
  start_server "$amt_url"
  port_b=$amt_port pid_b=$amt_pid
  free_starts "$port_a" submit-documents 2027-03-08 2027-05-02 >"$work/starts-a.txt"
  free_starts "$port_b" change-notification 2027-03-08 2027-05-02 >"$work/starts-b-all.txt"
  rotated "$work/starts-b-all.txt" >"$work/starts-b.txt"
  rows0=$(sql "$amt_url" "SELECT count(*) FROM appointments")
  if [[ $diag == 1 ]]; then
    sql "$amt_url" "SELECT pg_stat_statements_reset()" >/dev/null
    sql "$admin" "SELECT pg_stat_reset_shared('wal')" >/dev/null
    printf '%s\n%s\n' "SELECT now()::text, CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'running')
      ELSE state END, count(*) FROM pg_stat_activity WHERE datname = 'amt' AND backend_type = 'client backend'
      AND pid <> pg_backend_pid() AND application_name <> 'amtstermin-version-watch' GROUP BY 2" '\watch 0.1' |
      psql "$amt_url" -qAtX >"$work/samples-$side-$round.txt" 2>/dev/null &
    sampler=$!
  fi
  pg0=$(pg_cpu) m0=$(machine_busy) a0=$(cpu_of "$pid_a") b0=$(cpu_of "$pid_b")
  { time wrk -t1 -c"$((clients / 2))" -d"${seconds}s" -s "$root/bench/booking.lua" "http://127.0.0.1:$port_a/api/v1/bookings" \
    -- "$work/starts-a.txt" "r${round}a" submit-documents >"$work/wrk-a-$side-$round.out" 2>"$work/wrk-a-$side-$round.err"; } 2>"$work/wrk-a-$side-$round.time" &
  wrk_a=$!
  { time wrk -t1 -c"$((clients / 2))" -d"${seconds}s" -s "$root/bench/booking.lua" "http://127.0.0.1:$port_b/api/v1/bookings" \
    -- "$work/starts-b.txt" "r${round}b" change-notification >"$work/wrk-b-$side-$round.out" 2>"$work/wrk-b-$side-$round.err"; } 2>"$work/wrk-b-$side-$round.time" &
  wrk_b=$!
  if [[ $profile == 1 && $round == 1 && $side == bookings ]]; then
    perf record -a -F 499 -o "$work/perf.data" -- sleep "$((seconds - 1))" >/dev/null 2>&1
  fi
  wait "$wrk_a" "$wrk_b"
  a1=$(cpu_of "$pid_a") b1=$(cpu_of "$pid_b") m1=$(machine_busy)
  if [[ $diag == 1 ]]; then kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; fi
  stop_server "$pid_a"
  stop_server "$pid_b"
  sleep 0.5  # the postmaster reaps the servers' backends
  pg1=$(pg_cpu)
  rows1=$(sql "$amt_url" "SELECT count(*) FROM appointments")
  booked=$((rows1 - rows0))
  rate=$(awk -v n="$booked" -v s="$seconds" 'BEGIN {printf "%.1f", n / s}')
  echo "$rate" >>"$work/$side.rate"
  statuses=$(cat "$work/wrk-a-$side-$round.out" "$work/wrk-b-$side-$round.out" | awk '/^booking-statuses:/ {
      for (i = 2; i <= NF; i++) {split($i, kv, "="); n[kv[1]] += kv[2]}}
    END {printf "201=%d 409=%d other=%d", n["201"], n["409"], n["other"]}')
  requests=$(cat "$work/wrk-a-$side-$round.out" "$work/wrk-b-$side-$round.out" | awk '/ requests in / {n += $1} END {print n}')
  wrk_cpu=$(cat "$work/wrk-a-$side-$round.time" "$work/wrk-b-$side-$round.time" | awk '{t += $1 + $2} END {print t}')
  echo "round $round $side: $rate bookings/s ($statuses; $booked new rows; $requests requests);" \
    "CPU ms per booking: servers $(per "$(minus "$a1" "$a0")" "$booked") + $(per "$(minus "$b1" "$b0")" "$booked")," \
    "postgres $(per "$(minus "$pg1" "$pg0")" "$booked"), wrk $(per "$wrk_cpu" "$booked"); machine busy $(minus "$m1" "$m0") of $((seconds * $(nproc))) CPU s"
  if [[ $diag == 1 ]]; then
    sleep 1  # backends report their statistics when they end
    echo "  per booking: $(sql "$amt_url" "SELECT round(sum(calls)::numeric / $booked, 2) FROM pg_stat_statements s
        JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'amt' AND query NOT LIKE '%pg_stat%'") statements," \
      "$(sql "$admin" "SELECT round(wal_sync::numeric / $booked, 3) || ' WAL syncs, ' || round(wal_write::numeric / $booked, 3)
          || ' WAL writes, ' || round(wal_bytes / $booked) || ' WAL bytes' FROM pg_stat_wal")"
    # Plans per call near 1 mean PostgreSQL plans that statement afresh on every call (a custom plan).
    echo "  statements by calls (calls per booking, mean ms executing, plans per call, mean ms planning):"
    sql "$amt_url" "SELECT '    ' || round(calls::numeric / $booked, 2) || '  ' || round(mean_exec_time::numeric, 3) || '  '
        || round(plans::numeric / greatest(calls, 1), 2) || '  ' || round(mean_plan_time::numeric, 3) || '  '
        || left(regexp_replace(query, '\s+', ' ', 'g'), 110) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = 'amt' AND query NOT LIKE '%pg_stat%' ORDER BY calls DESC LIMIT 14"
    echo "  the servers' connections, on average over the run (sampled every 0.1 s):"
    awk -F'|' 'NF == 3 {samples[$1] = 1; n[$2] += $3} END {
        s = length(samples); for (k in n) printf "    %.2f  %s\n", n[k] / s, k}' "$work/samples-$side-$round.txt" | sort -rn
  fi
}

: >"$work/raw.rate"
: >"$work/bookings.rate"
: >"$work/before.rate"
for round in $(seq "$rounds"); do
  # Every round starts from the same tables: the demo office, no appointments (and on the booking
  # side no outbox), as the SQLite comparison starts each round with a fresh database.
  sql "$raw_url" "TRUNCATE appointments CASCADE" >/dev/null

  # The reference: pgbench's single-row insert transactions.
  pg0=$(pg_cpu) m0=$(machine_busy)
  { time pgbench -n -M prepared -c"$clients" -j2 -T"$seconds" -f "$root/bench/pg_raw_insert.sql" "$raw_url" \
    >"$work/pgbench-$round.out" 2>&1; } 2>"$work/pgbench-$round.time"
  pg1=$(pg_cpu) m1=$(machine_busy)
  tps=$(grep -oP '^tps = \K[0-9.]+' "$work/pgbench-$round.out" | head -1)
  inserted=$(grep -oP 'number of transactions actually processed: \K[0-9]+' "$work/pgbench-$round.out")
  echo "$tps" >>"$work/raw.rate"
  pgbench_cpu=$(awk '{print $1 + $2}' "$work/pgbench-$round.time")
  echo "round $round raw: $tps tx/s ($inserted rows); CPU ms per insert: postgres $(per "$(minus "$pg1" "$pg0")" "$inserted")," \
    "pgbench $(per "$pgbench_cpu" "$inserted"); machine busy $(minus "$m1" "$m0") of $((seconds * $(nproc))) CPU s"

  bookings_round "$binary" bookings
  if [[ -n $baseline ]]; then bookings_round "$baseline" before; fi
done
if [[ $profile == 1 ]]; then
  echo "CPU profile of round 1's bookings (perf record -a -F 499), by program:"
  perf report -i "$work/perf.data" --stdio --sort comm --percent-limit 1 2>/dev/null | grep -v -e '^#' -e '^$' | head -12 || true
  for program in "$(basename "$binary" | cut -c1-15)" postgres; do
    echo "  $program by function:"
    perf report -i "$work/perf.data" --stdio --comms "$program" --sort dso,sym --percent-limit 1 2>/dev/null |
      grep -v -e '^#' -e '^$' | head -25 || true
  done
fi
raw_median=$(median <"$work/raw.rate")
book_median=$(median <"$work/bookings.rate")
echo "median: raw inserts $raw_median tx/s, bookings $book_median bookings/s," \
  "ratio $(ratio "$book_median" "$raw_median") (target >= 0.50); load afterwards $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n $baseline ]]; then
  before_median=$(median <"$work/before.rate")
  echo "median of the binary compared with: $before_median bookings/s, ratio $(ratio "$before_median" "$raw_median");" \
    "bookings now / before: $(ratio "$book_median" "$before_median")"
fi
