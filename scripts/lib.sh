# shellcheck shell=bash
# What the local engine scripts share. Sourced, not run:
#
#   LOG_PREFIX=postgres; source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# - for an engine script (scripts/postgres.sh, scripts/elasticsearch.sh): logging, die,
#   pid files, waiting for readiness, running as a system user, and `engine_main`, the
#   start|stop|status|url command line. The script defines `engine_running` (something answers
#   on the configured port), `engine_launch` (start it), `engine_reuse` (called instead when it
#   already runs), `cmd_stop`, `cmd_status` and `URL`. The rule: `start` reuses whatever already
#   answers and starts nothing then; `stop` stops only what the script itself started.
# - for a script that needs the engines (test.sh, benchmark.sh, run.sh): `engines_up` starts
#   (or reuses) them and `engines_down` stops the ones that were not running before.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG_PREFIX="${LOG_PREFIX:-$(basename "$0" .sh)}"

log() { printf '[%s] %s\n' "$LOG_PREFIX" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "$LOG_PREFIX" "$*" >&2
  exit 1
}

# require_number NAME VALUE: dies unless VALUE is a whole number (ports, counts).
require_number() { [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be a number (got '$2')"; }

# pid_from_file FILE PATTERN: prints the pid in FILE if that process is alive and its command
# line contains PATTERN (so a recycled pid is not mistaken for ours); fails otherwise.
pid_from_file() {
  local pid
  [[ -s "$1" ]] || return 1
  pid="$(tr -dc '0-9' <"$1")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  grep -qa -- "$2" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# stop_pids GRACE PID...: SIGTERM to each, then SIGKILL to those still alive after GRACE seconds.
stop_pids() {
  local grace="$1" pid deadline
  shift
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    deadline=$((SECONDS + grace))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      log "pid $pid still running after ${grace}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
  done
}

# wait_until TIMEOUT COMMAND...: runs COMMAND every second until it succeeds; fails after
# TIMEOUT seconds. COMMAND may itself `die` to give up early (a process that exited).
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

# run_as USER COMMAND...: runs COMMAND as USER when this script runs as root (the engines refuse
# to run as root), else as the current user.
run_as() {
  local user="$1"
  shift
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# The shared `start`: reuse what already runs, else launch; prints the URL either way.
cmd_start() {
  if engine_running; then
    engine_reuse
  else
    engine_launch
  fi
  echo "$URL"
}

# engine_main "$@": the engine scripts' command line.
engine_main() {
  case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) echo "$URL" ;;
    *)
      echo "usage: $0 start|stop|status|url" >&2
      exit 2
      ;;
  esac
}

# engines_up ENGINE...: starts (or reuses) scripts/ENGINE.sh for each; remembers in
# STARTED_ENGINES the ones that were not running, for engines_down.
STARTED_ENGINES=()
engines_up() {
  local engine
  for engine in "$@"; do
    "$REPO_ROOT/scripts/$engine.sh" status >/dev/null 2>&1 || STARTED_ENGINES+=("$engine")
    "$REPO_ROOT/scripts/$engine.sh" start >/dev/null
  done
}

# engines_down: stops the engines that engines_up started (for an EXIT trap).
engines_down() {
  local engine
  for engine in ${STARTED_ENGINES[@]+"${STARTED_ENGINES[@]}"}; do
    "$REPO_ROOT/scripts/$engine.sh" stop || true
  done
}
