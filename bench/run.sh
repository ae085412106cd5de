#!/usr/bin/env bash
# Benchmark: psql \copy vs our import end to end, and our import of a file with 1 % bad rows.
#
#   bench/run.sh [--rows N] [--shuffled]     default 1,000,000 rows with time-ordered timestamps
#   bench/run.sh --smoke                     10,000 rows: checks the harness works (CI), figures mean nothing
#
# Brings the local stack up through ./run.sh first. Files are generated (deterministically) into bench/out/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows=1000000
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --smoke) rows=10000; shift ;;
    --shuffled) extra+=(--shuffled); shift ;;
    *) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

"$ROOT/run.sh" >/dev/null
state="${VELORA_STATE_DIR:-$ROOT/.local}"
dotnet build "$ROOT/bench/Velora.Ingestion.Bench" -c Release -nologo -v quiet >/dev/null
dotnet "$ROOT/bench/Velora.Ingestion.Bench/bin/Release/net10.0/Velora.Ingestion.Bench.dll" \
  --rows "$rows" "${extra[@]}" \
  --postgres "Host=127.0.0.1;Port=${VELORA_PG_PORT:-5432};Database=${VELORA_DB_NAME:-velora};Username=postgres" \
  --gateway "${VELORA_GATEWAY_URL:-http://127.0.0.1:5080}" \
  --worker-pid "$(cat "$state/worker.pid")" --gateway-pid "$(cat "$state/gateway.pid")" \
  --out "$ROOT/bench/out"
