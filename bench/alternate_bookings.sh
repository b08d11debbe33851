#!/usr/bin/env bash
# Old and new side by side on a shared machine: the bookings benchmark of bench/run, one round
# per build in turn, repeated. Usage: bench/alternate_bookings.sh <build-dir>... (each holds an
# amtstermin binary); an argument "<build-dir>@VAR=value" runs that build with VAR set, e.g.
# build/release@AMTSTERMIN_HTTP_WORKER_THREADS=16. Environment: ITERATIONS (default 3).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
for i in $(seq "${ITERATIONS:-3}"); do
  for arm in "$@"; do
    dir=${arm%%@*}
    setting=()
    if [[ $arm == *@* ]]; then setting=("${arm#*@}"); fi
    echo "== $arm iteration $i at $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
    env "${setting[@]}" AMT_BUILD_DIR="$dir" ONLY=bookings ROUNDS=1 "$root/bench/run" 2>&1 | grep -E '^round'
  done
done
