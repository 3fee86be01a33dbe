"""Search benchmarks: latency at 10,000 practices, overhead over raw Elasticsearch, bulk
indexing speed and publish-to-searchable time with the real task worker.

Run through `make benchmark` (scripts/benchmark.sh), which starts the engines, loads the
corpus and writes the results to docs/benchmarks.md. Measurements, not assertions.
"""

from __future__ import annotations

import itertools
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from elasticsearch import helpers  # noqa: E402

from practices.models import PracticePage  # noqa: E402
from search.client import elasticsearch_client  # noqa: E402
from search.documents import PracticeDocument, index_alias, practices_for_indexing  # noqa: E402
from search.engines.elasticsearch import FEW_HITS, PracticeFacetedSearch  # noqa: E402
from search.facets import facet_vocabulary  # noqa: E402
from search.indexing import index_create, index_name_new  # noqa: E402
from search.query import search_request_build  # noqa: E402

TARGET = int(os.environ.get("BENCH_PRACTICES", "10000"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "300"))
WORDS = [
    "wijk",
    "bewonersbedrijf",
    "frontlijnteam",
    "jongeren",
    "veiligheid",
    "werk",
    "mkba",
    "gezinnen",
    "school",
    "wijkonderneming",
    "sociaal wijkteam",
    "participatie",
]
FILTERS = [
    {},
    {"theme": ["bewonersbetrokkenheid"]},
    {"city": ["rotterdam", "amsterdam"]},
    {"evidence_level": ["praktijkvoorbeeld"], "domain": ["werk", "wonen"]},
    {"period": ["2010-2014"], "theme": ["frontlijnsturing", "vitale-coalities"]},
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def fill_index(pages: list[PracticePage]) -> tuple[float, float, str]:
    """10,000 documents (the corpus, varied) in a fresh index behind the alias."""
    started = time.perf_counter()
    base_docs = [
        doc for doc in (PracticeDocument.from_page(page) for page in pages) if not doc.full_clean()
    ]
    base_docs = [doc.to_dict() for doc in base_docs]
    per_page_ms = (time.perf_counter() - started) / len(pages) * 1000
    rng = random.Random(7)

    def variants():
        for n in range(TARGET):
            doc = dict(base_docs[n % len(base_docs)])
            doc["page_id"] = 1_000_000 + n
            doc["title"] = f"{doc['title']} {rng.choice(WORDS)} {n}"
            doc["slug"] = f"{doc['slug']}-{n}"
            doc["period_start"] = rng.randint(1995, 2025)
            yield {"_index": name, "_id": str(doc["page_id"]), **doc}

    client = elasticsearch_client().options(request_timeout=120)
    name = index_name_new()
    index_create(name)
    client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "-1"}})
    started = time.perf_counter()
    helpers.bulk(client, variants(), chunk_size=1000)
    client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "1s"}})
    client.indices.refresh(index=name)
    bulk_seconds = time.perf_counter() - started
    old = list(client.indices.get_alias(name=index_alias(), ignore_unavailable=True).body)
    client.indices.update_aliases(
        actions=[{"add": {"index": name, "alias": index_alias()}}]
        + [{"remove_index": {"index": index}} for index in old]
    )
    return per_page_ms, bulk_seconds, name


def measure_search() -> dict:
    client = Client(HTTP_HOST="localhost")
    vocabulary = facet_vocabulary()
    api_ms, raw_ms = [], []
    combos = list(itertools.product([*WORDS, ""], FILTERS))
    for text, filters in combos[:5]:  # warm up caches and the JIT
        client.get("/api/v1/search", {"q": text, **filters})
    for i in range(QUERIES):
        text, filters = combos[i % len(combos)]
        started = time.perf_counter()
        response = client.get("/api/v1/search", {"q": text, **filters})
        api_ms.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        request = search_request_build(text=text, filters=filters, vocabulary=vocabulary)
        started = time.perf_counter()
        # The same requests the engine sends: exact first, typo-tolerant when few hits.
        for fuzzy in (False, True):
            body = PracticeFacetedSearch(request, fuzzy=fuzzy)[0:20]._s.to_dict()
            found = elasticsearch_client().search(index=index_alias(), body=body)
            if not text or found["hits"]["total"]["value"] >= FEW_HITS:
                break
        raw_ms.append((time.perf_counter() - started) * 1000)
    return {
        "api_p50": statistics.median(api_ms),
        "api_p95": percentile(api_ms, 0.95),
        "raw_p50": statistics.median(raw_ms),
        "raw_p95": percentile(raw_ms, 0.95),
    }


def measure_publish() -> float:
    """Seconds from publish to searchable, through the real db_worker."""
    settings_module = os.environ["DJANGO_SETTINGS_MODULE"]
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings_module},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)
        page = PracticePage.objects.live().order_by("pk").first()
        marker = f"publicatiemeting{int(time.time())}"
        original = page.title
        page.title = f"{original} {marker}"
        started = time.perf_counter()
        page.save_revision().publish()
        client = elasticsearch_client()
        while time.perf_counter() - started < 30:
            found = client.count(index=index_alias(), query={"match": {"title.folded": marker}})
            if found["count"]:
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        page.title = original
        page.save_revision().publish()
        time.sleep(1)
        return seconds
    finally:
        worker.terminate()
        worker.wait()


def main() -> None:
    pages = list(practices_for_indexing())
    per_page_ms, bulk_seconds, index = fill_index(pages)
    search = measure_search()
    publish_seconds = measure_publish()
    rss = Path(f"/proc/{os.getpid()}/status").read_text().split("VmHWM:")[1].split()[0]
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"Elasticsearch at {settings.ELASTICSEARCH['URL']} (1 node, 512 MB heap), "
        f"{TARGET} practices in `{index}` ({len(pages)} real practices, varied).",
        "",
        "| measure | result | bar |",
        "|---|---|---|",
        f"| search API, all 7 facets, server-side p50 / p95 ({QUERIES} queries) | "
        f"{search['api_p50']:.1f} ms / {search['api_p95']:.1f} ms | p95 ≤ 25 ms |",
        f"| same query straight to Elasticsearch (client round trip) p50 / p95 | "
        f"{search['raw_p50']:.1f} ms / {search['raw_p95']:.1f} ms | |",
        f"| API time ÷ raw Elasticsearch time (p95) | "
        f"{search['api_p95'] / search['raw_p95']:.2f}× | ≤ 1.3× |",
        f"| bulk indexing of {TARGET} documents (refresh off, 1,000 per request) | "
        f"{bulk_seconds:.1f} s | rebuild ≤ 30 s |",
        f"| building one document from a page (database reads + Markdown to text) | "
        f"{per_page_ms:.1f} ms → {per_page_ms * TARGET / 1000:.0f} s for {TARGET} | |",
        f"| publish → searchable, through the task worker | {publish_seconds:.2f} s | ≤ 2 s |",
        f"| benchmark process peak memory (VmHWM) | {int(rss) / 1024:.0f} MB | |",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
