"""`make benchmark`: one run, one catalogue size after another, every system on the same data.

For each N (BENCH_SIZES, default "1000,10000"): a catalogue of exactly N published practices
(the real corpus plus `generate_practices`, seed 1), then
1. a real `search_index rebuild`, timed, with searches over HTTP running throughout (errors
   and database-engine fallbacks counted);
2. Wagtail's own index of the same pages (`wagtail_update_index`, timed; skipped when it
   already holds them);
3. latency of the query mix (benchmarks/mix.py) on every system (benchmarks/systems.py),
   each after the same warm-up of WARMUP queries;
4. publish → searchable through the real task worker;
5. memory: gunicorn workers' and this process's RSS, Elasticsearch heap used;
6. throughput: locust against gunicorn (benchmarks/load.py).
Results go to docs/benchmarks.json; benchmarks/report.py writes the tables and plots.
Measurements, not tests: nothing here fails a build.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
django.setup()

from django.test import override_settings  # noqa: E402

from benchmarks import load, systems  # noqa: E402
from benchmarks.mix import MIX, Query  # noqa: E402
from practices.models import PracticePage  # noqa: E402
from search.client import elasticsearch_client  # noqa: E402
from search.documents import index_alias  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks.json"
PY = sys.executable
WARMUP = int(os.environ.get("BENCH_WARMUP", "100"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))
# The database engine as many rounds as the others since it answers in tens of milliseconds.
DATABASE_ROUNDS = int(os.environ.get("BENCH_DATABASE_ROUNDS", str(ROUNDS)))
PORT = int(os.environ.get("BENCH_PORT", "8410"))
BASE_URL = f"http://127.0.0.1:{PORT}"
# Two processes for two cores, threads for the time spent waiting on Elasticsearch.
GUNICORN = ["-w", "2", "--threads", "4", "--log-level", "warning"]
# The worker as scripts/run.sh runs it; publish → searchable measured this many times.
WORKER = ["--interval", "0.5", "--no-reload", "--no-startup-delay"]
PUBLISHES = 5
PUBLISH_LIMIT_S = 30
# Searches sent during a rebuild (one after another, paced): users, not a load test.
SEARCHES_PER_SECOND = 10


def manage(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, check=True, capture_output=True, text=True, **kwargs
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(times_ms: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(times_ms), 2),
        "p95_ms": round(percentile(times_ms, 0.95), 2),
        "p99_ms": round(percentile(times_ms, 0.99), 2),
        "queries": len(times_ms),
    }


def catalogue_prepare(n: int) -> float | None:
    """Exactly n published practices (real corpus + generated, seed 1); seconds taken, or
    None when the database held them already."""
    started = time.perf_counter()
    live = PracticePage.objects.live()
    generated = live.filter(source_file__startswith="generated:1").count()
    real = live.exclude(source_file__startswith="generated:").count()
    if generated + real == n and live.count() == n:
        return None
    manage("generate_practices", "--remove")
    manage("generate_practices", str(n - real), "--seed", "1")
    return round(time.perf_counter() - started, 1)


def gunicorn_start(*, cached: bool, port: int = PORT) -> subprocess.Popen:
    """gunicorn on 127.0.0.1, with or without the search response cache."""
    process = subprocess.Popen(
        [ROOT / ".venv/bin/gunicorn", "website.wsgi", "-b", f"127.0.0.1:{port}", *GUNICORN],
        cwd=ROOT,
        env={**os.environ, "SEARCH_RESPONSE_CACHE": "true" if cached else "false"},
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            systems.http_system(f"http://127.0.0.1:{port}")(MIX[0])
            return process
        except Exception:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("gunicorn did not answer")


def searching_throughout(stop: threading.Event, counts: dict) -> None:
    """Searches over HTTP, one after another, until `stop`: the users during a rebuild."""
    import requests

    session = requests.Session()
    searches = [query for query in MIX if query.is_search]
    while not stop.wait(1 / SEARCHES_PER_SECOND):
        query = searches[counts["total"] % len(searches)]
        counts["total"] += 1
        try:
            response = session.get(BASE_URL + query.api_url(), timeout=10)
            if response.status_code != 200:
                counts["errors"] += 1
            elif response.json()["engine"] != "elasticsearch":
                counts["fallbacks"] += 1
        except Exception:
            counts["errors"] += 1


def rebuild_under_load() -> dict:
    counts = {"total": 0, "errors": 0, "fallbacks": 0}
    stop = threading.Event()
    searcher = threading.Thread(target=searching_throughout, args=(stop, counts))
    searcher.start()
    started = time.perf_counter()
    try:
        output = manage("search_index", "rebuild").stdout
    finally:
        seconds = time.perf_counter() - started
        stop.set()
        searcher.join()
    return {"rebuild_s": round(seconds, 1), "rebuild_output": output.strip(), **counts}


def wagtail_index() -> float | None:
    """Wagtail's own index of the pages (seconds), unless it holds every page already."""
    from wagtail.models import Page

    prefix = django.conf.settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]
    index = f"{prefix}wagtailcore_page"
    client = elasticsearch_client()
    if client.indices.exists(index=index):
        client.indices.refresh(index=index)
        if client.count(index=index)["count"] == Page.objects.count():
            return None
    started = time.perf_counter()
    manage("wagtail_update_index")
    return round(time.perf_counter() - started, 1)


