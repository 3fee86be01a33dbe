#!/usr/bin/env bash
# Keep one command running: restart it whenever it exits, with a short backoff.
#
#   scripts/supervise.sh NAME COMMAND [ARGS...]
#
# `make run` starts the task worker through this, so a crash or a kill -9 of the worker
# costs a second, not the index. In production use a real process manager instead (see
# docs/deploy/wwdw-worker.service). SIGTERM/SIGINT stop the command and this loop.
set -uo pipefail

name="$1"
shift
child=""
stopping=""
stop() {
  stopping=1
  [[ -n "$child" ]] && kill -TERM "$child" 2>/dev/null
  [[ -n "$child" ]] && wait "$child" 2>/dev/null
  exit 0
}
trap stop INT TERM

delay=1
while [[ -z "$stopping" ]]; do
  started=$SECONDS
  "$@" &
  child=$!
  echo "$child" >"${SUPERVISE_PIDFILE:-/dev/null}"
  wait "$child"
  status=$?
  child=""
  [[ -n "$stopping" ]] && break
  # A command that ran a while gets restarted at once; one that keeps dying backs off.
  if ((SECONDS - started > 30)); then delay=1; fi
  printf '[supervise] %s exited with status %s; restarting in %ss\n' "$name" "$status" "$delay" >&2
  sleep "$delay"
  delay=$((delay < 16 ? delay * 2 : 30))
done
