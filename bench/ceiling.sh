#!/usr/bin/env bash
# The ceiling of the accept-rate row on this machine (not a target run): what accepting an order
# and running it through the stages cost when each runs alone, and the highest burst rate those
# costs allow when the drain row holds (every order through every stage within DRAIN s after a
# LOAD s burst).
#
#   bash bench/ceiling.sh      # BENCH_LOAD_SECONDS [15], BENCH_WARMUP_SECONDS [5], BENCH_DRAIN_TIMEOUT [15]
#
#   1. the reference app under the POST load: requests/s, CPU per request of the app and of wrk;
#   2. the service with the stages off (Engage__Outbox__Enabled=false) under the same load:
#      accepted/s, CPU per order of the service and of wrk (the request path alone);
#   3. the same database, the service restarted with the stages on: the whole backlog drained with
#      no requests: orders/s, service CPU per order (the stages alone), and how many cores were busy
#      (about one: the stages run where the one SQLite writer runs, so that thread's pace is theirs).
#
# Two figures follow. Both are generous to the service: each cost is taken where it is lowest (the
# requests with no stage batch holding the write lock, the stages in full batches with the machine
# to themselves), and the kernel's loopback work outside the processes is not counted.
#   - CPU bound: the burst and its drain allowance have nproc × (LOAD + DRAIN) CPU-seconds; each
#     order needs its request (service + wrk) and its stages. No scheduling can accept more.
#   - taking turns: accepting at the request path's own rate and draining at the stages' own rate,
#     one after the other within LOAD + DRAIN seconds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source bench/lib.sh
LOAD="${BENCH_LOAD_SECONDS:-15}"
WARMUP="${BENCH_WARMUP_SECONDS:-5}"
DRAIN="${BENCH_DRAIN_TIMEOUT:-15}"
KEY="$BENCH_KEY"
REF_URL="http://127.0.0.1:${BENCH_REF_PORT:-5305}"
SVC_URL="http://127.0.0.1:${BENCH_SVC_PORT:-5306}"
OUT="${BENCH_OUT:-$ROOT/bench/results/ceiling-$(date +%Y%m%d-%H%M%S)}"
WORK="$(mktemp -d /tmp/engage-ceiling.XXXXXX)"
mkdir -p "$OUT"
PID=""
cleanup() { if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT

bench_tools wrk
for project in src/Host/Engage.Host.csproj bench/ReferenceApp/ReferenceApp.csproj bench/LoadGen/LoadGen.csproj; do
  dotnet build -c Release -nologo -v q "$project" >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
done
LOADGEN="$ROOT/bench/LoadGen/bin/Release/net10.0/LoadGen.dll"
TICKS=$(getconf CLK_TCK)
CPUS=$(nproc)
# Builds and test runs distort every figure: wait (at most 2 minutes) for a quiet machine.
for _ in $(seq 1 24); do awk '{ exit !($1 < 1.0) }' /proc/loadavg && break; sleep 5; done

calc() { awk "BEGIN { printf \"%s\", $1 }"; }
cpu_seconds() { awk -v hz="$TICKS" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; } # pid -> user+system
up() { bench_wait_up "$1" || { echo "$1 did not come up"; exit 1; }; }
stop() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }
accepted() { grep -E '^WRK status=202 ' "$1" | awk '{ s += $3 } END { print s + 0 }'; }
post() { # url prefix seconds outfile -> wrk's own user+system seconds in outfile.time
  local TIMEFORMAT='%U %S'
  { time wrk -t2 -c64 -d"${3}s" --timeout 5s -s bench/post-order.lua "$1" -- "$2" bench/order.json "$KEY" >"$4" 2>&1; } 2>"$4.time" || true
}
measure() { # name url pid -> "accepted/s app_us_per_request wrk_us_per_request total_accepted"
  local name=$1 url=$2 pid=$3 c0 c1 ok seconds
  post "$url" "w-$name" "$WARMUP" "$OUT/$name-warmup.txt"
  c0=$(cpu_seconds "$pid")
  post "$url" "b-$name" "$LOAD" "$OUT/$name.txt"
  c1=$(cpu_seconds "$pid")
  ok=$(accepted "$OUT/$name.txt")
  seconds=$(grep -oE 'seconds=[0-9.]+' "$OUT/$name.txt" | cut -d= -f2)
  echo "$(calc "$ok / $seconds") $(calc "($c1 - $c0) * 1e6 / $ok") $(awk -v n="$ok" '{ print ($1 + $2) * 1e6 / n }' "$OUT/$name.txt.time") $(( ok + $(accepted "$OUT/$name-warmup.txt") ))"
}
service() { # env...
  bench_service "$BENCH_HOST_DIR" "$WORK/engage.db" "$SVC_URL" "$OUT/service.log" "$@"
  PID=$BENCH_SERVICE_PID
  up "$SVC_URL"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg), nproc $CPUS" | tee "$OUT/summary.txt"

