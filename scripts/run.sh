#!/usr/bin/env bash
# `make run`: the whole catalogue on this machine, in one command.
#
# SQLite (var/db.sqlite3) as the database. Elasticsearch when Java and Maven are present
# (started locally by scripts/elasticsearch.sh); otherwise the database search engine, and
# the site says so. A task worker runs beside the site to keep the index up to date (and a
# scheduler that publishes and unpublishes at the times editors set); the worker is
# quiet while tasks succeed and prints one line per failure (see quiet_worker_log).
# Ctrl-C stops the site, the worker and the Elasticsearch node this script started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LOG_PREFIX=run
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
# The site as visitors see it: Dutch 404 and 500 pages, static files from WhiteNoise.
# DJANGO_DEBUG=true brings back Django's debug pages.
export DJANGO_DEBUG="${DJANGO_DEBUG:-false}"
# Links in e-mails (member invitations, digests, review notifications) point at this site.
export WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-http://$HOST:$PORT}"
PY=.venv/bin/python

worker_pid=""
scheduler_pid=""
digest_pid=""
cleanup() {
  if [[ -n "$digest_pid" ]]; then kill "$digest_pid" 2>/dev/null || true; fi
  if [[ -n "$worker_pid" ]]; then kill "$worker_pid" 2>/dev/null || true; fi
  if [[ -n "$scheduler_pid" ]]; then kill "$scheduler_pid" 2>/dev/null || true; fi
  engines_down
}
trap cleanup EXIT INT TERM

# Reads the worker's output (its log records) and prints one line per failure: the first line
# of a failed task's record followed by its exception, and the first line of any other record
# that is not per-task chatter. Dropped: the two lines per task ("state=RUNNING",
# "state=SUCCESSFUL"), tracebacks (the task result in the database keeps them), and the
# Elasticsearch client's own retry warnings (the task's line says the same).
quiet_worker_log() {
  local line failed="" reason="" status
  local exception='^[A-Za-z_][A-Za-z0-9_.]*(: .*)?$' # "module.Error: message", ends a traceback
  flush_failed() {
    if [[ -n "$failed" ]]; then printf '[worker] %s%s\n' "$failed" "${reason:+: $reason}" >&2; fi
    failed="" reason=""
  }
  while true; do
    if IFS= read -r -t 1 line; then
      case "$line" in
        "Task id="*" state=FAILED") flush_failed; failed="$line" ;;
        "Task id="*" state="* | "Starting worker "* | *" WARNING elastic_transport."*) flush_failed ;;
        "Traceback "* | " "* | "" | "During handling "* | "The above exception "*) ;;
        *)
          if [[ -n "$failed" && "$line" =~ $exception ]]; then
            reason="$line"
          else
            flush_failed
            printf '[worker] %s\n' "$line" >&2
          fi
          ;;
      esac
    else
      status=$?
      flush_failed
      ((status > 128)) || return 0 # a timeout (>128) only flushes; end of input ends
    fi
  done
}

if [[ -z "${ELASTICSEARCH_URL:-}" ]]; then
  if command -v java >/dev/null && command -v mvn >/dev/null; then
    engines_up elasticsearch
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
# Its output goes through quiet_worker_log: one line per failure, nothing per success.
PYTHONUNBUFFERED=1 scripts/supervise.sh worker $PY manage.py task_worker --interval 0.5 \
  > >(quiet_worker_log) 2>&1 &
worker_pid=$!
# Scheduled publishing and unpublishing (go-live / expiry times set in the admin), every 30 s.
$PY manage.py publish_scheduled_loop --interval 30 &
scheduler_pid=$!
# The members' weekly digest: every hour, to whoever is due one (mail goes to this terminal).
(while true; do $PY manage.py send_digests -v 0; sleep 3600; done) &
digest_pid=$!

log "Search engine: ${ELASTICSEARCH_URL:-database (no Elasticsearch)}"
if [[ -n "${ELASTICSEARCH_URL:-}" ]]; then
  log "Other terminals: export ELASTICSEARCH_URL=$ELASTICSEARCH_URL before manage.py commands."
fi
log "Catalogue: http://$HOST:$PORT/   Admin: http://$HOST:$PORT/admin/   API: http://$HOST:$PORT/api/v1/docs"
$PY manage.py runserver --noreload "$HOST:$PORT"
