#!/usr/bin/env bash
# Benchmark: psql \copy vs our import end to end, and our import of a file with 1 % bad rows.
#
#   bench/run.sh [--rows N] [--shuffled] [--workers N]   default 1,000,000 rows with time-ordered timestamps, 1 worker
#   bench/run.sh --smoke                                 10,000 rows: checks the harness works (CI), figures mean nothing
#
# Brings the local stack up through ./run.sh first. Files are generated (deterministically) into bench/out/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows=1000000
workers=1
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --smoke) rows=10000; shift ;;
    --shuffled) extra+=(--shuffled); shift ;;
    --workers) workers="$2"; shift 2 ;;
    *) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

"$ROOT/run.sh" >/dev/null
state="${VELORA_STATE_DIR:-$ROOT/.local}"
# Extra worker processes for this run only; back to one when it ends.
"$ROOT/run.sh" workers "$workers"
[ "$workers" -gt 1 ] && trap '"$ROOT/run.sh" workers 1' EXIT
worker_pids="$(cat "$state/worker.pid")"
for n in $(seq 2 "$workers"); do worker_pids="$worker_pids,$(cat "$state/worker-$n.pid")"; done
dotnet build "$ROOT/bench/Velora.Ingestion.Bench" -c Release -nologo -v quiet >/dev/null
dotnet "$ROOT/bench/Velora.Ingestion.Bench/bin/Release/net10.0/Velora.Ingestion.Bench.dll" \
  --rows "$rows" "${extra[@]}" \
  --postgres "Host=127.0.0.1;Port=${VELORA_PG_PORT:-5432};Database=${VELORA_DB_NAME:-velora};Username=postgres" \
  --gateway "${VELORA_GATEWAY_URL:-http://127.0.0.1:5080}" \
  --worker-pids "$worker_pids" --gateway-pid "$(cat "$state/gateway.pid")" \
  --out "$ROOT/bench/out"
