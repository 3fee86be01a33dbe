"""Fault scenarios against the running stack; `scripts/faults.sh` starts the stack and this.

Each scenario runs a few search clients on 127.0.0.1 (search, suggest), injects one fault,
publishes updates while the fault lasts, recovers, then waits for the index to catch up and
checks: zero 5xx on search, no search request over 2 s where the bar says so, zero lost
updates (every update's text is in its Elasticsearch document) and zero drift (`search_index
verify`, comparing content, on all three indexes). Results go to stdout as a table row and
to var/faults/results.json, with every request over 1 s: its phase, its request id and the
site's own account of where the time went (from the site's log).

Fast scenarios (in `make test`): es-stop, es-hang, worker-kill, pg-restart. Long ones:
es-kill-rebuild (Elasticsearch killed while a rebuild fills its new index) and node-kill
(a 3-node cluster loses the node holding the primary; scripts/faults.sh starts the cluster).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

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
from search.documents import index_alias, index_pattern  # noqa: E402
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
    worst_latency_restart: float = 0.0
    slow: list[dict] = field(default_factory=list)  # requests over 1 s: phase, request id
    problems: list[str] = field(default_factory=list)  # found by the scenario itself
    pages_5xx: int = 0  # practice pages (need the database; reported, not asserted) ...
    pages_503: int = 0  # ... of which a 503 "even niet bereikbaar" with Retry-After
    # Practice pages do not touch the search engines: when they are slow at the same time as
    # searches, the whole machine stalled (CPU), not the fallback. Reported, not asserted.
    worst_page: float = 0.0
    updates: int = 0
    lost_updates: int = -1
    drift: int = -1
    recovery_seconds: float = -1.0
    notes: list[str] = field(default_factory=list)


PHASES = ("warmup", "fault", "restart", "after")
SLOW_SECONDS = 1.0  # requests slower than this are listed with their phase and request id


class Record(NamedTuple):
    search: bool  # search or suggestion (held to the bars), else a practice page
    status: int  # 0: no answer
    elapsed: float
    fallback: bool  # answered by the database engine
    phases: tuple[str, ...]  # the phases the request overlapped
    started: float  # time.monotonic() (one clock for all processes)
    path: str
    request_id: str


def _client(base: str, number: int, stop, phase, out) -> None:
    """One client (its own process, so the editors' publishing in the parent cannot slow
    its clock): searches (60 %), suggestions (30 %), a practice page (10 %), no pause."""
    rng = random.Random(number)
    records = []
    while not stop.is_set():
        query = rng.choice(QUERIES)
        roll = rng.random()
        if roll < 0.6:
            path, search = f"/api/v1/search?q={query}", True
        elif roll < 0.9:
            path, search = f"/api/v1/suggest?q={query[:5]}", True
        else:
            path, search = "/praktijken/wijkbedrijf-selwerd-groningen/", False
        phase_before, started = phase.value, time.monotonic()
        status, body, request_id = 0, b"", ""
        try:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                status, body = response.status, response.read()
                request_id = response.headers.get("X-Request-ID", "")
        except urllib.error.HTTPError as error:
            status, request_id = error.code, error.headers.get("X-Request-ID", "")
        except OSError:
            status = 0
        elapsed = time.monotonic() - started
        fallback = b'"engine": "database"' in body or b'"engine":"database"' in body
        phases = tuple(sorted({PHASES[phase_before], PHASES[phase.value]}))
        records.append(Record(search, status, elapsed, fallback, phases, started, path, request_id))
        time.sleep(0.02)
    out.put(records)


class Load:
    """A few client processes asking searches and suggestions, counting what users would see."""

    def __init__(self, base: str, stats: Stats, clients: int) -> None:
        self.stats = stats
        context = multiprocessing.get_context("fork")
        self.stop, self.phase, self.out = context.Event(), context.Value("i", 0), context.Queue()
        self.started = time.monotonic()
        self.fault_started = self.started
        self.processes = [
            context.Process(target=_client, args=(base, i, self.stop, self.phase, self.out))
            for i in range(clients)
        ]

    def set_phase(self, name: str) -> None:
        if name == "fault":
            self.fault_started = time.monotonic()
        self.phase.value = PHASES.index(name)

    def __enter__(self) -> Load:
        connections.close_all()  # the clients are forked: no shared database connection
        for process in self.processes:
            process.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        records = [row for _ in self.processes for row in self.out.get(timeout=60)]
        for process in self.processes:
            process.join()
        for record in sorted(records, key=lambda record: record.started):
            self._count(record)

    def _count(self, record: Record) -> None:
        stats, elapsed = self.stats, record.elapsed
        if not record.search:
            stats.pages_5xx += record.status >= 500
            stats.pages_503 += record.status == 503
            stats.worst_page = max(stats.worst_page, round(elapsed, 3))
            return
        stats.requests += 1
        stats.server_errors += record.status >= 500
        stats.failed += record.status == 0
        stats.fallback += record.fallback
        if "restart" in record.phases:
            stats.worst_latency_restart = max(stats.worst_latency_restart, elapsed)
        else:
            stats.worst_latency = max(stats.worst_latency, elapsed)
            stats.over_bar += elapsed > LATENCY_BAR
        if elapsed > SLOW_SECONDS and len(stats.slow) < 40:
            stats.slow.append(
                {
                    "seconds": round(elapsed, 3),
                    "phase": "+".join(record.phases),
                    "at": round(record.started - self.fault_started, 2),  # after the fault began
                    "status": record.status,
                    "engine": "database" if record.fallback else "elasticsearch",
                    "path": record.path,
                    "request_id": record.request_id,
                }
            )


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
        self.load: Load | None = None

    def phase(self, name: str) -> None:
        if self.load is not None:
            self.load.set_phase(name)

    def es_pid(self) -> int:
        return int(Path(self.args.es_pidfile).read_text().strip())

    def worker_pid(self) -> int:
        return int(Path(self.args.worker_pidfile).read_text().strip())

    def script(self, *command: str) -> None:
        subprocess.run(["bash", *command], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    def node_pid(self, port: int) -> int:
        pidfile = Path(self.args.es_pidfile).parent.parent / f"node-{port}" / "elasticsearch.pid"
        return int(pidfile.read_text().strip())

    def es_healthy(self) -> bool:
        try:
            url = os.environ["ELASTICSEARCH_URL"].split(",")[0] + "/_cluster/health"
            with urllib.request.urlopen(url, timeout=1) as response:
                return b'"status":"red"' not in response.read()
        except OSError:
            return False


def scenario_es_stop(stack: Stack, stats: Stats, updates: Updates) -> None:
    stack.phase("fault")
    os.kill(stack.es_pid(), signal.SIGTERM)
    while stack.es_healthy():
        time.sleep(0.2)
    updates.publish(stack.args.updates)
    time.sleep(stack.args.fault_seconds)
    stack.phase("restart")
    stack.script("scripts/elasticsearch.sh", "start")
    stack.phase("after")


def scenario_es_hang(stack: Stack, stats: Stats, updates: Updates) -> None:
    pid = stack.es_pid()
    stack.phase("fault")
    os.kill(pid, signal.SIGSTOP)
    try:
        updates.publish(stack.args.updates)
        time.sleep(stack.args.fault_seconds)
    finally:
        os.kill(pid, signal.SIGCONT)
        stack.phase("after")


def scenario_worker_kill(stack: Stack, stats: Stats, updates: Updates) -> None:
    """kill -9 the worker in the middle of a task (it hangs on a frozen Elasticsearch)."""
    es = stack.es_pid()
    stack.phase("fault")
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
        stack.phase("after")
    deadline = time.monotonic() + 15
    while stack.worker_pid() == victim and time.monotonic() < deadline:
        time.sleep(0.2)
    stats.notes.append(f"worker back as pid {stack.worker_pid()}")


def scenario_pg_restart(stack: Stack, stats: Stats, updates: Updates) -> None:
    before = stack.worker_pid()
    connections.close_all()
    started = time.monotonic()
    stack.phase("fault")
    stack.script("scripts/postgres.sh", "stop")
    time.sleep(stack.args.fault_seconds / 2)
    stack.script("scripts/postgres.sh", "start")
    stats.notes.append(f"PostgreSQL away {time.monotonic() - started:.1f} s")
    stack.phase("after")
    updates.publish(stack.args.updates)
    same = "same" if stack.worker_pid() == before else "restarted"
    stats.notes.append(f"worker pid {same} ({before} → {stack.worker_pid()})")


def _versioned_indices() -> set[str]:
    return set(elasticsearch_index_client().indices.get(index=index_pattern()).body)


def _behind_alias() -> list[str]:
    return sorted(elasticsearch_index_client().indices.get_alias(name=index_alias()).body)


def scenario_es_kill_rebuild(stack: Stack, stats: Stats, updates: Updates) -> None:
    """kill -9 Elasticsearch while `search_index rebuild` fills its new index; restart it;
    the alias must still point at the old index, and the next rebuild must remove the stray."""
    before, serving = _versioned_indices(), _behind_alias()
    rebuild = subprocess.Popen(
        [sys.executable, "manage.py", "search_index", "rebuild"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    new: set[str] = set()
    deadline = time.monotonic() + 120
    while not new and rebuild.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            new = _versioned_indices() - before
        time.sleep(0.05)
    stack.phase("fault")
    os.kill(stack.es_pid(), signal.SIGKILL)
    rebuild.communicate(timeout=120)
    stats.notes.append(
        f"killed Elasticsearch while the rebuild filled {', '.join(sorted(new)) or '?'}; "
        f"the rebuild exited with {rebuild.returncode}"
    )
    updates.publish(stack.args.updates)
    time.sleep(stack.args.fault_seconds)
    stack.phase("restart")
    stack.script("scripts/elasticsearch.sh", "start")
    stack.phase("after")
    after = _behind_alias()
    strays = sorted(_versioned_indices() - set(after))
    stats.notes.append(f"after the restart the alias is on {', '.join(after)}; strays: {strays}")
    if after != serving or not strays:
        stats.problems.append("the kill did not land between index creation and alias swap")
    subprocess.run(
        [sys.executable, "manage.py", "search_index", "rebuild"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    left = sorted(_versioned_indices() - set(_behind_alias()))
    stats.notes.append(f"the next rebuild left strays: {left}")
    if left:
        stats.problems.append(f"strays left after the next rebuild: {left}")


def scenario_node_kill(stack: Stack, stats: Stats, updates: Updates) -> None:
    """kill -9 the node holding the primary of the practice index in a 3-node cluster."""
    client = elasticsearch_index_client()
    shards = client.cat.shards(index=index_alias(), format="json").body
    primary = next(shard for shard in shards if shard["prirep"] == "p")
    port = int(primary["node"].rsplit("-", 1)[1])  # nodes are named wwdw-<port>
    stack.phase("fault")
    os.kill(stack.node_pid(port), signal.SIGKILL)
    stats.notes.append(f"killed node {primary['node']} (primary of {primary['index']})")
    updates.publish(stack.args.updates)
    time.sleep(stack.args.fault_seconds)
    stack.phase("restart")
    stack.script("scripts/elasticsearch.sh", "start")  # starts the missing node again
    stack.phase("after")
    health = client.cluster.health(wait_for_status="green", timeout="25s").body
    stats.notes.append(f"node back; cluster {health['status']} with {health['number_of_nodes']}")


SCENARIOS = {
    "es-stop": scenario_es_stop,
    "es-hang": scenario_es_hang,
    "worker-kill": scenario_worker_kill,
    "pg-restart": scenario_pg_restart,
    "es-kill-rebuild": scenario_es_kill_rebuild,
    "node-kill": scenario_node_kill,
}
# Held to the 2 s bar (outside Elasticsearch's own restart on the same cores).
LATENCY_SCENARIOS = {"es-stop", "es-hang", "es-kill-rebuild", "node-kill"}


def run(name: str, stack: Stack) -> Stats:
    stats, updates = Stats(scenario=name), Updates(name)
    with Load(stack.args.base_url, stats, stack.args.clients) as load:
        stack.load = load
        time.sleep(stack.args.warmup_seconds)
        SCENARIOS[name](stack, stats, updates)
        time.sleep(stack.args.after_seconds)
    stack.load = None
    explain_slow(stats, stack.args.site_log)
    stats.updates = len(updates.made)
    wait_for_recovery(stats, updates, stack.args.recovery_timeout)
    stats.worst_latency = round(stats.worst_latency, 3)
    stats.worst_latency_restart = round(stats.worst_latency_restart, 3)
    return stats


def explain_slow(stats: Stats, site_log: Path | None) -> None:
    """Attach the site's own account of each slow request (search/selectors.py logs where a
    slow answer's time went, under the request id) to the slow requests."""
    if site_log is None or not site_log.exists() or not stats.slow:
        return
    wanted = {entry["request_id"]: entry for entry in stats.slow if entry["request_id"]}
    pattern = re.compile(
        r"\[([A-Za-z0-9._-]{8,64})\] (search\.selectors|website\.middleware): (Slow .*)"
    )
    for line in site_log.read_text(errors="replace").splitlines():
        match = pattern.search(line)
        if match and match.group(1) in wanted:
            part = "server" if match.group(2) == "search.selectors" else "site"
            wanted[match.group(1)][part] = match.group(3)


def failures(stats: Stats) -> list[str]:
    problems = []
    if stats.server_errors or stats.failed:
        problems.append(f"{stats.server_errors} 5xx and {stats.failed} unanswered searches")
    problems.extend(stats.problems)
    if stats.scenario in LATENCY_SCENARIOS and stats.over_bar:
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
    parser.add_argument("--site-log", type=Path, help="the site's log (slow-answer lines)")
    parser.add_argument("--output", type=Path, default=ROOT / "var" / "faults" / "results.json")
    args = parser.parse_args()
    stack, results, failed = Stack(args), [], False
    for name in args.scenarios:
        stats = run(name, stack)
        problems = failures(stats)
        failed |= bool(problems)
        results.append({**asdict(stats), "problems": problems, "load": os.getloadavg()})
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
