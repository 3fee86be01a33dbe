#!/usr/bin/env bash
# Local / CI PostgreSQL for Wat Werkt in de Wijk.
#
#   scripts/postgres.sh start|stop|status|url
#
# Installs PostgreSQL from Debian's packages when it is missing, keeps a private cluster under
# $PG_HOME (git-ignored var/), listens on 127.0.0.1:$PG_PORT only, and creates the role and
# database the project uses. `start` reuses a cluster that is already running on that port;
# `stop` stops only a cluster this script started.
#
# Environment (defaults):
#   PG_PORT=5433            port (not 5432, so a system cluster can run beside it)
#   PG_HOME=<repo>/var/postgres
#   PG_DB=wwdw PG_USER=wwdw PG_PASSWORD=wwdw
#   PG_START_TIMEOUT=60     seconds to wait until it accepts connections
#
# Local and CI use only (trust-free but fixed password, loopback only).
set -euo pipefail
LOG_PREFIX=postgres
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_PORT="${PG_PORT:-5433}"
PG_HOME="${PG_HOME:-$REPO_ROOT/var/postgres}"
PG_DB="${PG_DB:-wwdw}"
PG_USER="${PG_USER:-wwdw}"
PG_PASSWORD="${PG_PASSWORD:-wwdw}"
PG_START_TIMEOUT="${PG_START_TIMEOUT:-60}"
DATA="$PG_HOME/data"
STAMP="$PG_HOME/started-by-script"
URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"

require_number PG_PORT "$PG_PORT"

bin_dir() {
  local dir
  dir="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  [[ -n "$dir" && -x "$dir/initdb" ]] && echo "$dir"
}

install_server() {
  [[ -n "$(bin_dir)" ]] && return
  [[ "$(id -u)" == 0 ]] || die "PostgreSQL is not installed; run as root or: sudo apt-get install postgresql"
  log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # Only the server binaries: no system cluster is created or started.
  mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  [[ -n "$(bin_dir)" ]] || die "apt-get install postgresql did not provide initdb"
}

ready() { "$(bin_dir)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; }

psql_admin() {
  run_as postgres "$(bin_dir)/psql" -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -p "$PG_PORT" -d postgres "$@"
}

ensure_database() {
  psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'" | grep -q 1 ||
    psql_admin -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
  psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1 ||
    psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
}

# Something already accepts connections on the port: reuse it (and stop it never).
engine_running() {
  install_server
  ready
}

engine_reuse() {
  log "reusing PostgreSQL already running on port $PG_PORT"
  if [[ -d "$DATA" ]]; then ensure_database; fi
}

engine_launch() {
  local bin
  bin="$(bin_dir)"
  mkdir -p "$PG_HOME"
  if [[ "$(id -u)" == 0 ]]; then chown postgres: "$PG_HOME"; fi
  if [[ ! -s "$DATA/PG_VERSION" ]]; then
    log "creating a cluster in $DATA"
    run_as postgres "$bin/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=trust \
      -E UTF8 --locale=C.UTF-8 >"$PG_HOME/initdb.log" 2>&1 ||
      { tail -n 20 "$PG_HOME/initdb.log" >&2; die "initdb failed"; }
  fi
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  # pg_ctl -w waits until the server accepts connections (at most PG_START_TIMEOUT seconds).
  run_as postgres "$bin/pg_ctl" -D "$DATA" -l "$PG_HOME/postgres.log" -w -t "$PG_START_TIMEOUT" \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null ||
    { tail -n 30 "$PG_HOME/postgres.log" >&2; die "PostgreSQL did not start"; }
  touch "$STAMP"
  ensure_database
  log "ready: $URL"
}

cmd_stop() {
  local bin
  bin="$(bin_dir || true)"
  if [[ -z "$bin" || ! -f "$STAMP" || ! -s "$DATA/PG_VERSION" ]]; then
    log "nothing to stop (no cluster started by this script)"
    return
  fi
  if run_as postgres "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    run_as postgres "$bin/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    log "stopped"
  fi
  rm -f "$STAMP"
}

cmd_status() {
  if [[ -n "$(bin_dir || true)" ]] && ready; then
    echo "running on port $PG_PORT: $URL"
  else
    echo "not running on port $PG_PORT"
    return 1
  fi
}

engine_main "$@"
