#!/usr/bin/env bash
# Not a target run: one burst like run.sh's first service row, watched second by second, for the
# capacity model in bench/HISTORY.md ("A capacity model of the burst"). Starts the service (Release
# build) on 127.0.0.1 with a fresh database, warms it up and waits for that backlog, then runs a
# full-speed POST burst and, every second until the backlog is gone, prints the jobs accepted so
# far, the outbox backlog (undelivered messages, one per accepted order not yet stored), what was
# accepted and stored in that second, and the service's CPU in that second (% of one core).
#
#   bash bench/burst-phases.sh                 # 15 s burst
#   BURST_SECONDS=20 bash bench/burst-phases.sh Engage__Outbox__BacklogLimit=80000   # extra env for the service
#
# Reads the database with the sqlite3 shell (installed with apt-get if missing), read-only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source bench/lib.sh
SECONDS_OF_BURST="${BURST_SECONDS:-15}"
PORT="${BURST_PORT:-5304}"
URL="http://127.0.0.1:$PORT"
KEY="$BENCH_KEY"

bench_tools wrk sqlite3

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  dotnet build -c Release -nologo -v q src/Host/Engage.Host.csproj >/dev/null
fi

WORK="$(mktemp -d /tmp/engage-burst.XXXXXX)"
DB="$WORK/engage.db"
SERVICE_PID=""
cleanup() {
  [[ -n "$SERVICE_PID" ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_service "$BENCH_HOST_DIR" "$DB" "$URL" "$WORK/service.log" "$@"
SERVICE_PID=$BENCH_SERVICE_PID
bench_wait_up "$URL" || { echo "service did not start"; cat "$WORK/service.log"; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVICE_PID/stat"; } # utime + stime, in 1/100 s
sample() { # jobs so far, outbox backlog
  sqlite3 -readonly "$DB" \
    "SELECT IFNULL((SELECT MAX(seq) FROM orders_jobs), 0), (SELECT COUNT(*) FROM messaging_outbox WHERE parked_at IS NULL)"
}

RUN="p$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
wrk -t2 -c64 -d5s -s bench/post-order.lua "$URL" -- "$RUN-warm" bench/order.json "$KEY" >/dev/null 2>&1
for _ in $(seq 1 120); do
  [[ "$(sample | cut -d'|' -f2)" == "0" ]] && break
  sleep 1
done

wrk -t2 -c64 -d"${SECONDS_OF_BURST}s" -s bench/post-order.lua "$URL" -- "$RUN" bench/order.json "$KEY" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
IFS='|' read -r jobs0 backlog0 < <(sample)
ticks0=$(cpu_ticks)
echo "second  jobs      backlog  accepted  stored  service CPU"
for ((second = 1; second <= SECONDS_OF_BURST + 60; second++)); do
  sleep 1
  ticks=$(cpu_ticks)
  IFS='|' read -r jobs backlog < <(sample)
  accepted=$((jobs - jobs0))
  stored=$((accepted - (backlog - backlog0)))
  printf '%6d  %8d  %7d  %8d  %6d  %4d %%\n' "$second" "$jobs" "$backlog" "$accepted" "$stored" "$((ticks - ticks0))"
  jobs0=$jobs; backlog0=$backlog; ticks0=$ticks
  if ! kill -0 "$WRK_PID" 2>/dev/null && [[ "$backlog" == "0" ]]; then
    break
  fi
done
wait "$WRK_PID" || true
grep -E '^WRK ' "$WORK/wrk.txt" || cat "$WORK/wrk.txt"
