#!/usr/bin/env bash
# `make test`: the whole suite on real engines.
#
# Starts (or reuses) PostgreSQL and Elasticsearch through their scripts, runs ruff and
# pytest against them, and stops only the engines this script started. Arguments go to
# pytest (make test ARGS="-k contract" is `scripts/test.sh -k contract`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { printf '[test] %s\n' "$*" >&2; }

started=()
cleanup() {
  for engine in "${started[@]}"; do scripts/"$engine".sh stop || true; done
}
trap cleanup EXIT

for engine in postgres elasticsearch; do
  scripts/"$engine".sh status >/dev/null 2>&1 || started+=("$engine")
  scripts/"$engine".sh start >/dev/null
done

export DATABASE_URL="$(scripts/postgres.sh url)"
export ELASTICSEARCH_URL="$(scripts/elasticsearch.sh url)"
export ELASTICSEARCH_INDEX_PREFIX="${ELASTICSEARCH_INDEX_PREFIX:-wwdw-test}"
export DJANGO_SETTINGS_MODULE=website.settings.test

log "ruff"
.venv/bin/ruff check .
log "pytest on $DATABASE_URL and $ELASTICSEARCH_URL"
.venv/bin/pytest "$@"
