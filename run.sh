#!/usr/bin/env bash
# Velora.Ingestion local stack.
#
#   ./run.sh [FILE]        bring up what is not running (PostgreSQL, RabbitMQ, gateway, worker), import FILE
#                          (default: samples/purchases.csv) as the local dev tenant, wait, print the job status JSON
#                          and the address of the web console (served by the gateway at /)
#   ./run.sh tenant NAME   create a tenant (if new) and a new API key, printed as the last line
#   ./run.sh tenant NAME --keys             list the tenant's key ids (never the keys)
#   ./run.sh tenant NAME --revoke KEY_ID    revoke a key: refused from the next request on
#   ./run.sh workers N     run N worker processes on this machine (health on 5081, 5082, ...); 1 stops the extra ones
#   ./run.sh stop          stop what run.sh started
#
# Exit codes: 0 the import ended (row failures included), 1 the file failed as a whole, 2 usage or infrastructure.
set -uo pipefail

VELORA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/services.sh
. "$VELORA_ROOT/deploy/local/services.sh"

GATEWAY_URL="${VELORA_GATEWAY_URL:-http://127.0.0.1:5080}"
WORKER_URL="${VELORA_WORKER_URL:-http://127.0.0.1:5081}"
LOG_DIR="$VELORA_STATE_DIR/logs"
BLOB_ROOT="$VELORA_STATE_DIR/blobs"
DEV_KEY_FILE="$VELORA_STATE_DIR/dev-api-key"
CONNECTION="Host=127.0.0.1;Port=$VELORA_PG_PORT;Database=$VELORA_DB_NAME;Username=postgres"
# The gateway serves stores as velora_api, a role under row-level security (docs/security.md); the worker owns the schema.
API_CONNECTION="Host=127.0.0.1;Port=$VELORA_PG_PORT;Database=$VELORA_DB_NAME;Username=velora_api"

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

app_dll() { echo "$VELORA_ROOT/src/Velora.Ingestion.$1/bin/Release/net10.0/Velora.Ingestion.$1.dll"; }

app_running() {
  local pid state
  pid="$(cat "$VELORA_STATE_DIR/$1.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # A process killed a moment ago lingers as a zombie until it is reaped: it serves nothing.
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)"
  [ "$state" != Z ] && [ "$state" != X ]
}

build() {
  mkdir -p "$LOG_DIR"
  if [ -n "${VELORA_RUN_NO_BUILD:-}" ]; then
    [ -f "$(app_dll Gateway)" ] && [ -f "$(app_dll Worker)" ] && return 0
    say "VELORA_RUN_NO_BUILD is set, but the gateway or the worker is not built"
    return 1
  fi
  say "building gateway and worker (log: $LOG_DIR/build.log)"
  if ! { dotnet build "$VELORA_ROOT/src/Velora.Ingestion.Gateway" -c Release -nologo \
      && dotnet build "$VELORA_ROOT/src/Velora.Ingestion.Worker" -c Release -nologo; } >"$LOG_DIR/build.log" 2>&1; then
    tail -n 30 "$LOG_DIR/build.log" >&2
    say "build failed"
    return 1
  fi
}

app_env() {
  local connection="$CONNECTION"
  [ "${1:-}" = Gateway ] && connection="$API_CONNECTION"
  export Database__ConnectionString="$connection" Database__AdminConnectionString="$CONNECTION" Blobs__Root="$BLOB_ROOT" DOTNET_NOLOGO=1
  [ -n "${VELORA_RABBITMQ_VHOST:-}" ] && export RabbitMq__VirtualHost="$VELORA_RABBITMQ_VHOST"
  return 0
}

start_app() {
  local name="$1" dll
  shift
  app_running "${name,,}" && return 0
  mkdir -p "$LOG_DIR" "$BLOB_ROOT"
  dll="$(app_dll "$name")"
  say "starting the ${name,,} (log: $LOG_DIR/${name,,}.log)"
  # Started from its own folder so that its appsettings.json is found.
  (app_env "$name"; cd "$(dirname "$dll")" && exec nohup dotnet "$dll" "$@" >"$LOG_DIR/${name,,}.log" 2>&1) &
  echo $! >"$VELORA_STATE_DIR/${name,,}.pid"
}

