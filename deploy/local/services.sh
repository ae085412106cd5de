#!/usr/bin/env bash
# PostgreSQL and RabbitMQ for the local stack and the tests, from the operating system's packages (Debian),
# on 127.0.0.1. Installs them when missing. Sourced by run.sh and test.sh; not meant to be run alone.
#
#   services_up           start PostgreSQL and RabbitMQ (management dashboard on 15672) unless they already answer
#   s3_up                 start a local S3-compatible server (s3rver, from npm) for the S3 blob store and its tests
#   chromium_ready        install Debian's Chromium (for the console's tests in a real browser) unless it is there
#   services_down         stop what services_up and s3_up started
#
# Settings (environment): VELORA_PG_PORT (5432), VELORA_PG_DATA (/var/tmp/velora-postgres),
# VELORA_DB_NAME (velora), VELORA_STATE_DIR (.local in the checkout), VELORA_S3_PORT (4568).

VELORA_ROOT="${VELORA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
VELORA_STATE_DIR="${VELORA_STATE_DIR:-$VELORA_ROOT/.local}"
VELORA_PG_PORT="${VELORA_PG_PORT:-5432}"
# Outside the checkout: the postgres user must reach it even when the checkout is private to root.
VELORA_PG_DATA="${VELORA_PG_DATA:-/var/tmp/velora-postgres}"
VELORA_DB_NAME="${VELORA_DB_NAME:-velora}"
VELORA_STARTED_FILE="$VELORA_STATE_DIR/started-services"
VELORA_S3_PORT="${VELORA_S3_PORT:-4568}"
S3RVER_VERSION=3.7.1