dotnet bench/ReferenceApp/bin/Release/net10.0/ReferenceApp.dll --urls "$REF_URL" >"$OUT/reference.log" 2>&1 &
PID=$!
up "$REF_URL"
read -r REF_RPS REF_US REF_WRK_US _ < <(measure reference "$REF_URL" "$PID")
stop

service Engage__Outbox__Enabled=false
read -r ACC_RPS ACC_US ACC_WRK_US BACKLOG < <(measure accept-only "$SVC_URL" "$PID")
stop

# The stages alone: the backlog of step 2, drained by a fresh process with nothing else to do.
service
C0=$(cpu_seconds "$PID"); START_MS=$(date +%s%3N)
dotnet "$LOADGEN" drain --db "$WORK/engage.db" --prefix "b-accept-only" --timeout 300 --since-ms "$START_MS" >"$OUT/drain.txt" 2>&1 || true
C1=$(cpu_seconds "$PID")
DRAIN_S=$(grep '^RESULT' "$OUT/drain.txt" | grep -oE 'seconds=[0-9.]+' | cut -d= -f2)
grep -q 'RESULT drain done=1' "$OUT/drain.txt" || { echo "the backlog did not drain: $(cat "$OUT/drain.txt")"; exit 1; }
STAGE_RPS=$(calc "$BACKLOG / $DRAIN_S")
STAGE_US=$(calc "($C1 - $C0) * 1e6 / $BACKLOG")
STAGE_CORES=$(calc "($C1 - $C0) / $DRAIN_S")
stop

CPU_BOUND=$(calc "$CPUS * ($LOAD + $DRAIN) * 1e6 / ($ACC_US + $ACC_WRK_US + $STAGE_US) / $LOAD")
TURNS=$(calc "($LOAD + $DRAIN) / (1 / $ACC_RPS + 1 / $STAGE_RPS) / $LOAD")
{
  printf 'reference app          %8.0f requests/s   app %5.1f µs CPU per request, wrk %5.1f\n' "$REF_RPS" "$REF_US" "$REF_WRK_US"
  printf 'request path alone     %8.0f accepted/s   service %5.1f µs CPU per order, wrk %5.1f   (%.0f %% of the reference)\n' \
    "$ACC_RPS" "$ACC_US" "$ACC_WRK_US" "$(calc "100 * $ACC_RPS / $REF_RPS")"
  printf 'stages alone           %8.0f stored/s     service %5.1f µs CPU per order   (%d orders in %.1f s, %.2f of %d cores busy)\n' \
    "$STAGE_RPS" "$STAGE_US" "$BACKLOG" "$DRAIN_S" "$STAGE_CORES" "$CPUS"
  printf 'a %s s burst whose orders all pass every stage within %s s after it, at most:\n' "$LOAD" "$DRAIN"
  printf '  CPU bound              %8.0f accepted/s   (%.0f %% of the reference)\n' "$CPU_BOUND" "$(calc "100 * $CPU_BOUND / $REF_RPS")"
  printf '  taking turns           %8.0f accepted/s   (%.0f %% of the reference)\n' "$TURNS" "$(calc "100 * $TURNS / $REF_RPS")"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$OUT/summary.txt"
echo "logs: $OUT"
