#!/usr/bin/env bash
# Issue #5 benchmark: every row of the performance table, in one run, on a fresh database, over
# 127.0.0.1, on this machine. Prints the figures side by side with PASS/FAIL per target.
#
#   bash bench/run.sh                 # full run (15 s loads, 1,000,000 seeded orders; ~8 minutes)
#   BENCH_QUICK=1 bash bench/run.sh   # smoke test (3 s loads, 50,000 seeded orders; ~2 minutes)
#
# Knobs (env, defaults in brackets: full / quick):
#   BENCH_LOAD_SECONDS [15/3]      full-speed POST load (wrk), per measurement
#   BENCH_WARMUP_SECONDS [5/2]     wrk warm-up of each server before its measured POST load
#   BENCH_DRAIN_TIMEOUT [15]       the pipeline must be through within this after the load ends
#   BENCH_LATENCY_RATE [300]       POST->302 measurement rate (orders/s), open loop
#   BENCH_LATENCY_SECONDS [15/3]
#   BENCH_READ_RATE [500]          fixed-rate GETs for the read p99 rows, open loop
#   BENCH_READ_SECONDS [15/3]
#   BENCH_SAT_SECONDS [10/2]       extra: reads at full speed with wrk (0 = skip)
#   BENCH_SEED_COUNT [1000000/50000]  orders seeded for the "1M" rows
#   BENCH_SMALL_SEED [10000/2000]  orders seeded for the "empty database" read baseline
#   BENCH_WRK_THREADS [2] BENCH_WRK_CONNECTIONS [64]
#   BENCH_REF_PORT [5301] BENCH_SVC_PORT [5302]
#   BENCH_OUT [bench/results/<timestamp>]   logs and summary.md
#   BENCH_KEEP_DB [0]              1 keeps the database file (it is ~1.4 GB at 1M orders)
#   BENCH_SKIP_BUILD [0]
# Everything is bounded in time and stops by itself; both servers are killed on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source bench/lib.sh

QUICK="${BENCH_QUICK:-0}"
if [[ "$QUICK" == "1" ]]; then q() { echo "$2"; }; else q() { echo "$1"; }; fi
LOAD_SECONDS="${BENCH_LOAD_SECONDS:-$(q 15 3)}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-$(q 5 2)}"
DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-15}"
LATENCY_RATE="${BENCH_LATENCY_RATE:-300}"
LATENCY_SECONDS="${BENCH_LATENCY_SECONDS:-$(q 15 3)}"
READ_RATE="${BENCH_READ_RATE:-500}"
READ_SECONDS="${BENCH_READ_SECONDS:-$(q 15 3)}"
SAT_SECONDS="${BENCH_SAT_SECONDS:-$(q 10 2)}"
SEED_COUNT="${BENCH_SEED_COUNT:-$(q 1000000 50000)}"
SMALL_SEED="${BENCH_SMALL_SEED:-$(q 10000 2000)}"
WRK_THREADS="${BENCH_WRK_THREADS:-2}"
WRK_CONNECTIONS="${BENCH_WRK_CONNECTIONS:-64}"
REF_PORT="${BENCH_REF_PORT:-5301}"
SVC_PORT="${BENCH_SVC_PORT:-5302}"
OUT="${BENCH_OUT:-$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)}"
KEY="$BENCH_KEY"
REF_URL="http://127.0.0.1:$REF_PORT"
SVC_URL="http://127.0.0.1:$SVC_PORT"
RUN_ID="$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"

mkdir -p "$OUT"
WORK="$(mktemp -d /tmp/engage-bench.XXXXXX)"
DB="$WORK/engage.db"
PIDS=()

log() {
  printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log"
  { echo "=== $(date +%H:%M:%S) $*"; top -b -n1 -w 160 2>/dev/null | sed -n '1,3p;7,14p'; } >>"$OUT/top.log" 2>/dev/null || true
}

cleanup() {
  local code=$?
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ "${BENCH_KEEP_DB:-0}" == "1" ]]; then
    log "database kept: $DB"
  else
    rm -rf "$WORK"
  fi
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools ---------------------------------------------------------------------------------------
bench_tools wrk hey pidstat:sysstat

