#!/usr/bin/env bash
# Runs every test: brings up PostgreSQL and RabbitMQ like run.sh, then `dotnet test` on the solution.
# Integration tests reach them through VELORA_TEST_POSTGRES and VELORA_TEST_RABBITMQ (and s3rver through VELORA_TEST_S3).
set -uo pipefail

VELORA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/services.sh
. "$VELORA_ROOT/deploy/local/services.sh"

# Addresses given from outside (a CI service, say) are used as they are; otherwise the local services are brought up.
if [ -z "${VELORA_TEST_POSTGRES:-}" ] || [ -z "${VELORA_TEST_RABBITMQ:-}" ]; then
  services_up || { say "PostgreSQL and RabbitMQ are needed for the integration tests"; exit 2; }
fi

export VELORA_TEST_POSTGRES="${VELORA_TEST_POSTGRES:-Host=127.0.0.1;Port=$VELORA_PG_PORT;Username=postgres}"
export VELORA_TEST_RABBITMQ="${VELORA_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:5672/}"
# Lets the reliability tests restart the local PostgreSQL and RabbitMQ mid-import.
export VELORA_TEST_SERVICE_CONTROL="${VELORA_TEST_SERVICE_CONTROL:-$VELORA_ROOT/deploy/local/control.sh}"
export VELORA_TEST_RABBITMQ_MANAGEMENT="${VELORA_TEST_RABBITMQ_MANAGEMENT:-http://guest:guest@127.0.0.1:15672/}"
# The S3 blob store's tests run against a real S3-compatible server: s3rver (npm) on 127.0.0.1 unless one is given.
if [ -z "${VELORA_TEST_S3:-}" ]; then
  s3_up || { say "an S3-compatible server is needed for the S3 blob store tests"; exit 2; }
  export VELORA_TEST_S3="http://127.0.0.1:$VELORA_S3_PORT"
fi

# The web console's tests drive Debian's Chromium with Playwright (no browser is downloaded).
chromium_ready || { say "Chromium is needed for the console's tests in a real browser"; exit 2; }
export VELORA_TEST_CHROMIUM="${VELORA_TEST_CHROMIUM:-/usr/bin/chromium}"

mkdir -p "$VELORA_STATE_DIR"
log="$VELORA_STATE_DIR/test.log"
dotnet test "$VELORA_ROOT/Velora.Ingestion.sln" -c Release --nologo "$@" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}

# One closing line for people and CI: the totals of every test project.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "tests: $passed passed, $failed failed, $skipped skipped" | tee -a "$log"
exit "$code"
