#!/usr/bin/env bash
# Benchmark: psql \copy vs our import end to end, and our import of a file with 1 % bad rows.
#
#   bench/run.sh [--rows N] [--shuffled] [--workers N]   default 1,000,000 rows with time-ordered timestamps, 1 worker
#   bench/run.sh --rounds N                              N measured rounds instead of 15 (5 per level with --history, 3 with
#                                                        --smoke); each takes about 20 s at 1M rows
#   bench/run.sh --smoke                                 10,000 rows: checks the harness works (CI), figures mean nothing
#   bench/run.sh --history [N]                           first loads N rows of store history (default 20,000,000) and
#                                                        measures at 0, 10M, 20M, 50M (those below N) and N rows of it
#
# Brings the local stack up through ./run.sh first. Files are generated (deterministically) into bench/out/.
# --history stops the stack first and runs it on a database of its own (${VELORA_DB_NAME}_history), dropped at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows=1000000
workers=1
history=0
rounds=""
smoke=0
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --smoke) rows=10000; smoke=1; shift ;;
    --shuffled) extra+=(--shuffled); shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --history)
      history=20000000
      if [[ "${2:-}" =~ ^[0-9]+$ ]]; then history="$2"; shift; fi
      shift ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
# Rounds unless told: fifteen (why: BenchRound); five per level with --history, whose target is further from the noise; three for
# the smoke run, which only checks the harness (both orders of the two imports).
if [ -z "$rounds" ]; then
  if [ "$smoke" -eq 1 ]; then rounds=3; elif [ "$history" -gt 0 ]; then rounds=5; else rounds=15; fi
fi
extra+=(--rounds "$rounds")

psql_admin() { psql -h 127.0.0.1 -p "${VELORA_PG_PORT:-5432}" -U postgres -d postgres -qc "$1"; }
# What a run changed goes back when it ends, however it ends: one worker again; the history database dropped.
on_exit() {
  if [ "$workers" -gt 1 ]; then "$ROOT/run.sh" workers 1 >/dev/null || true; fi
  if [ "$history" -gt 0 ]; then
    psql_admin "DROP DATABASE IF EXISTS \"$VELORA_DB_NAME\" WITH (FORCE)" >/dev/null 2>&1 || true
    "$ROOT/run.sh" stop >/dev/null 2>&1 || true
  fi
}
trap on_exit EXIT

if [ "$history" -gt 0 ]; then
  # A database of its own, so that tens of millions of generated rows never mix with the local stack's data. It is made
  # anew (the worker migrates it when it starts), so that every run starts from an empty table.
  "$ROOT/run.sh" stop >/dev/null 2>&1
  export VELORA_DB_NAME="${VELORA_DB_NAME:-velora}_history"
  (. "$ROOT/deploy/local/services.sh" && services_up) >/dev/null
  psql_admin "DROP DATABASE IF EXISTS \"$VELORA_DB_NAME\" WITH (FORCE)"
  extra+=(--history "$history")
  "$ROOT/run.sh" workers 1 >/dev/null
else
  "$ROOT/run.sh" >/dev/null
fi
state="${VELORA_STATE_DIR:-$ROOT/.local}"
# Extra worker processes for this run only; back to one when it ends (on_exit).
"$ROOT/run.sh" workers "$workers"
worker_pids="$(cat "$state/worker.pid")"
for n in $(seq 2 "$workers"); do worker_pids="$worker_pids,$(cat "$state/worker-$n.pid")"; done
dotnet build "$ROOT/bench/Velora.Ingestion.Bench" -c Release -nologo -v quiet >/dev/null
dotnet "$ROOT/bench/Velora.Ingestion.Bench/bin/Release/net10.0/Velora.Ingestion.Bench.dll" \
  --rows "$rows" "${extra[@]}" \
  --postgres "Host=127.0.0.1;Port=${VELORA_PG_PORT:-5432};Database=${VELORA_DB_NAME:-velora};Username=postgres" \
  --gateway "${VELORA_GATEWAY_URL:-http://127.0.0.1:5080}" \
  --worker-pids "$worker_pids" --gateway-pid "$(cat "$state/gateway.pid")" \
  --out "$ROOT/bench/out"