# --- build ---------------------------------------------------------------------------------------
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  log "building Release"
  for project in src/Host/Engage.Host.csproj bench/ReferenceApp/ReferenceApp.csproj bench/Seeder/Seeder.csproj bench/LoadGen/LoadGen.csproj; do
    dotnet build -c Release -nologo -v q "$project" >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
  done
fi
HOST_DIR="$BENCH_HOST_DIR"
REF_DLL="$ROOT/bench/ReferenceApp/bin/Release/net10.0/ReferenceApp.dll"
SEEDER="$ROOT/bench/Seeder/bin/Release/net10.0/Seeder.dll"
LOADGEN="$ROOT/bench/LoadGen/bin/Release/net10.0/LoadGen.dll"

# --- machine -------------------------------------------------------------------------------------
# Other work on this 2-core machine (builds, test runs) distorts every figure: wait (bounded) for a
# quiet moment, and record the load before and after.
QUIET_LOAD="${BENCH_QUIET_LOAD:-1.0}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-$(q 300 30)}"
for ((waited = 0; waited < QUIET_WAIT; waited += 5)); do
  awk -v max="$QUIET_LOAD" '{ exit !($1 < max) }' /proc/loadavg && break
  ((waited % 30 == 0)) && log "waiting for a quiet machine (load $(cut -d' ' -f1 /proc/loadavg) >= $QUIET_LOAD; ${waited}s of ${QUIET_WAIT}s)"
  sleep 5
done
{
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), nproc $(nproc)"
  free -h | head -2
  echo "dotnet $(dotnet --version)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

# --- servers -------------------------------------------------------------------------------------
wait_up() { # url name
  bench_wait_up "$1" || { log "$2 did not come up"; exit 1; }
}

log "starting reference app on $REF_URL"
dotnet "$REF_DLL" --urls "$REF_URL" >"$OUT/reference.log" 2>&1 &
REF_PID=$!; PIDS+=("$REF_PID")

log "starting the service on $SVC_URL, fresh database $DB"
# The working directory is the build output so that appsettings.json (log levels, outbox
# settings) is found: the host's content root is the current directory.
bench_service "$HOST_DIR" "$DB" "$SVC_URL" "$OUT/service.log"
SVC_PID=$BENCH_SERVICE_PID; PIDS+=("$SVC_PID")
log "reference app pid $REF_PID, service pid $SVC_PID"
wait_up "$REF_URL" "reference app"
wait_up "$SVC_URL" "service"

# Peak RSS: VmHWM at the end; the RSS timeline is sampled for the notes.
(
  while kill -0 "$SVC_PID" 2>/dev/null; do
    echo "$(date +%s) $(awk '/VmRSS/ {print $2}' /proc/$SVC_PID/status 2>/dev/null)"
    sleep 0.5
  done
) >"$OUT/service-rss.log" 2>/dev/null &
PIDS+=("$!")
if command -v pidstat >/dev/null; then
  # Every process, with its command line: what else ran on the machine during each measurement.
  S_TIME_FORMAT=ISO pidstat -u -h -l 1 3600 >"$OUT/pidstat.log" 2>&1 &
  PIDS+=("$!")
fi

