"""Fault scenarios against the running stack; `scripts/faults.sh` starts the stack and this.

Each scenario runs a few search clients on 127.0.0.1 (search, suggest), injects one fault,
publishes updates while the fault lasts, recovers, then waits for the index to catch up and
checks: zero 5xx on search, no search request over 2 s where the bar says so, zero lost
updates (every update's text is in its Elasticsearch document) and zero drift (`search_index
verify`, comparing content, on all three indexes). Results go to stdout as a table row and
to var/faults/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
django.setup()

from django.db import close_old_connections, connections  # noqa: E402
from django.db.utils import DatabaseError  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from practices.models import PracticePage  # noqa: E402
from search.admin_index import admin_index_verify  # noqa: E402
from search.client import elasticsearch_index_client  # noqa: E402
from search.documents import index_alias  # noqa: E402
from search.indexing import entries_verify, index_verify  # noqa: E402

QUERIES = [
    "wijkteam",
    "bewonersbedrijf",
    "frontlijnsturing",
    "veiligheid",
    "wijkonderneming",
    "crowdfunding",
    "gezondheid",
    "buurtbemiddeling",
    "bewonersbedrijven",
    "wijkbedrjif",
]
LATENCY_BAR = 2.0


@dataclass
class Stats:
    scenario: str
    requests: int = 0
    server_errors: int = 0  # 5xx on search and suggest
    failed: int = 0  # no answer at all (connection refused/reset, client timeout)
    fallback: int = 0  # answered by the database engine
    worst_latency: float = 0.0
    over_bar: int = 0  # requests slower than 2 s while the engine is stopped or hung
    # Elasticsearch's own restart (a JVM booting on the same 2 cores as the site) slows every
    # request on a one-machine stack; that phase is reported, not held to the 2 s bar.
    restarting: bool = False
    worst_latency_restart: float = 0.0
    pages_5xx: int = 0  # practice pages (need the database; reported, not asserted)
    updates: int = 0
    lost_updates: int = -1
    drift: int = -1
    recovery_seconds: float = -1.0
    notes: list[str] = field(default_factory=list)


class Load:
    """A few clients asking searches and suggestions, counting what users would see."""

    def __init__(self, base: str, stats: Stats, clients: int) -> None:
        self.base, self.stats, self.clients = base, stats, clients
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._client, args=(i,)) for i in range(clients)]

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def _client(self, number: int) -> None:
        rng = random.Random(number)
        while not self.stop.is_set():
            query = rng.choice(QUERIES)
            roll = rng.random()
            if roll < 0.6:
                self._get(f"/api/v1/search?q={query}", search=True)
            elif roll < 0.9:
                self._get(f"/api/v1/suggest?q={query[:5]}", search=True)
            else:
                self._get("/praktijken/wijkbedrijf-selwerd-groningen/", search=False)
            time.sleep(0.02)

    def _get(self, path: str, *, search: bool) -> None:
        started = time.monotonic()
        status, body = 0, b""
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = 0
        elapsed = time.monotonic() - started
        with self.lock:
            self._count(status, body, elapsed, search=search)

    def _count(self, status: int, body: bytes, elapsed: float, *, search: bool) -> None:
        stats = self.stats
        if not search:
            stats.pages_5xx += status >= 500
            return
        stats.requests += 1
        stats.server_errors += status >= 500
        stats.failed += status == 0
        if stats.restarting:
            stats.worst_latency_restart = max(stats.worst_latency_restart, elapsed)
        else:
            stats.worst_latency = max(stats.worst_latency, elapsed)
            stats.over_bar += elapsed > LATENCY_BAR
        stats.fallback += b'"engine": "database"' in body or b'"engine":"database"' in body


def db_retry(action, *, seconds: float = 60.0):
    """Run a database action, retrying while PostgreSQL is away (as an editor would)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            close_old_connections()
            return action()
        except DatabaseError:
            for conn in connections.all(initialized_only=True):
                conn.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


class Updates:
    """Edits published while a fault lasts; each puts a unique word on its own page."""

    def __init__(self, scenario: str) -> None:
        self.scenario = scenario
        self.made: dict[int, str] = {}

    def publish(self, count: int) -> None:
        pages = db_retry(lambda: list(PracticePage.objects.live().order_by("pk")))
        for page in random.sample(pages, count):
            word = f"fout{self.scenario.replace('-', '')}{len(self.made)}x{random.randrange(10**6)}"

            def edit(page_id: int = page.pk, word: str = word) -> None:
                fresh = PracticePage.objects.get(pk=page_id)
                fresh.wijk = f"Proefwijk {word}"
                fresh.save_revision().publish()

            db_retry(edit)
            self.made[page.pk] = word

    def lost(self) -> list[int]:
        client = elasticsearch_index_client()
        client.indices.refresh(index=index_alias())
        lost = []
        for page_id, word in self.made.items():
            source = client.options(ignore_status=404).get(index=index_alias(), id=str(page_id))
            if word not in json.dumps(source.body.get("_source", {})):
                lost.append(page_id)
        return lost


def drift_total() -> int:
    return sum(d.total for d in (entries_verify(), index_verify(), admin_index_verify()))


