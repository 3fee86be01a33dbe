#!/usr/bin/env bash
# `make benchmark`: measure search at 10,000 practices on PostgreSQL + Elasticsearch and
# write the results into docs/benchmarks.md (between the markers). Takes about a minute.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

started=()
cleanup() { for engine in "${started[@]}"; do scripts/"$engine".sh stop || true; done; }
trap cleanup EXIT
for engine in postgres elasticsearch; do
  scripts/"$engine".sh status >/dev/null 2>&1 || started+=("$engine")
  scripts/"$engine".sh start >/dev/null
done

export DATABASE_URL="$(scripts/postgres.sh url)"
export ELASTICSEARCH_URL="$(scripts/elasticsearch.sh url)"
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