say() { echo "[velora] $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  if ! is_root; then
    say "need root to install $* (apt-get); install it yourself or run as root"
    return 1
  fi
  if [ -z "${VELORA_APT_UPDATED:-}" ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    VELORA_APT_UPDATED=1
  fi
  say "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

record_started() {
  mkdir -p "$VELORA_STATE_DIR"
  grep -qx "$1" "$VELORA_STARTED_FILE" 2>/dev/null || echo "$1" >>"$VELORA_STARTED_FILE"
}

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && echo "$dir"
  done | sort -V | tail -n 1
}

as_postgres() {
  # From /, which the postgres user can enter whatever the caller's directory.
  if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

postgres_up() {
  if ! port_open "$VELORA_PG_PORT"; then
    local bindir
    bindir="$(pg_bindir)"
    if [ -z "$bindir" ]; then
      apt_install postgresql || return 1
      bindir="$(pg_bindir)"
    fi
    if [ ! -f "$VELORA_PG_DATA/PG_VERSION" ]; then
      say "creating a PostgreSQL cluster in $VELORA_PG_DATA"
      mkdir -p "$VELORA_PG_DATA"
      if is_root; then chown postgres:postgres "$VELORA_PG_DATA"; fi
      chmod 700 "$VELORA_PG_DATA"
      as_postgres "$bindir/initdb" -D "$VELORA_PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null || return 1
    fi
    say "starting PostgreSQL on 127.0.0.1:$VELORA_PG_PORT"
    as_postgres "$bindir/pg_ctl" -D "$VELORA_PG_DATA" -l "$VELORA_PG_DATA/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $VELORA_PG_PORT -k $VELORA_PG_DATA" start >/dev/null || {
      say "PostgreSQL did not start; see $VELORA_PG_DATA/server.log"
      return 1
    }
    record_started postgres
  fi
  postgres_database "$VELORA_DB_NAME"
}

# Creates a database if it does not exist yet.
postgres_database() {
  command -v psql >/dev/null || apt_install postgresql-client || return 1
  local exists
  exists="$(psql -h 127.0.0.1 -p "$VELORA_PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" || {
    say "PostgreSQL on 127.0.0.1:$VELORA_PG_PORT does not accept user postgres without a password"
    return 1
  }
  if [ "$exists" != 1 ]; then
    psql -h 127.0.0.1 -p "$VELORA_PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE \"$1\"" >/dev/null || return 1
  fi
}

rabbitmq_up() {
  if port_open 5672; then
    rabbitmq_management_up
    return
  fi
  command -v rabbitmq-server >/dev/null || [ -x /usr/sbin/rabbitmq-server ] || apt_install rabbitmq-server || return 1
  if ! is_root; then
    say "need root to start rabbitmq-server"
    return 1
  fi
  mkdir -p /etc/rabbitmq/conf.d
  if [ ! -f /etc/rabbitmq/conf.d/90-velora.conf ]; then
    cat >/etc/rabbitmq/conf.d/90-velora.conf <<'CONF'
# Written by Velora.Ingestion's deploy/local/services.sh: the broker listens on loopback only.
listeners.tcp.default = 127.0.0.1:5672
management.tcp.ip = 127.0.0.1
management.tcp.port = 15672
CONF
  fi
  rabbitmq-plugins enable --offline rabbitmq_management >/dev/null 2>&1 || true
  say "starting RabbitMQ on 127.0.0.1:5672 (dashboard on http://127.0.0.1:15672, guest/guest)"
  service rabbitmq-server start >&2 || {
    say "RabbitMQ did not start; see /var/log/rabbitmq/"
    return 1
  }
  local i
  for i in $(seq 1 60); do
    port_open 5672 && break
    sleep 1
  done
  port_open 5672 || { say "RabbitMQ does not answer on 5672"; return 1; }
  record_started rabbitmq
  rabbitmq_management_up
}

rabbitmq_management_up() {
  local i
  for i in $(seq 1 30); do
    port_open 15672 && return 0
    sleep 1
  done
  say "RabbitMQ answers on 5672 but its management dashboard does not answer on 15672"
  return 1
}

services_up() {
  postgres_up && rabbitmq_up
}

# Debian's own Chromium: Playwright drives it through VELORA_TEST_CHROMIUM and never downloads a browser.
chromium_ready() {
  [ -x "${VELORA_TEST_CHROMIUM:-/usr/bin/chromium}" ] && return 0
  apt_install chromium || return 1
  [ -x /usr/bin/chromium ]
}

# s3rver keeps objects in plain files under .local/s3; it accepts any credentials (the SDK still signs).

s3_up() {
  port_open "$VELORA_S3_PORT" && return 0
  local tools="$VELORA_STATE_DIR/tools/s3rver"
  if [ ! -x "$tools/node_modules/.bin/s3rver" ]; then
    command -v npm >/dev/null || apt_install nodejs npm || return 1
    say "installing s3rver $S3RVER_VERSION (npm) into $tools"
    mkdir -p "$tools"
    # No lock file is written: it would record the registry's address.
    npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund "s3rver@$S3RVER_VERSION" >"$tools/install.log" 2>&1 || {
      tail -n 20 "$tools/install.log" >&2
      return 1
    }
  fi
  mkdir -p "$VELORA_STATE_DIR/s3" "$VELORA_STATE_DIR/logs"
  say "starting s3rver on 127.0.0.1:$VELORA_S3_PORT (objects in $VELORA_STATE_DIR/s3)"
  nohup "$tools/node_modules/.bin/s3rver" --directory "$VELORA_STATE_DIR/s3" --address 127.0.0.1 --port "$VELORA_S3_PORT" --silent \
    >"$VELORA_STATE_DIR/logs/s3rver.log" 2>&1 &
  echo $! >"$VELORA_STATE_DIR/s3rver.pid"
  local i
  for i in $(seq 1 30); do
    port_open "$VELORA_S3_PORT" && { record_started s3rver; return 0; }
    sleep 0.5
  done
  say "s3rver does not answer on $VELORA_S3_PORT; see $VELORA_STATE_DIR/logs/s3rver.log"
  return 1
}

services_down() {
  [ -f "$VELORA_STARTED_FILE" ] || { say "no services were started by this checkout"; return 0; }
  if grep -qx s3rver "$VELORA_STARTED_FILE" && [ -f "$VELORA_STATE_DIR/s3rver.pid" ]; then
    say "stopping s3rver"
    kill "$(cat "$VELORA_STATE_DIR/s3rver.pid")" 2>/dev/null || true
    rm -f "$VELORA_STATE_DIR/s3rver.pid"
  fi
  if grep -qx rabbitmq "$VELORA_STARTED_FILE"; then
    say "stopping RabbitMQ"
    service rabbitmq-server stop >&2 || true
    epmd -kill >/dev/null 2>&1 || true
  fi
  if grep -qx postgres "$VELORA_STARTED_FILE"; then
    say "stopping PostgreSQL"
    as_postgres "$(pg_bindir)/pg_ctl" -D "$VELORA_PG_DATA" -m fast -w stop >/dev/null || true
  fi
  rm -f "$VELORA_STARTED_FILE"
}
