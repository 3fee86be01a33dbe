#!/usr/bin/env bash
# `make run`: the whole catalogue on this machine, in one command.
#
# SQLite (var/db.sqlite3) as the database. Elasticsearch when Java and Maven are present
# (started locally by scripts/elasticsearch.sh); otherwise the database search engine, and
# the site says so. A task worker runs beside the site to keep the index up to date.
# Ctrl-C stops the site, the worker and the Elasticsearch node this script started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
PY=.venv/bin/python
log() { printf '[run] %s\n' "$*" >&2; }

started_es=""
worker_pid=""
cleanup() {
  [[ -n "$worker_pid" ]] && kill "$worker_pid" 2>/dev/null || true
  if [[ -n "$started_es" ]]; then scripts/elasticsearch.sh stop || true; fi
}
trap cleanup EXIT INT TERM

if [[ -z "${ELASTICSEARCH_URL:-}" ]]; then
  if command -v java >/dev/null && command -v mvn >/dev/null; then
    scripts/elasticsearch.sh status >/dev/null 2>&1 || started_es=1
    scripts/elasticsearch.sh start >/dev/null
    ELASTICSEARCH_URL="$(scripts/elasticsearch.sh url)"
    export ELASTICSEARCH_URL
  else
    log "Java and Maven not found: searching with the database engine (no Elasticsearch)."
  fi
fi

$PY manage.py migrate --no-input -v 0
$PY manage.py load_content
$PY manage.py search_index rebuild
if [[ -n "${ELASTICSEARCH_URL:-}" ]]; then
  # Wagtail's own admin search uses the same Elasticsearch.
  $PY manage.py wagtail_update_index >/dev/null
fi
$PY manage.py collectstatic --no-input -v 0

if ! $PY manage.py shell --no-imports -c "from django.contrib.auth import get_user_model as m; import sys; sys.exit(0 if m().objects.filter(is_superuser=True).exists() else 1)" 2>/dev/null; then
  DJANGO_SUPERUSER_PASSWORD="${ADMIN_PASSWORD:-wijkaanpak}" \
    $PY manage.py createsuperuser --no-input --username admin --email admin@example.org
  log "Created the local editor account admin / ${ADMIN_PASSWORD:-wijkaanpak} (this machine only)."
fi

# The worker reconnects after a database restart; the supervisor restarts it after a crash.
scripts/supervise.sh worker $PY manage.py task_worker --interval 0.5 &
worker_pid=$!

log "Search engine: ${ELASTICSEARCH_URL:-database (no Elasticsearch)}"
if [[ -n "${ELASTICSEARCH_URL:-}" ]]; then
  log "Other terminals: export ELASTICSEARCH_URL=$ELASTICSEARCH_URL before manage.py commands."
fi
log "Catalogue: http://$HOST:$PORT/   Admin: http://$HOST:$PORT/admin/   API: http://$HOST:$PORT/api/v1/docs"
$PY manage.py runserver --noreload "$HOST:$PORT"