# --- helpers -------------------------------------------------------------------------------------
declare -A WIN_START WIN_END
win_start() { WIN_START[$1]=$(date +%H:%M:%S); }
win_end() { WIN_END[$1]=$(date +%H:%M:%S); }
foreign_cpu() { # window -> average CPU % (of 200) used by processes that are not part of the benchmark
  local from=${WIN_START[$1]:-} to=${WIN_END[$1]:-}
  [[ -n "$from" && -n "$to" && -f "$OUT/pidstat.log" ]] || { echo "?"; return; }
  awk -v from="$from" -v to="$to" '
    $1 ~ /^[0-9]/ && $1 >= from && $1 <= to {
      seen[$1] = 1
      if ($0 !~ /Engage\.Host|ReferenceApp|LoadGen|Seeder|wrk|hey|pidstat/) cpu += $8
    }
    END { n = length(seen); printf "%.0f", n ? cpu / n : 0 }' "$OUT/pidstat.log"
}
kv() { # file key -> value of the last "key=value" on a RESULT/WRK line
  { grep -E '^(RESULT|WRK)' "$1" 2>/dev/null | grep -oE "(^| )$2=[^ ]*" | tail -1 | cut -d= -f2; } || true
}
wrk_status() { # file code -> count
  grep -E "^WRK status=$2 " "$1" | awk '{s+=$3} END {print s+0}'
}
calc() { awk "BEGIN { printf \"%s\", $1 }"; }
post_load() { # url prefix seconds outfile
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${3}s" --timeout 5s --latency -s bench/post-order.lua "$1" -- "$2" bench/order.json "$KEY" >"$4" 2>&1 || true
}
post_rate() { # outfile -> accepted/s and errors
  local file=$1 ok total seconds socket
  ok=$(wrk_status "$file" 202)
  total=$(grep -E '^WRK status=' "$file" | awk '{s+=$3} END {print s+0}')
  seconds=$(kv "$file" seconds); socket=$(kv "$file" socket_errors)
  echo "$(calc "$ok / ${seconds:-1}") $(( total - ok + ${socket:-0} ))"
}
reads() { # phase paths-dir
  local phase=$1 dir=$2
  dotnet "$LOADGEN" get --base "$SVC_URL" --key "$KEY" --paths "$dir/get-paths.txt" --rate "$READ_RATE" --duration "$READ_SECONDS" --name get \
    >"$OUT/$phase-get.txt" 2>&1 || true
  dotnet "$LOADGEN" get --base "$SVC_URL" --key "$KEY" --paths "$dir/page-paths.txt" --rate "$READ_RATE" --duration "$READ_SECONDS" --name page \
    >"$OUT/$phase-page.txt" 2>&1 || true
  grep -vE '^RESULT' "$OUT/$phase-get.txt" "$OUT/$phase-page.txt" | sed 's/^/    /' | tee -a "$OUT/run.log"
  if [[ "$SAT_SECONDS" != "0" ]]; then
    for kind in get page; do
      if grep -q "na=" "$OUT/$phase-$kind.txt"; then continue; fi
      wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${SAT_SECONDS}s" --timeout 5s --latency -s bench/get-paths.lua "$SVC_URL" -- "$dir/$kind-paths.txt" "$KEY" \
        >"$OUT/$phase-$kind-saturated.txt" 2>&1 || true
    done
  fi
  # Cross-check with another client: one order, 2 workers x 200/s.
  local one
  one=$(head -1 "$dir/get-paths.txt")
  hey -z "${READ_SECONDS}s" -c 2 -q 200 -H "apikey: $KEY" "$SVC_URL$one" >"$OUT/$phase-get-hey.txt" 2>&1 || true
}

# --- 1. POST accept rate, fresh database, against the bare Kestrel reference -------------------
log "1. POST accept rate: reference app (warm-up ${WARMUP_SECONDS}s, then ${LOAD_SECONDS}s)"
post_load "$REF_URL" "refwarm-$RUN_ID" "$WARMUP_SECONDS" "$OUT/1-ref-warmup.txt"
win_start ref; post_load "$REF_URL" "ref-$RUN_ID" "$LOAD_SECONDS" "$OUT/1-ref-post.txt"; win_end ref
read -r REF_RPS REF_ERR < <(post_rate "$OUT/1-ref-post.txt")
log "   reference: $REF_RPS accepted/s, $REF_ERR errors"

log "1. POST accept rate: service (warm-up ${WARMUP_SECONDS}s, then ${LOAD_SECONDS}s full speed)"
post_load "$SVC_URL" "warm-$RUN_ID" "$WARMUP_SECONDS" "$OUT/1-svc-warmup.txt"
dotnet "$LOADGEN" drain --db "$DB" --prefix "warm-$RUN_ID" --timeout 60 >"$OUT/1-svc-warmup-drain.txt" 2>&1 || true
BURST="burst-$RUN_ID"
win_start svc; post_load "$SVC_URL" "$BURST" "$LOAD_SECONDS" "$OUT/1-svc-post.txt"; win_end svc
LOAD_END_MS=$(date +%s%3N)
read -r SVC_RPS SVC_ERR < <(post_rate "$OUT/1-svc-post.txt")
log "   service: $SVC_RPS accepted/s, $SVC_ERR errors"

