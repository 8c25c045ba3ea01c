#!/usr/bin/env bash
# Diagnostics behind the notes in bench/HISTORY.md (not a target run): the POST accept rate of the
# service under variations, each on its own fresh database, plus per-thread CPU of the service
# during the default variant. Run after `bash bench/run.sh` has built everything.
#
#   bash bench/diagnose.sh            # BENCH_LOAD_SECONDS [10], BENCH_WARMUP_SECONDS [5]
#
# Variants:
#   default       as in run.sh (cwd = build output, so appsettings.json is loaded)
#   no-outbox     Engage__Outbox__Enabled=false: the store stage never competes for the write gate
#   batch-16      Engage__Outbox__BatchSize=16: the outbox processor holds the write gate for
#                 shorter stretches (default 256 messages per transaction)
#   repo-cwd      started from the repository root, as `dotnet src/Host/bin/.../Engage.Host.dll`
#                 is usually typed: appsettings.json is not found (content root = cwd), so the
#                 default Information level logs every request to the console
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source bench/lib.sh
LOAD_SECONDS="${BENCH_LOAD_SECONDS:-10}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-5}"
PORT="${BENCH_SVC_PORT:-5303}"
URL="http://127.0.0.1:$PORT"
HOST_DIR="$BENCH_HOST_DIR"
OUT="${BENCH_OUT:-$ROOT/bench/results/diagnose-$(date +%Y%m%d-%H%M%S)}"
WORK="$(mktemp -d /tmp/engage-diag.XXXXXX)"
mkdir -p "$OUT"
SVC_PID=""
cleanup() { if [[ -n "$SVC_PID" ]]; then kill "$SVC_PID" 2>/dev/null || true; wait "$SVC_PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT

start() { # variant cwd extra-env...
  local variant=$1 cwd=$2; shift 2
  bench_service "$cwd" "$WORK/$variant.db" "$URL" "$OUT/$variant-service.log" "$@"
  SVC_PID=$BENCH_SERVICE_PID
  bench_wait_up "$URL" || { echo "service did not start"; exit 1; }
}
stop() { kill "$SVC_PID" 2>/dev/null || true; wait "$SVC_PID" 2>/dev/null || true; SVC_PID=""; }
burst() { # variant
  wrk -t2 -c64 -d"${WARMUP_SECONDS}s" -s bench/post-order.lua "$URL" -- "w$1" bench/order.json "$BENCH_KEY" >/dev/null 2>&1 || true
  local svc
  svc=$(pgrep -f "Engage.Host.dll --urls $URL" | head -1)
  pidstat -u -h -p "$svc" 1 "$LOAD_SECONDS" >"$OUT/$1-pidstat.txt" 2>&1 &
  local pidstat_pid=$! threads_pid=""
  if [[ "$1" == "default" ]]; then
    pidstat -t -u -h -p "$svc" "$LOAD_SECONDS" 1 >"$OUT/$1-threads.txt" 2>&1 &
    threads_pid=$!
  fi
  wrk -t2 -c64 -d"${LOAD_SECONDS}s" --latency -s bench/post-order.lua "$URL" -- "b$1" bench/order.json "$BENCH_KEY" >"$OUT/$1-wrk.txt" 2>&1 || true
  wait "$pidstat_pid" 2>/dev/null || true
  [[ -n "$threads_pid" ]] && { wait "$threads_pid" 2>/dev/null || true; }
  local ok seconds cpu
  ok=$(grep -E '^WRK status=202 ' "$OUT/$1-wrk.txt" | awk '{s+=$3} END {print s+0}')
  seconds=$(grep -oE 'seconds=[0-9.]+' "$OUT/$1-wrk.txt" | cut -d= -f2)
  cpu=$(awk '$1 ~ /^[0-9]/ && $NF == "dotnet" {s+=$(NF-2); n++} END {if (n) printf "%.0f", s/n}' "$OUT/$1-pidstat.txt")
  local drained="-"
  if [[ "$1" != "no-outbox" ]]; then
    # The latency step must not queue behind the burst's backlog: wait for the store stage first.
    dotnet "$ROOT/bench/LoadGen/bin/Release/net10.0/LoadGen.dll" drain --db "$WORK/$1.db" --prefix "b$1" --timeout 60 \
      --since-ms "$(date +%s%3N)" >"$OUT/$1-drain.txt" 2>&1 || true
    drained="$(grep -oE 'seconds=[0-9.]+' "$OUT/$1-drain.txt" | cut -d= -f2)s"
  fi
  if [[ "$1" == "no-outbox" ]]; then
    echo "RESULT latency (no outbox: jobs never complete)" >"$OUT/$1-latency.txt"
  else
    dotnet "$ROOT/bench/LoadGen/bin/Release/net10.0/LoadGen.dll" latency --base "$URL" --order bench/order.json --rate 300 \
      --duration "$LOAD_SECONDS" --prefix "l$1" >"$OUT/$1-latency.txt" 2>&1 || true
  fi
  printf '%-12s %8.0f accepted/s   service CPU %s%%   wrk %s   backlog drained %s after the burst   at 300/s: POST->302 %s\n' \
    "$1" "$(awk "BEGIN {print $ok / ${seconds:-1}}")" "${cpu:-?}" \
    "$(grep -oE 'p50_ms=[0-9.]+ p99_ms=[0-9.]+' "$OUT/$1-wrk.txt")" "$drained" \
    "$(grep '^RESULT' "$OUT/$1-latency.txt" | grep -oE ' (p50|p99)=[0-9.]+' | xargs)" | tee -a "$OUT/summary.txt"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/summary.txt"
start default "$HOST_DIR"; burst default; stop
start batch-16 "$HOST_DIR" Engage__Outbox__BatchSize=16; burst batch-16; stop
start no-outbox "$HOST_DIR" Engage__Outbox__Enabled=false; burst no-outbox; stop
start repo-cwd "$ROOT"; burst repo-cwd; stop
echo "log lines written by repo-cwd: $(wc -l <"$OUT/repo-cwd-service.log"), by default: $(wc -l <"$OUT/default-service.log")" | tee -a "$OUT/summary.txt"
echo "busiest service threads during the default burst:" | tee -a "$OUT/summary.txt"
awk '$1 ~ /^[0-9]/ && $3 == "-" {print}' "$OUT/default-threads.txt" 2>/dev/null | sort -k9 -nr | head -6 | tee -a "$OUT/summary.txt" || true
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
echo "logs: $OUT"