def latency(
    answer: Callable[[Query], None], queries: list[Query], *, rounds: int = ROUNDS
) -> tuple[dict, dict]:
    """Warm-up of WARMUP queries, then `rounds` rounds of the mix: overall, per kind, and
    over Wagtail's job (the mix without related practices, which Wagtail cannot answer)."""
    for number in range(WARMUP):
        answer(queries[number % len(queries)])
    times: list[float] = []
    by_kind: dict[str, list[float]] = {}
    for _round in range(rounds):
        for query in queries:
            started = time.perf_counter()
            answer(query)
            elapsed = (time.perf_counter() - started) * 1000
            times.append(elapsed)
            by_kind.setdefault(query.kind, []).append(elapsed)
    kinds = {kind: summary(values) for kind, values in by_kind.items()}
    wagtail_job = [t for kind, values in by_kind.items() if kind != "related" for t in values]
    if "related" in by_kind and wagtail_job:
        kinds["wagtail-job"] = summary(wagtail_job)
    return summary(times), kinds


def latencies(n: int, only: set[str] | None = None) -> list[dict]:
    """Every system's latency on the mix (`only`: just these systems)."""
    search_only = [query for query in MIX if query.is_search]
    no_related = [query for query in MIX if query.kind != "related"]
    plan = [
        ("api", systems.api_system, list(MIX)),
        ("api-cached", systems.api_system, list(MIX)),
        ("http", lambda: systems.http_system(BASE_URL), list(MIX)),
        ("html", systems.html_system, search_only),
        ("raw", systems.raw_system, list(MIX)),
        ("wagtail", systems.wagtail_system, no_related),
    ]
    rows = []
    plan = [step for step in plan if only is None or step[0] in only]
    for system, make, queries in plan:
        with override_settings(SEARCH_RESPONSE_CACHE=system == "api-cached"):
            overall, kinds = latency(make(), queries)
        rows.append({"n": n, "system": system, **overall, "kinds": kinds, **load_now()})
        print(f"  {system}: {overall}", flush=True)
    if only is not None and "database" not in only:
        return rows
    with systems.database_engine_answering(), override_settings(SEARCH_RESPONSE_CACHE=False):
        overall, kinds = latency(
            systems.api_system(engine="database"), list(MIX), rounds=DATABASE_ROUNDS
        )
    rows.append({"n": n, "system": "database", **overall, "kinds": kinds, **load_now()})
    print(f"  database: {overall}", flush=True)
    return rows


def measure_again(n: int, only: set[str]) -> list[dict]:
    """BENCH_SYSTEMS=wagtail,raw,…: the latency of just these systems on the catalogue as
    it is (both indexes brought up to date first if they hold another size), nothing else."""
    print(f"== {n} practices, again: {', '.join(sorted(only))}", flush=True)
    if catalogue_prepare(n) is not None:
        raise RuntimeError("the catalogue had to be generated: run the whole benchmark first")
    client = elasticsearch_client()
    if not client.indices.exists(index=index_alias()) or (
        client.count(index=index_alias())["count"] != n
    ):
        manage("search_index", "rebuild")  # an index of another catalogue size
    wagtail_s = wagtail_index() if "wagtail" in only else None
    gunicorn = gunicorn_start(cached=False) if "http" in only else None
    try:
        rows = latencies(n, only)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait()
    for row in rows:
        if row["system"] == "wagtail" and wagtail_s is not None:
            row["wagtail_index_s"] = wagtail_s
    return rows