# --- 2. pipeline completion after the burst -------------------------------------------------------
log "2. pipeline: waiting for every job and outbox message of the burst (target ${DRAIN_TIMEOUT}s after the load)"
dotnet "$LOADGEN" drain --db "$DB" --prefix "$BURST" --timeout "$DRAIN_TIMEOUT" --since-ms "$LOAD_END_MS" >"$OUT/2-drain.txt" 2>&1 || true
grep -v '^RESULT' "$OUT/2-drain.txt" | sed 's/^/    /' | tee -a "$OUT/run.log"

# --- 3. POST -> job 302 at a moderate rate ------------------------------------------------------
log "3. POST -> 302 at ${LATENCY_RATE}/s for ${LATENCY_SECONDS}s"
win_start lat
dotnet "$LOADGEN" latency --base "$SVC_URL" --key "$KEY" --order bench/order.json --rate "$LATENCY_RATE" --duration "$LATENCY_SECONDS" \
  --prefix "lat-$RUN_ID" >"$OUT/3-latency.txt" 2>&1 || true
win_end lat
grep -v '^RESULT' "$OUT/3-latency.txt" | sed 's/^/    /' | tee -a "$OUT/run.log"

# --- 4a. reads on the "empty" database ------------------------------------------------------------
log "4a. reads, small database: seeding $SMALL_SEED orders (service up, idle)"
dotnet "$SEEDER" --db "$DB" --count "$SMALL_SEED" --whale "$(( SMALL_SEED < 2000 ? SMALL_SEED / 2 : 2000 ))" --prefix "small-$RUN_ID" \
  --out "$WORK/small" >"$OUT/4a-seed.txt" 2>&1
tail -2 "$OUT/4a-seed.txt" | sed 's/^/    /' | tee -a "$OUT/run.log"
SMALL_ORDERS=$(sqlite3 "file:$DB?mode=ro" 'SELECT count(*) FROM orders_orders' 2>/dev/null || echo "?")
log "4a. reads at ${READ_RATE}/s for ${READ_SECONDS}s ($SMALL_ORDERS orders stored)"
win_start empty; reads empty "$WORK/small"; win_end empty

# --- 5. 1M orders -----------------------------------------------------------------------------
log "5. seeding $SEED_COUNT orders into the live service's database (service up, idle)"
dotnet "$SEEDER" --db "$DB" --count "$SEED_COUNT" --prefix "seed-$RUN_ID" --out "$WORK/big" >"$OUT/5-seed.txt" 2>&1
tail -3 "$OUT/5-seed.txt" | sed 's/^/    /' | tee -a "$OUT/run.log"
BIG_ORDERS=$(sqlite3 "file:$DB?mode=ro" 'SELECT count(*) FROM orders_orders' 2>/dev/null || echo "?")

log "5. POST accept rate with $BIG_ORDERS orders stored (${LOAD_SECONDS}s full speed)"
BURST2="burstbig-$RUN_ID"
win_start big_post; post_load "$SVC_URL" "$BURST2" "$LOAD_SECONDS" "$OUT/5-svc-post.txt"; win_end big_post
LOAD2_END_MS=$(date +%s%3N)
read -r BIG_RPS BIG_ERR < <(post_rate "$OUT/5-svc-post.txt")
log "   service: $BIG_RPS accepted/s, $BIG_ERR errors"
dotnet "$LOADGEN" drain --db "$DB" --prefix "$BURST2" --timeout "$DRAIN_TIMEOUT" --since-ms "$LOAD2_END_MS" >"$OUT/5-drain.txt" 2>&1 || true
grep -v '^RESULT' "$OUT/5-drain.txt" | sed 's/^/    /' | tee -a "$OUT/run.log"

log "5. reads at ${READ_RATE}/s for ${READ_SECONDS}s ($BIG_ORDERS orders stored)"
win_start big; reads big "$WORK/big"; win_end big

LOAD_AT_END="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average at end: $LOAD_AT_END" >>"$OUT/machine.txt"

# --- 6. peak RSS --------------------------------------------------------------------------------
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SVC_PID/status" 2>/dev/null || echo 0)
RSS_MB=$(calc "$HWM_KB / 1024")
DB_MB=$(( $(stat -c %s "$DB") / 1048576 ))

