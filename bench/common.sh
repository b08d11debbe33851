# Helpers shared by the load benchmarks (bench/run, bench/pg_booking.sh); sourced, not run.
# The caller sets binary, now and work, and declares the array pids (killed on exit).

say() { printf '\n== %s\n' "$*"; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
rps() { awk '/^Requests\/sec:/ {print $2}'; }
wait_http() {
  for _ in $(seq 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "bench: $1 did not answer" >&2; return 1
}

# Starts amtstermin on a database URL, with the limits that would refuse a load generator's
# bookings switched off; sets amt_port and amt_pid.
start_server() {
  local url=$1
  amt_port=$(free_port)
  AMTSTERMIN_DATABASE_URL="$url" AMTSTERMIN_HTTP_LISTEN="127.0.0.1:$amt_port" \
    AMTSTERMIN_CLOCK_NOW="$now" AMTSTERMIN_ALTCHA_ENABLED=false AMTSTERMIN_HTTP_ACCESS_LOG=false \
    AMTSTERMIN_BOOKING_MAX_ACTIVE_PER_CONTACT=1000 AMTSTERMIN_LOG_LEVEL=warn \
    AMTSTERMIN_RATE_LIMIT_BOOKING_PER_IP=0 AMTSTERMIN_RATE_LIMIT_BOOKING_PER_CONTACT=0 \
    AMTSTERMIN_SECURITY_SECRET=bench-secret-bench-secret-bench-secret AMTSTERMIN_UPLOAD_DIR="$work/uploads" \
    "$binary" serve >"$work/server-$amt_port.log" 2>&1 &
  amt_pid=$!
  pids+=("$amt_pid")
  wait_http "http://127.0.0.1:$amt_port/healthz"
}

stop_server() { kill "$1"; wait "$1" 2>/dev/null || true; }

# Every free start of a service over the given dates, one RFC 3339 start per line.
free_starts() {
  local port=$1 service=$2 from=$3 to=$4
  curl -fs "http://127.0.0.1:$port/api/v1/availability?location=mainz&service=$service&from=$from&to=$to" |
    /usr/bin/python3 -c 'import json,sys; [print(s["start"]) for d in json.load(sys.stdin)["days"] for s in d["slots"]]'
}
