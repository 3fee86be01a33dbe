#!/usr/bin/env bash
# `make faults`: fault scenarios against the real stack (PostgreSQL, Elasticsearch, the site
# under gunicorn, the task worker under scripts/supervise.sh), driven by scripts/faults.py.
#
#   scripts/faults.sh [SCENARIO ...]
#
# default: the fast ones (also run by `make test`): es-stop es-hang worker-kill pg-restart.
# The long ones, documented in docs/reliability.md and not in CI: es-kill-rebuild (single
# node) and node-kill (a 3-node cluster on ES_PORT..ES_PORT+2; a single node this script
# finds running that scripts/elasticsearch.sh started is stopped for it and started again
# afterwards).
#
# Uses its own database (wwdw_faults) and index prefix (wwdw-faults) on the PostgreSQL and
# Elasticsearch of ES_PORT / PG_PORT; stops only what it started. Exits non-zero when a
# scenario sees a 5xx on search, a lost update, drift after recovery or a search over 2 s.
# Results: var/faults/results.json; the site's log (slow requests with their phase):
# var/faults/site.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { printf '[faults] %s\n' "$*" >&2; }

SCENARIOS=("$@")
[[ ${#SCENARIOS[@]} -gt 0 ]] || SCENARIOS=(es-stop es-hang worker-kill pg-restart)
ES_PORT="${ES_PORT:-9200}"
FAULTS_PORT="${FAULTS_PORT:-8390}"
export PG_DB="${FAULTS_PG_DB:-wwdw_faults}" ES_PORT
RUN_DIR=var/faults
mkdir -p "$RUN_DIR"
PY=.venv/bin/python

single=()
cluster=()
for scenario in "${SCENARIOS[@]}"; do
  if [[ "$scenario" == node-kill ]]; then cluster+=("$scenario"); else single+=("$scenario"); fi
done

started=()
pids=()
stack_down() {
  local pid
  for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${pids[@]+"${pids[@]}"}; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stack_down
  for engine in ${started[@]+"${started[@]}"}; do scripts/"$engine".sh stop || true; done
}
trap cleanup EXIT

engine_up() {
  scripts/"$1".sh status >/dev/null 2>&1 || started+=("$1")
  scripts/"$1".sh start >/dev/null
}

# stack_up URLS: database, index, the site and the worker, against Elasticsearch at URLS.
stack_up() {
  export DATABASE_URL ELASTICSEARCH_URL="$1"
  DATABASE_URL="$(scripts/postgres.sh url)"
  export ELASTICSEARCH_INDEX_PREFIX=wwdw-faults
  export DJANGO_SETTINGS_MODULE=website.settings.dev DJANGO_DEBUG=false WWDW_LOG_LEVEL=WARNING
  # The clients all come from 127.0.0.1: rate limits would answer them with 429s.
  export RATE_LIMIT_ENABLE=false
  log "preparing $DATABASE_URL and $ELASTICSEARCH_URL (prefix $ELASTICSEARCH_INDEX_PREFIX)"
  $PY manage.py migrate --no-input -v 0
  $PY manage.py load_content >/dev/null
  $PY manage.py search_index rebuild >/dev/null
  $PY manage.py wagtail_update_index >/dev/null
  .venv/bin/gunicorn website.wsgi:application --bind "127.0.0.1:$FAULTS_PORT" --workers 2 \
    --threads 4 --timeout 30 --access-logfile /dev/null --error-logfile "$RUN_DIR/gunicorn.log" \
    2>>"$RUN_DIR/site.log" &
  pids+=($!)
  SUPERVISE_PIDFILE="$RUN_DIR/worker.pid" scripts/supervise.sh worker \
    $PY manage.py task_worker --interval 0.5 --no-reload --no-startup-delay \
    >>"$RUN_DIR/worker.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$FAULTS_PORT/api/v1/search?q=wijk" && break
    sleep 0.5
  done
  # A new worker loads the Dutch lexicon in a background thread (search/apps.py), which
  # starves its requests of the GIL for a while: start the load once every worker answers
  # a typo search quickly (10 in a row under 0.3 s; at most 90 s).
  local fast=0 deadline=$((SECONDS + 90)) took
  while ((fast < 10 && SECONDS < deadline)); do
    took="$(curl -fsS -o /dev/null -w '%{time_total}' \
      "http://127.0.0.1:$FAULTS_PORT/api/v1/search?q=wijkbedrjif" || echo 9)"
    if awk "BEGIN { exit !($took < 0.3) }"; then fast=$((fast + 1)); else fast=0; fi
  done
  log "site warm after $((SECONDS - deadline + 90)) s"
}

# run_scenarios OUTPUT SCENARIO...: scripts/faults.py against the stack; its exit code.
run_scenarios() {
  local output="$1"
  shift
  log "scenarios: $*"
  $PY scripts/faults.py "$@" \
    --base-url "http://127.0.0.1:$FAULTS_PORT" \
    --es-pidfile "var/elasticsearch/node-$ES_PORT/elasticsearch.pid" \
    --worker-pidfile "$RUN_DIR/worker.pid" --site-log "$RUN_DIR/site.log" \
    --output "$output" ${FAULTS_ARGS:-}
}

engine_up postgres
status=0
if [[ ${#single[@]} -gt 0 ]]; then
  engine_up elasticsearch
  stack_up "$(scripts/elasticsearch.sh url)"
  run_scenarios "$RUN_DIR/results.json" "${single[@]}" || status=$?
  stack_down
fi

if [[ ${#cluster[@]} -gt 0 ]]; then
  single_was_ours=""
  if scripts/elasticsearch.sh status >/dev/null 2>&1; then
    [[ -s "var/elasticsearch/node-$ES_PORT/elasticsearch.pid" ]] \
      || { log "a node this script did not start answers on $ES_PORT: cannot make a cluster there"; exit 1; }
    single_was_ours=1
    scripts/elasticsearch.sh stop
  fi
  log "starting a 3-node cluster on ports $ES_PORT-$((ES_PORT + 2))"
  ES_NODES=3 scripts/elasticsearch.sh start >/dev/null
  export ES_NODES=3
  stack_up "http://127.0.0.1:$ES_PORT,http://127.0.0.1:$((ES_PORT + 1)),http://127.0.0.1:$((ES_PORT + 2))"
  run_scenarios "$RUN_DIR/results-cluster.json" "${cluster[@]}" || status=$?
  stack_down
  scripts/elasticsearch.sh stop
  unset ES_NODES
  if [[ -n "$single_was_ours" ]]; then scripts/elasticsearch.sh start >/dev/null; fi
fi
exit "$status"