# --- summary ------------------------------------------------------------------------------------
pf() { if [[ "$(calc "($1) ? 1 : 0")" == "1" ]]; then echo PASS; else echo FAIL; fi; }
read_row() { # phase kind -> "p99" or "n/a: ..."
  local file="$OUT/$1-$2.txt" na
  na=$(kv "$file" na || true)
  if [[ -n "$na" ]]; then echo "n/a: ${na//_/ }"; return; fi
  local p99; p99=$(kv "$file" p99 || true)
  echo "${p99:-n/a: no result}"
}
sat() { # phase kind -> "rps / p99" from wrk at full speed
  local file="$OUT/$1-$2-saturated.txt"
  [[ -f "$file" ]] || { echo "-"; return; }
  printf '%.0f req/s, p99 %s ms' "$(kv "$file" rps)" "$(kv "$file" p99_ms)"
}
is_num() { [[ "$1" =~ ^[0-9.]+$ ]]; }

RATIO=$(calc "$SVC_RPS / ($REF_RPS > 0 ? $REF_RPS : 1)")
DRAIN_DONE=$(kv "$OUT/2-drain.txt" done || echo 0); DRAIN_S=$(kv "$OUT/2-drain.txt" seconds || echo "?")
DRAIN_IN_TIME=$(kv "$OUT/2-drain.txt" in_time || echo 0)
DRAIN_JOBS=$(kv "$OUT/2-drain.txt" jobs || echo "?"); DRAIN_FAILED=$(kv "$OUT/2-drain.txt" failed || echo "?")
DRAIN_PARKED=$(kv "$OUT/2-drain.txt" parked || echo "?")
LAT_P50=$(kv "$OUT/3-latency.txt" p50 || echo "?"); LAT_P99=$(kv "$OUT/3-latency.txt" p99 || echo "?")
LAT_ERR=$(kv "$OUT/3-latency.txt" errors || echo "?"); LAT_N=$(kv "$OUT/3-latency.txt" n || echo "?")
E_GET=$(read_row empty get); E_PAGE=$(read_row empty page)
B_GET=$(read_row big get); B_PAGE=$(read_row big page)
ACCEPT_RATIO=$(calc "$BIG_RPS / ($SVC_RPS > 0 ? $SVC_RPS : 1)")

row_read() { # label big empty
  local label=$1 big=$2
  if is_num "$big"; then
    echo "| $label p99 at $BIG_ORDERS orders (${READ_RATE}/s) | $big ms | ≤ 5 ms | $(pf "$big <= 5") |"
  else
    echo "| $label p99 at $BIG_ORDERS orders | $big | ≤ 5 ms | n/a |"
  fi
}
row_growth() { # label big empty
  local label=$1 big=$2 empty=$3
  if is_num "$big" && is_num "$empty"; then
    echo "| $label p99: $BIG_ORDERS vs $SMALL_ORDERS orders | $big vs $empty ms (×$(calc "$big / ($empty > 0 ? $empty : 1)" | xargs printf '%.2f')) | ≤ ×1.20 | $(pf "$big <= 1.2 * $empty") |"
  else
    echo "| $label p99: $BIG_ORDERS vs $SMALL_ORDERS orders | $big / $empty | ≤ ×1.20 | n/a |"
  fi
}

