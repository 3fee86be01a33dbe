#!/usr/bin/env bash
# `make faults`: fault scenarios against the real stack (PostgreSQL, Elasticsearch, the site
# under gunicorn, the task worker under scripts/supervise.sh), driven by scripts/faults.py.
#
#   scripts/faults.sh [SCENARIO ...]     default: the fast ones, es-stop es-hang worker-kill pg-restart
#
# Uses its own database (wwdw_faults) and index prefix (wwdw-faults) on the PostgreSQL and
# Elasticsearch of ES_PORT / PG_PORT; stops only what it started. Exits non-zero when a
# scenario sees a 5xx on search, a lost update or drift after recovery. Results:
# var/faults/results.json (docs/reliability.md explains them).
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

started=()
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for engine in "${started[@]}"; do scripts/"$engine".sh stop || true; done
}
trap cleanup EXIT

for engine in postgres elasticsearch; do
  scripts/"$engine".sh status >/dev/null 2>&1 || started+=("$engine")
  scripts/"$engine".sh start >/dev/null
done
export DATABASE_URL="$(scripts/postgres.sh url)"
export ELASTICSEARCH_URL="$(scripts/elasticsearch.sh url)"
export ELASTICSEARCH_INDEX_PREFIX=wwdw-faults
export DJANGO_SETTINGS_MODULE=website.settings.dev DJANGO_DEBUG=false WWDW_LOG_LEVEL=WARNING
# The clients all come from 127.0.0.1: rate limits would answer them with 429s.
export RATE_LIMIT_ENABLE=false

log "preparing $DATABASE_URL and $ELASTICSEARCH_URL (prefix $ELASTICSEARCH_INDEX_PREFIX)"
$PY manage.py migrate --no-input -v 0
$PY manage.py load_content >/dev/null
$PY manage.py search_index rebuild >/dev/null
$PY manage.py wagtail_update_index >/dev/null

.venv/bin/gunicorn website.wsgi:application --bind "127.0.0.1:$FAULTS_PORT" --workers 2 --threads 4 \
  --timeout 30 --access-logfile /dev/null --error-logfile "$RUN_DIR/gunicorn.log" \
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

log "scenarios: ${SCENARIOS[*]}"
$PY scripts/faults.py "${SCENARIOS[@]}" \
  --base-url "http://127.0.0.1:$FAULTS_PORT" \
  --es-pidfile "var/elasticsearch/node-$ES_PORT/elasticsearch.pid" \
  --worker-pidfile "$RUN_DIR/worker.pid" --site-log "$RUN_DIR/site.log" \
  --output "$RUN_DIR/results.json" ${FAULTS_ARGS:-}
