#!/usr/bin/env bash
# `make test` (and CI, through .ci/run): the checks of `make lint` and more, then the whole suite
# on real engines.
#
# Fails, before any test runs, on: `ruff check`, `ruff format --check`, `manage.py check` and
# `manage.py makemigrations --check --dry-run` (a model change without its migration). Then
# starts (or reuses) PostgreSQL and Elasticsearch through their scripts, installs Debian's
# chromium for the browser tests when it is missing, runs pytest against
# them and stops only the engines this script started. Arguments go to pytest:
# `make test ARGS="-k contract"` runs `scripts/test.sh -k contract`. The exit code is pytest's,
# so 5 (no tests collected, e.g. a -k that matches nothing) fails the run as well.
# Without arguments (the whole suite, as CI runs it), the fast fault scenarios follow on the
# same engines (scripts/faults.sh, docs/reliability.md: Elasticsearch stopped and hung, worker
# killed, PostgreSQL restarted, about 4 minutes); any 5xx, lost update, drift or search over
# 2 s fails the run. FAULTS=0 leaves them out of a local run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LOG_PREFIX="test"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
trap engines_down EXIT

log "ruff check, ruff format --check"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

engines_up postgres elasticsearch
DATABASE_URL="$(scripts/postgres.sh url)"
ELASTICSEARCH_URL="$(scripts/elasticsearch.sh url)"
export DATABASE_URL ELASTICSEARCH_URL
export ELASTICSEARCH_INDEX_PREFIX="${ELASTICSEARCH_INDEX_PREFIX:-wwdw-test}"
export DJANGO_SETTINGS_MODULE=website.settings.test
WWDW_CHROMIUM="$(scripts/browser.sh path)"
export WWDW_CHROMIUM

log "manage.py check, makemigrations --check, check_sources"
.venv/bin/python manage.py check
.venv/bin/python manage.py makemigrations --check --dry-run
# Every figure of every practice against its cited passage (says so and passes without seeds).
.venv/bin/python manage.py check_sources --sources ../shared/seeds

log "pytest on $DATABASE_URL and $ELASTICSEARCH_URL"
.venv/bin/pytest "$@"

if [[ $# -eq 0 && "${FAULTS:-1}" != 0 ]]; then
  log "fast fault scenarios (scripts/faults.sh) on the same engines"
  scripts/faults.sh
fi