# Starts a component by its name (gateway, worker, worker-N) on its address.
start_named() {
  local name="$1" url="$2"
  case "$name" in
    gateway) start_app Gateway --urls "$url" ;;
    worker) start_app Worker --urls "$url" ;;
    worker-*) start_extra_worker "$name" "${url##*:}" ;;
  esac
}

# Waits until a component answers /health/ready (its PostgreSQL, RabbitMQ and blob store work). A component found dead
# while waiting (killed a moment before, or it lost a race for its port with its dying predecessor) is started again,
# twice at most: only one that keeps dying is reported.
wait_ready() {
  local name="$1" url="$2" i restarts=0
  for i in $(seq 1 90); do
    curl -fsS "$url/health/ready" >/dev/null 2>&1 && return 0
    if ! app_running "$name"; then
      [ "$restarts" -lt 2 ] || break
      restarts=$((restarts + 1))
      say "the $name is not running; starting it again"
      rm -f "$VELORA_STATE_DIR/$name.pid"
      start_named "$name" "$url"
    fi
    sleep 1
  done
  tail -n 30 "$LOG_DIR/$name.log" >&2
  curl -sS "$url/health/ready" >&2 2>/dev/null
  say "the $name is not ready on $url"
  return 1
}

# Worker processes beyond the first (./run.sh workers N), by their pid files: worker-2, worker-3, ...
extra_workers() { (cd "$VELORA_STATE_DIR" 2>/dev/null && ls worker-*.pid 2>/dev/null | sed 's/\.pid$//' | sort -V); }

stop_app() {
  local name="$1" pid
  if app_running "$name"; then
    pid="$(cat "$VELORA_STATE_DIR/$name.pid")"
    say "stopping the $name"
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$VELORA_STATE_DIR/$name.pid"
}

start_extra_worker() {
  local name="$1" port="$2" dll
  dll="$(app_dll Worker)"
  mkdir -p "$LOG_DIR" "$BLOB_ROOT"
  say "starting $name (log: $LOG_DIR/$name.log)"
  (app_env Worker; cd "$(dirname "$dll")" && exec nohup dotnet "$dll" --urls "http://127.0.0.1:$port" >"$LOG_DIR/$name.log" 2>&1) &
  echo $! >"$VELORA_STATE_DIR/$name.pid"
}

# The same worker as the first, its health endpoints on the next ports; the shared queue spreads the chunks.
scale_workers() {
  local count="$1" n port base name
  base="${WORKER_URL##*:}"
  base="${base%%/*}"
  for n in $(seq 2 "$count"); do
    name="worker-$n"
    app_running "$name" && continue
    port=$((base + n - 1))
    start_extra_worker "$name" "$port"
    wait_ready "$name" "http://127.0.0.1:$port" || return 1
  done
  for name in $(extra_workers); do
    [ "${name#worker-}" -gt "$count" ] && stop_app "$name"
  done
  return 0
}

stop_apps() {
  local name
  for name in $(extra_workers); do
    stop_app "$name"
  done
  for name in gateway worker; do
    stop_app "$name"
  done
}

create_tenant() {
  (app_env; dotnet "$(app_dll Gateway)" tenant create "$1")
}

# The dev tenant's key is created on first use and kept in a git-ignored file; a stale key (new database) is replaced.
dev_key() {
  local key code
  key="$(cat "$DEV_KEY_FILE" 2>/dev/null)"
  if [ -n "$key" ]; then
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: $key" "$GATEWAY_URL/v1/imports/00000000-0000-0000-0000-000000000000")"
    [ "$code" = 404 ] && { echo "$key"; return 0; }
  fi
  key="$(create_tenant dev | tail -n 1)" || return 1
  [ -n "$key" ] || return 1
  mkdir -p "$VELORA_STATE_DIR"
  (umask 077; echo "$key" >"$DEV_KEY_FILE")
  echo "$key"
}

