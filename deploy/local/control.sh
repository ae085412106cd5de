#!/usr/bin/env bash
# Fault control for the reliability tests, on the local services of services.sh (root needed):
#   control.sh postgres-restart fast|immediate    stop PostgreSQL with that shutdown mode, start it again
#   control.sh rabbitmq-restart                   stop RabbitMQ, start it again
#   control.sh rabbitmq-consumer-timeout MS       consumer_timeout for channels opened from now on (RabbitMQ checks it about once a minute)
set -euo pipefail
# shellcheck source=deploy/local/services.sh
. "$(dirname "${BASH_SOURCE[0]}")/services.sh"

case "${1:-}" in
  postgres-restart)
    mode="${2:-fast}"
    bindir="$(pg_bindir)"
    as_postgres "$bindir/pg_ctl" -D "$VELORA_PG_DATA" -m "$mode" -w stop >/dev/null
    sleep "${3:-1}"
    as_postgres "$bindir/pg_ctl" -D "$VELORA_PG_DATA" -l "$VELORA_PG_DATA/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $VELORA_PG_PORT -k $VELORA_PG_DATA" start >/dev/null
    ;;
  rabbitmq-restart)
    service rabbitmq-server stop >&2
    sleep "${2:-1}"
    service rabbitmq-server start >&2
    for _ in $(seq 1 60); do port_open 5672 && exit 0; sleep 1; done
    exit 1
    ;;
  rabbitmq-consumer-timeout)
    rabbitmqctl eval "application:set_env(rabbit, consumer_timeout, ${2:?milliseconds})." >/dev/null
    ;;
  *)
    sed -n '2,5p' "$0" >&2
    exit 2
    ;;
esac
