#!/usr/bin/env bash
# `make benchmark`: measure search at 10,000 practices on PostgreSQL + Elasticsearch and
# write the results into docs/benchmarks.md (between the markers). Takes about a minute.
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
PY=.venv/bin/python
$PY manage.py migrate --no-input -v 0
$PY manage.py load_content >/dev/null
$PY manage.py search_index rebuild >/dev/null
$PY manage.py collectstatic --no-input -v 0

results="$($PY -W ignore benchmarks/search_bench.py)"
echo "$results"
$PY - "$results" <<'PYEOF'
import sys
from pathlib import Path

path = Path("docs/benchmarks.md")
text = path.read_text()
start, end = "<!-- results:start -->", "<!-- results:end -->"
before, rest = text.split(start, 1)
_, after = rest.split(end, 1)
path.write_text(f"{before}{start}\n{sys.argv[1]}\n{end}{after}")
PYEOF
echo "Written to docs/benchmarks.md"
