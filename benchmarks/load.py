"""Throughput: locust (headless) against gunicorn on 127.0.0.1, one short run per level of
concurrent users; and the same load with Elasticsearch stopped halfway (the database engine
takes over), at the largest catalogue size of the run."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEVELS = [int(u) for u in os.environ.get("BENCH_USERS", "1,2,4,8").split(",")]
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "15"))
FAILOVER_SECONDS = int(os.environ.get("BENCH_FAILOVER_SECONDS", "40"))
P95_BAR_MS = 100


def _locust(base_url: str, users: int, seconds: int, prefix: str) -> None:
    """One headless run; the locustfile writes the response cache's hits to PREFIX_cache.json."""
    subprocess.run(
        [
            *(ROOT / ".venv/bin/locust", "-f", "benchmarks/locustfile.py", "--headless"),
            *("-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", base_url),
            *("--csv", prefix, "--csv-full-history", "--only-summary", "--loglevel", "WARNING"),
        ],
        cwd=ROOT,
        check=False,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "BENCH_CACHE_FILE": f"{prefix}_cache.json"},
    )


def _aggregated(prefix: str) -> dict:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["Name"] == "Aggregated")
    cache = json.loads(Path(f"{prefix}_cache.json").read_text())
    looked_up = cache["hit"] + cache["miss"]
    return {
        "cache_hit_rate": round(cache["hit"] / looked_up, 3) if looked_up else None,
        "throughput_rps": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
    }


def levels(base_url: str, n: int, *, cached: bool) -> list[dict]:
    """One row per level, and which level is the highest with p95 ≤ 100 ms. Without the
    response cache, also the failover run at the largest size."""
    rows = []
    label = "cached" if cached else "uncached"
    with tempfile.TemporaryDirectory() as directory:
        for users in LEVELS:
            prefix = f"{directory}/u{users}"
            _locust(base_url, users, SECONDS, prefix)
            row = {"n": n, "system": "http", "load_test": f"{label}, {users} users"}
            row["users"] = users
            row.update(_aggregated(prefix), load_1m=round(os.getloadavg()[0], 2))
            print(f"  load {users} users: {row}", flush=True)
            rows.append(row)
    within = [row for row in rows if row["p95_ms"] <= P95_BAR_MS and not row["errors"]]
    if within:
        best = max(within, key=lambda row: row["throughput_rps"])
        best["capacity"] = True
    largest = max(int(s) for s in os.environ.get("BENCH_SIZES", str(n)).split(","))
    if n == largest and not cached:
        rows.append(failover(base_url, n, users=max(LEVELS)))
    return rows


def _second_half(prefix: str, stopped_at: float) -> dict:
    """Requests/s and failures after Elasticsearch was stopped (from the stats history)."""
    with open(f"{prefix}_stats_history.csv", newline="") as handle:
        history = [r for r in csv.DictReader(handle) if r["Name"] == "Aggregated"]
    after = [r for r in history if int(r["Timestamp"]) >= stopped_at]
    if len(after) < 2:
        return {}
    first, last = after[0], after[-1]
    seconds = max(1, int(last["Timestamp"]) - int(first["Timestamp"]))
    done = int(last["Total Request Count"]) - int(first["Total Request Count"])
    return {
        "after_stop_rps": round(done / seconds, 1),
        "after_stop_errors": int(last["Total Failure Count"]) - int(first["Total Failure Count"]),
    }


def failover(base_url: str, n: int, *, users: int) -> dict:
    """The same load for FAILOVER_SECONDS; Elasticsearch is stopped halfway, then restarted."""
    stopped_at: list[float] = []

    def stop_halfway() -> None:
        time.sleep(FAILOVER_SECONDS / 2)
        stopped_at.append(time.time())
        subprocess.run([ROOT / "scripts/elasticsearch.sh", "stop"], cwd=ROOT, check=False)

    with tempfile.TemporaryDirectory() as directory:
        prefix = f"{directory}/failover"
        stopper = threading.Thread(target=stop_halfway)
        stopper.start()
        _locust(base_url, users, FAILOVER_SECONDS, prefix)
        stopper.join()
        row = {"n": n, "system": "http", "load_test": "elasticsearch stopped halfway"}
        row.update(_aggregated(prefix), users=users, **_second_half(prefix, stopped_at[0]))
    subprocess.run([ROOT / "scripts/elasticsearch.sh", "start"], cwd=ROOT, check=True)
    print(f"  failover: {row}", file=sys.stdout, flush=True)
    return row