# A progress bar on stderr: rows, percent, rows/s (redrawn in place on a terminal, a line a second otherwise).
progress() {
  local status="$1" body="$2" done total rate percent filled bar
  done="$(json_number rows_done <<<"$body")"
  total="$(json_number rows_total <<<"$body")"
  rate="$(sed -n 's/.*"rows_per_second":\([0-9.]*\).*/\1/p' <<<"$body" | head -n 1)"
  percent=0
  [ -n "$total" ] && [ "$total" -gt 0 ] && percent=$((${done:-0} * 100 / total))
  filled=$((percent / 5))
  bar="$(printf '%*s' "$filled" '' | tr ' ' '#')$(printf '%*s' $((20 - filled)) '' | tr ' ' '.')"
  if [ -t 2 ]; then
    printf '\r[velora] [%s] %3d%% %s/%s rows %s rows/s %s ' "$bar" "$percent" "${done:-0}" "${total:-?}" "${rate%.*}" "$status" >&2
  else
    say "[$bar] $percent% ${done:-0}/${total:-?} rows ${rate%.*} rows/s $status"
  fi
}

json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }
json_number() { sed -n "s/.*\"$1\":\\([0-9]*\\).*/\\1/p" | head -n 1; }

import_file() {
  local file="$1" key response import_id status body total
  key="$(dev_key)" || { say "could not create the dev tenant's API key"; return 2; }
  say "uploading $file"
  response="$(curl -sS -X POST -H "X-Api-Key: $key" -F "file=@$file" "$GATEWAY_URL/v1/imports?type=purchase")" || return 2
  import_id="$(json_field import_id <<<"$response")"
  [ -n "$import_id" ] || { say "upload refused: $response"; return 2; }
  say "import $import_id accepted; waiting for it to end (at most ${VELORA_RUN_TIMEOUT:-3600} s)"
  local deadline=$((SECONDS + ${VELORA_RUN_TIMEOUT:-3600}))
  while true; do
    [ "$SECONDS" -lt "$deadline" ] || { say "the import did not end in time; see $LOG_DIR/worker.log"; return 2; }
    body="$(curl -sS -H "X-Api-Key: $key" "$GATEWAY_URL/v1/imports/$import_id")" || return 2
    status="$(json_field status <<<"$body")"
    case "$status" in
      succeeded | failed) break ;;
      queued | running) progress "$status" "$body" ;;
      *) say "unexpected answer: $body"; return 2 ;;
    esac
    app_running worker || { say "the worker stopped; see $LOG_DIR/worker.log"; return 2; }
    sleep 1
  done
  [ -t 2 ] && echo >&2
  if command -v jq >/dev/null; then jq . <<<"$body"; else echo "$body"; fi
  [ "$status" = succeeded ] && return 0 || return 1
}

# PostgreSQL, RabbitMQ, the worker and the gateway, each started unless it already runs, and ready.
stack_up() {
  local url port
  services_up || return 1
  if ! app_running gateway || ! app_running worker; then
    stop_apps
    for url in "$GATEWAY_URL" "$WORKER_URL"; do
      port="${url##*:}"
      if port_open "${port%%/*}"; then
        say "something else already listens on $url (another checkout's stack?); stop it or set VELORA_GATEWAY_URL / VELORA_WORKER_URL"
        return 1
      fi
    done
    build || return 1
    start_app Worker --urls "$WORKER_URL"
    start_app Gateway --urls "$GATEWAY_URL"
  fi
  wait_ready worker "$WORKER_URL" && wait_ready gateway "$GATEWAY_URL"
}

case "${1:-}" in
  -h | --help) usage ;;
  stop)
    [ $# -eq 1 ] || usage
    stop_apps
    services_down
    exit 0
    ;;
  workers)
    [ $# -eq 2 ] && [[ "$2" =~ ^[1-9][0-9]?$ ]] || usage
    stack_up || exit 2
    scale_workers "$2" || exit 2
    say "$2 worker process(es) running"
    exit 0
    ;;
  tenant)
    case "$#:${3:-}" in
      2:) action=(create "$2") ;;
      3:--keys) action=(keys "$2") ;;
      4:--revoke) action=(revoke "$2" "$4") ;;
      *) usage ;;
    esac
    postgres_up || exit 2
    app_running gateway || build || exit 2
    (app_env; dotnet "$(app_dll Gateway)" tenant "${action[@]}")
    exit $?
    ;;
esac

[ $# -le 1 ] || usage
FILE="${1:-$VELORA_ROOT/samples/purchases.csv}"
[ -f "$FILE" ] || { say "no such file: $FILE"; exit 2; }
stack_up || exit 2
import_file "$FILE"
code=$?
say "the console: $GATEWAY_URL/ (sign in with the dev store's API key: cat ${DEV_KEY_FILE#"$VELORA_ROOT"/})"
exit "$code"
