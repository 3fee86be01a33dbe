#!/usr/bin/env bash
# `make benchmark` (N="1000,10000" by default; `make benchmark N=100000`): for each catalogue
# size, the same query mix on our API (in process and over HTTP against gunicorn), the HTML
# page, raw Elasticsearch, Wagtail's own search and our database engine; a real rebuild with
# searches running; publish → searchable; memory; locust throughput. Writes docs/benchmarks.json,
# the tables in docs/benchmarks.md and the plots (benchmarks/harness.py, benchmarks/report.py).
# Holds /tmp/wwdw-measure.lock while measuring, so two runs on a shared machine never overlap.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LOG_PREFIX=benchmark
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
trap engines_down EXIT
engines_up postgres elasticsearch

DATABASE_URL="$(scripts/postgres.sh url)"
ELASTICSEARCH_URL="$(scripts/elasticsearch.sh url)"
export DATABASE_URL ELASTICSEARCH_URL
export ELASTICSEARCH_INDEX_PREFIX=wwdw-bench
export DJANGO_SETTINGS_MODULE=website.settings.dev DJANGO_DEBUG=false
# The load comes from one address: per-IP rate limits would measure themselves.
export RATE_LIMIT_ENABLE=false
export BENCH_SIZES="${N:-1000,10000}"
PY=.venv/bin/python
$PY manage.py migrate --no-input -v 0
$PY manage.py load_content >/dev/null
$PY manage.py collectstatic --no-input -v 0

log "measuring N=$BENCH_SIZES (waiting for /tmp/wwdw-measure.lock if another run holds it)"
flock /tmp/wwdw-measure.lock $PY -W ignore -m benchmarks.harness
$PY -m benchmarks.report
log "written: docs/benchmarks.json, docs/benchmarks.md, docs/benchmarks-*.png"