def wait_for_recovery(stats: Stats, updates: Updates, timeout: float) -> None:
    started = time.monotonic()
    while True:
        try:
            lost, drift = updates.lost(), drift_total()
        except Exception as error:  # the engine may still be starting
            lost, drift = list(updates.made), -1
            stats.notes.append(f"verify not yet possible: {error.__class__.__name__}")
        if (not lost and drift == 0) or time.monotonic() - started > timeout:
            break
        time.sleep(2)
    stats.lost_updates, stats.drift = len(lost), drift
    stats.recovery_seconds = round(time.monotonic() - started, 1)


class Stack:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args

    def es_pid(self) -> int:
        return int(Path(self.args.es_pidfile).read_text().strip())

    def worker_pid(self) -> int:
        return int(Path(self.args.worker_pidfile).read_text().strip())

    def script(self, *command: str) -> None:
        subprocess.run(["bash", *command], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    def es_healthy(self) -> bool:
        try:
            url = os.environ["ELASTICSEARCH_URL"] + "/_cluster/health"
            with urllib.request.urlopen(url, timeout=1) as response:
                return b'"status":"red"' not in response.read()
        except OSError:
            return False


def scenario_es_stop(stack: Stack, stats: Stats, updates: Updates) -> None:
    os.kill(stack.es_pid(), signal.SIGTERM)
    while stack.es_healthy():
        time.sleep(0.2)
    updates.publish(stack.args.updates)
    time.sleep(stack.args.fault_seconds)
    stats.restarting = True
    stack.script("scripts/elasticsearch.sh", "start")
    stats.restarting = False


def scenario_es_hang(stack: Stack, stats: Stats, updates: Updates) -> None:
    pid = stack.es_pid()
    os.kill(pid, signal.SIGSTOP)
    try:
        updates.publish(stack.args.updates)
        time.sleep(stack.args.fault_seconds)
    finally:
        os.kill(pid, signal.SIGCONT)


def scenario_worker_kill(stack: Stack, stats: Stats, updates: Updates) -> None:
    """kill -9 the worker in the middle of a task (it hangs on a frozen Elasticsearch)."""
    es = stack.es_pid()
    os.kill(es, signal.SIGSTOP)
    try:
        updates.publish(1)
        deadline = time.monotonic() + 20
        while not DBTaskResult.objects.running().exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        running = DBTaskResult.objects.running().count()
        victim = stack.worker_pid()
        os.kill(victim, signal.SIGKILL)
        stats.notes.append(f"killed worker pid {victim} while {running} task(s) ran")
        updates.publish(stack.args.updates - 1)
    finally:
        os.kill(es, signal.SIGCONT)
    deadline = time.monotonic() + 15
    while stack.worker_pid() == victim and time.monotonic() < deadline:
        time.sleep(0.2)
    stats.notes.append(f"worker back as pid {stack.worker_pid()}")


def scenario_pg_restart(stack: Stack, stats: Stats, updates: Updates) -> None:
    before = stack.worker_pid()
    connections.close_all()
    started = time.monotonic()
    stack.script("scripts/postgres.sh", "stop")
    time.sleep(stack.args.fault_seconds / 2)
    stack.script("scripts/postgres.sh", "start")
    stats.notes.append(f"PostgreSQL away {time.monotonic() - started:.1f} s")
    updates.publish(stack.args.updates)
    same = "same" if stack.worker_pid() == before else "restarted"
    stats.notes.append(f"worker pid {same} ({before} → {stack.worker_pid()})")


SCENARIOS = {
    "es-stop": scenario_es_stop,
    "es-hang": scenario_es_hang,
    "worker-kill": scenario_worker_kill,
    "pg-restart": scenario_pg_restart,
}


def run(name: str, stack: Stack) -> Stats:
    stats, updates = Stats(scenario=name), Updates(name)
    with Load(stack.args.base_url, stats, stack.args.clients):
        time.sleep(stack.args.warmup_seconds)
        SCENARIOS[name](stack, stats, updates)
        time.sleep(stack.args.after_seconds)
    stats.updates = len(updates.made)
    wait_for_recovery(stats, updates, stack.args.recovery_timeout)
    stats.worst_latency = round(stats.worst_latency, 3)
    stats.worst_latency_restart = round(stats.worst_latency_restart, 3)
    return stats


def failures(stats: Stats) -> list[str]:
    problems = []
    if stats.server_errors or stats.failed:
        problems.append(f"{stats.server_errors} 5xx and {stats.failed} unanswered searches")
    if stats.scenario in {"es-stop", "es-hang"} and stats.over_bar:
        problems.append(f"{stats.over_bar} searches over {LATENCY_BAR} s")
    if stats.lost_updates:
        problems.append(f"{stats.lost_updates} lost updates")
    if stats.drift:
        problems.append(f"drift {stats.drift} after recovery")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenarios", nargs="+", choices=sorted(SCENARIOS))
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--es-pidfile", required=True)
    parser.add_argument("--worker-pidfile", required=True)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--updates", type=int, default=5)
    parser.add_argument("--warmup-seconds", type=float, default=3)
    parser.add_argument("--fault-seconds", type=float, default=8)
    parser.add_argument("--after-seconds", type=float, default=5)
    parser.add_argument("--recovery-timeout", type=float, default=150)
    parser.add_argument("--output", type=Path, default=ROOT / "var" / "faults" / "results.json")
    args = parser.parse_args()
    stack, results, failed = Stack(args), [], False
    for name in args.scenarios:
        stats = run(name, stack)
        problems = failures(stats)
        failed |= bool(problems)
        results.append({**asdict(stats), "problems": problems})
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
