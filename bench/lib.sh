# Shared by the bench scripts (sourced, not run): the tools they need, starting the service as the
# benchmarks run it, and waiting for a server to answer.

BENCH_HOST_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/src/Host/bin/Release/net10.0"
BENCH_KEY="bench-key" # the service's API key in every benchmark

# bench_tools COMMAND[:PACKAGE]...: installs with apt-get the package of each command missing here.
bench_tools() {
  local need=() spec sudo=""
  for spec in "$@"; do
    command -v "${spec%%:*}" >/dev/null || need+=("${spec#*:}")
  done
  ((${#need[@]})) || return 0
  echo "installing ${need[*]} (apt-get)" >&2
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
}

# bench_service CWD DB URL LOG [NAME=VALUE...]: starts the Release build of the service in the
# background, from CWD (its content root: the build output, so that appsettings.json is found), on
# the SQLite file DB, listening on URL, with the API key BENCH_KEY, the rate limit off and
# the Production environment, plus the extra environment given; appends its output to LOG. The
# service's pid is left in BENCH_SERVICE_PID.
bench_service() {
  local cwd=$1 db=$2 url=$3 log=$4
  shift 4
  (
    cd "$cwd"
    exec env ASPNETCORE_ENVIRONMENT=Production Engage__ApiKeys__0="$BENCH_KEY" Engage__RateLimit__PermitsPerSecond=0 \
      ConnectionStrings__Engage="Data Source=$db" "$@" dotnet "$BENCH_HOST_DIR/Engage.Host.dll" --urls "$url"
  ) >>"$log" 2>&1 &
  BENCH_SERVICE_PID=$!
}

# bench_wait_up URL: succeeds once URL/health/live answers, fails after 30 s.
bench_wait_up() {
  local _
  for _ in $(seq 1 150); do
    curl -fs -o /dev/null "$1/health/live" && return 0
    sleep 0.2
  done
  return 1
}