def publish_searchable() -> dict:
    """Seconds from publish to searchable through the real task worker (PUBLISHES times, each
    on an empty queue): the median and the worst."""
    worker_id = f"benchmark-{os.getpid()}-{int(time.time())}"
    worker = subprocess.Popen(
        [PY, "manage.py", "task_worker", *WORKER, "--worker-id", worker_id],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _worker_started(worker_id)
        drain_s = _queue_drained()
        page = PracticePage.objects.live().order_by("pk").first()
        original = re.sub(r" publicatiemeting\d+", "", page.title)  # left by a killed run
        times = []
        for number in range(PUBLISHES):
            marker = f"publicatiemeting{number}{int(time.time())}"
            times.append(_publish_once(page, original, marker))
            _queue_drained()
        page.title = original
        page.save_revision().publish()
        _queue_drained()
    finally:
        worker.terminate()
        worker.wait()
    return {
        "publish_s": round(statistics.median(times), 2),
        "publish_max_s": round(max(times), 2),
        "publish_count": len(times),
        "queue_drain_s": drain_s,
    }


def _publish_once(page: PracticePage, original: str, marker: str) -> float:
    page.title = f"{original} {marker}"
    started = time.perf_counter()
    page.save_revision().publish()
    client = elasticsearch_client()
    while time.perf_counter() - started < PUBLISH_LIMIT_S:
        found = client.count(index=index_alias(), query={"match": {"title.folded": marker}})
        if found["count"]:
            break
        time.sleep(0.02)
    return time.perf_counter() - started


def _worker_started(worker_id: str, timeout: float = 60) -> None:
    """Wait for the worker's first heartbeat: a publish is not timed while it starts up."""
    from search.models import WorkerHeartbeat

    deadline = time.time() + timeout
    while not WorkerHeartbeat.objects.filter(worker_id=worker_id).exists():
        if time.time() > deadline:
            raise RuntimeError("the task worker did not start")
        time.sleep(0.25)


def _queue_drained(timeout: float = 900) -> float:
    """Wait until the worker has run every queued task (left by loading the corpus, earlier
    runs or the step before), so each publish is measured on its own, not behind a queue.
    Returns the seconds waited; raises if the queue does not drain."""
    from django_tasks_db.models import DBTaskResult

    started = time.perf_counter()

    def waiting() -> bool:
        return DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists()

    while waiting():
        if time.perf_counter() - started > timeout:
            raise RuntimeError(f"the task queue did not drain in {timeout} s")
        time.sleep(0.25)
    return round(time.perf_counter() - started, 1)


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return round(int(status.split("VmRSS:")[1].split()[0]) / 1024, 1)


def memory(gunicorn: subprocess.Popen) -> dict:
    children = Path(f"/proc/{gunicorn.pid}/task/{gunicorn.pid}/children").read_text().split()
    nodes = elasticsearch_client().nodes.stats(metric="jvm")["nodes"]
    heap = [node["jvm"]["mem"] for node in nodes.values()]
    return {
        "gunicorn_worker_rss_mb": [rss_mb(int(pid)) for pid in children],
        "harness_rss_mb": rss_mb(os.getpid()),
        "es_heap_used_mb": round(sum(h["heap_used_in_bytes"] for h in heap) / 2**20),
        "es_heap_max_mb": round(sum(h["heap_max_in_bytes"] for h in heap) / 2**20),
    }


def load_now() -> dict:
    return {"load_1m": round(os.getloadavg()[0], 2)}


def measure(n: int) -> list[dict]:
    print(f"== {n} practices", flush=True)
    prepare_s = catalogue_prepare(n)
    gunicorn = gunicorn_start(cached=False)
    try:
        rebuild = rebuild_under_load()
        print(f"  rebuild: {rebuild}", flush=True)
        wagtail_s = wagtail_index()
        rows = latencies(n)
        publish = publish_searchable()
        print(f"  publish: {publish}", flush=True)
        mem = memory(gunicorn)
        throughput = load.levels(BASE_URL, n, cached=False)
    finally:
        gunicorn.terminate()
        gunicorn.wait()
    gunicorn = gunicorn_start(cached=True)
    try:
        throughput += load.levels(BASE_URL, n, cached=True)
    finally:
        gunicorn.terminate()
        gunicorn.wait()
    extra = {"prepare_s": prepare_s, "wagtail_index_s": wagtail_s, **mem}
    for row in rows:
        if row["system"] == "api":
            row.update(rebuild, **publish, **extra)
    rows += throughput
    return rows


def _key(row: dict) -> tuple:
    return (row["n"], row["system"], row.get("load_test"), row.get("es_nodes", 1))


def results_save(rows: list[dict], *, partial: bool = False) -> None:
    """Replace the figures of the same (n, system, run kind, cluster size) in
    docs/benchmarks.json; `partial` (latency only) keeps the other figures of a row (the
    rebuild, publish and memory figures the whole run attached)."""
    old = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    if partial:
        before = {_key(row): row for row in old}
        rows = [{**before.get(_key(row), {}), **row} for row in rows]
    keys = {_key(row) for row in rows}
    kept = [row for row in old if _key(row) not in keys]
    merged = sorted(kept + rows, key=lambda row: (row["n"], row["system"]))
    RESULTS.write_text(json.dumps(merged, indent=1, ensure_ascii=False) + "\n")


def main() -> None:
    sizes = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,10000").split(",")]
    # A 3-node cluster (ES_NODES=3 scripts/elasticsearch.sh) is reported apart.
    nodes = len(elasticsearch_client().nodes.info()["nodes"])
    only = {name for name in os.environ.get("BENCH_SYSTEMS", "").split(",") if name}
    for n in sizes:
        rows = measure_again(n, only) if only else measure(n)
        for row in rows:
            row["measured_at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
            row["es_nodes"] = nodes
        results_save(rows, partial=bool(only))


if __name__ == "__main__":
    main()