{
  echo "## Engage Orders benchmark — $(date -u +%Y-%m-%dT%H:%MZ) $([[ "$QUICK" == 1 ]] && echo '(QUICK mode: not the issue figures)')"
  echo
  echo '```'
  cat "$OUT/machine.txt"
  echo "loads ${LOAD_SECONDS}s, wrk -t$WRK_THREADS -c$WRK_CONNECTIONS, order body $(wc -c <bench/order.json) B, reads ${READ_RATE}/s for ${READ_SECONDS}s, seeded $SEED_COUNT, db $DB_MB MiB at the end"
  echo '```'
  echo
  echo "| row | measured | target | result |"
  echo "|---|---|---|---|"
  printf '| POST accepted/s, fresh db, unique ids | %.0f/s, %s errors (reference Kestrel: %.0f/s, %s errors) = %.1f%% | ≥ 50%% of reference, 0 errors | %s |\n' \
    "$SVC_RPS" "$SVC_ERR" "$REF_RPS" "$REF_ERR" "$(calc "$RATIO * 100")" "$(pf "$RATIO >= 0.5 && $SVC_ERR == 0")"
  printf '| pipeline after the %ss burst (%s jobs) | %s in %ss (failed jobs %s, parked messages %s) | all stages within %ss | %s |\n' \
    "$LOAD_SECONDS" "$DRAIN_JOBS" "$([[ "$DRAIN_DONE" == 1 ]] && echo "drained" || echo "NOT drained")" "$DRAIN_S" "$DRAIN_FAILED" "$DRAIN_PARKED" "$DRAIN_TIMEOUT" \
    "$(pf "$DRAIN_IN_TIME == 1 && $DRAIN_FAILED == 0 && $DRAIN_PARKED == 0")"
  if is_num "$LAT_P99"; then
    printf '| POST → job 302 at %s/s (n=%s) | p99 %s ms (p50 %s), %s errors | p99 ≤ 50 ms | %s |\n' \
      "$LATENCY_RATE" "$LAT_N" "$LAT_P99" "$LAT_P50" "$LAT_ERR" "$(pf "$LAT_P99 <= 50 && $LAT_ERR == 0")"
  else
    echo "| POST → job 302 at ${LATENCY_RATE}/s | $LAT_P99 | p99 ≤ 50 ms | FAIL |"
  fi
  row_read "GET order by id" "$B_GET"
  row_read "GET page by contact" "$B_PAGE"
  printf '| POST accepted/s: %s vs fresh db | %.0f vs %.0f/s (×%.2f), %s errors | within 20%% (≥ ×0.80) | %s |\n' \
    "$BIG_ORDERS" "$BIG_RPS" "$SVC_RPS" "$ACCEPT_RATIO" "$BIG_ERR" "$(pf "$ACCEPT_RATIO >= 0.8 && $BIG_ERR == 0")"
  row_growth "GET order by id" "$B_GET" "$E_GET"
  row_growth "GET page by contact" "$B_PAGE" "$E_PAGE"
  printf '| peak RSS of the service (VmHWM), whole run | %.0f MB | ≤ 400 MB | %s |\n' "$RSS_MB" "$(pf "$RSS_MB <= 400")"
  echo
  echo "CPU used by other processes on the machine (not the servers, not the load generators), average % of 200 %:"
  echo "reference POST $(foreign_cpu ref) %, service POST $(foreign_cpu svc) %, POST→302 $(foreign_cpu lat) %, reads small db $(foreign_cpu empty) %, POST at 1M $(foreign_cpu big_post) %, reads at 1M $(foreign_cpu big) %."
  echo "Anything well above 0 means the row was measured on a shared, busy machine."
  echo
  echo "Extra (not targets):"
  echo
  echo "- reads at full speed (wrk -t$WRK_THREADS -c$WRK_CONNECTIONS, ${SAT_SECONDS}s): by id $(sat empty get) → $(sat big get) at $BIG_ORDERS orders; page $(sat empty page) → $(sat big page)"
  echo "- GET one order, hey 2×200/s: p99 $(awk '/99%/ {print $3*1000 " ms"}' "$OUT/empty-get-hey.txt" 2>/dev/null) (small db) / $(awk '/99%/ {print $3*1000 " ms"}' "$OUT/big-get-hey.txt" 2>/dev/null) ($BIG_ORDERS)"
  echo "- POST latency under full load (wrk): p50 $(kv "$OUT/1-svc-post.txt" p50_ms) ms, p99 $(kv "$OUT/1-svc-post.txt" p99_ms) ms; reference p50 $(kv "$OUT/1-ref-post.txt" p50_ms) ms, p99 $(kv "$OUT/1-ref-post.txt" p99_ms) ms"
  echo "- POST → 202 at ${LATENCY_RATE}/s: p99 $(kv "$OUT/3-latency.txt" post_p99) ms"
  echo "- pipeline after the burst at $BIG_ORDERS orders: $(grep '^RESULT' "$OUT/5-drain.txt" 2>/dev/null | cut -d' ' -f3-)"
  echo "- seeding: $(grep -m1 '^Seeded' "$OUT/5-seed.txt" 2>/dev/null | cut -c1-80)…"
  echo "- logs: $OUT"
} | tee "$OUT/summary.md"
