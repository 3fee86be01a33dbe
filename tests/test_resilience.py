"""A hung or failing engine and a dying worker: the site answers, nothing is lost."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from elastic_transport import ConnectionTimeout

from practices.models import PracticePage
from search.breaker import Gate, SharedBreaker
from search.client import elasticsearch_client, elasticsearch_reset, search_deadline
from search.facets import facet_vocabulary
from search.models import WorkerHeartbeat
from search.query import search_request_build
from search.selectors import database_engine, practice_search
from search.worker import tasks_requeue_abandoned, worker_heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_engine() -> Iterator[str]:
    """A port that accepts connections and never answers, like a frozen (kill -STOP) node."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


def _search():
    return practice_search(search_request_build(text="wijkteam", vocabulary=facet_vocabulary()))


def test_a_hung_engine_costs_one_short_wait_then_none(settings, hung_engine):
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": hung_engine, "TIMEOUT": 1.5}
    elasticsearch_reset()
    try:
        started = time.monotonic()
        first = _search()
        first_wait = time.monotonic() - started
        started = time.monotonic()
        second = _search()
        second_wait = time.monotonic() - started
    finally:
        elasticsearch_reset()
    assert first.engine == second.engine == "database"
    assert first.notice and second.notice
    assert 1.0 < first_wait < 2.0  # the user timeout, no retry
    assert second_wait < 0.5  # the breaker is open: Elasticsearch is not asked


def test_the_breaker_is_shared_between_processes():
    web_1, web_2 = SharedBreaker("test-engine"), SharedBreaker("test-engine")
    web_1.trip()
    assert web_2.gate() is Gate.OPEN  # web_2 never saw a failure itself
    web_1.reset()
    assert web_2.gate() is Gate.CLOSED


def test_after_the_pause_exactly_one_request_probes(monkeypatch):
    web_1, web_2 = SharedBreaker("test-engine"), SharedBreaker("test-engine")
    web_1.trip()
    web_1.reset(shared=False)  # forget the local memory: only the shared state counts
    later = timezone.now() + timedelta(seconds=11)
    monkeypatch.setattr("search.breaker.timezone.now", lambda: later)
    assert web_1.gate() is Gate.PROBE
    assert web_2.gate() is Gate.OPEN
    web_1.reset()
    assert web_2.gate() is Gate.CLOSED


def _running_task(worker_id: str, started_ago: timedelta) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path="search.tasks.practice_index_sync_task",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
        status="RUNNING",
        started_at=timezone.now() - started_ago,
        worker_ids=[worker_id],
    )


def test_a_task_of_a_killed_worker_goes_back_in_the_queue():
    WorkerHeartbeat.objects.create(worker_id="killed", seen_at=timezone.now() - timedelta(60))
    worker_heartbeat(worker_id="alive")
    orphan = _running_task("killed", timedelta(minutes=1))
    busy = _running_task("alive", timedelta(minutes=5))

    assert tasks_requeue_abandoned() == 1

    orphan.refresh_from_db()
    busy.refresh_from_db()
    assert orphan.status == "READY" and orphan.started_at is None
    assert DBTaskResult.objects.ready().filter(pk=orphan.pk).exists()
    assert busy.status == "RUNNING"


def test_a_task_of_a_worker_without_heartbeat_gets_a_long_lease():
    recent = _running_task("plain-db-worker", timedelta(minutes=2))
    old = _running_task("plain-db-worker", timedelta(minutes=20))
    assert tasks_requeue_abandoned() == 1
    recent.refresh_from_db()
    old.refresh_from_db()
    assert (recent.status, old.status) == ("RUNNING", "READY")


def test_all_calls_of_one_search_share_one_time_budget(settings, hung_engine):
    """A per-call timeout of 30 s, but a budget of 0.5 s for the search: the first call
    gives up within the budget, the next one is not even sent."""
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": hung_engine, "TIMEOUT": 30}
    elasticsearch_reset()
    client = elasticsearch_client()
    errors = []
    started = time.monotonic()
    try:
        with search_deadline(0.5):
            for _ in range(2):
                with pytest.raises(ConnectionTimeout) as raised:
                    client.count(index="wwdw-test-practices")
                errors.append(raised.value.message)
    finally:
        elasticsearch_reset()
    assert time.monotonic() - started < 10  # not 2 × 30 s
    assert "budget" not in errors[0] and "budget" in errors[1]


@pytest.fixture
def refused_engine() -> str:
    """A port nobody listens on: Elasticsearch stopped."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_the_stand_in_shares_answers_until_the_catalogue_changes(
    settings, refused_engine, monkeypatch
):
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": refused_engine}
    elasticsearch_reset()
    asked = []
    original = database_engine.search
    monkeypatch.setattr(
        database_engine, "search", lambda request: asked.append(request) or original(request)
    )
    try:
        first, again = _search(), _search()
        assert first.engine == again.engine == "database" and again.notice
        assert len(asked) == 1  # the second user got the first one's answer
        assert [hit.title for hit in again.hits] == [hit.title for hit in first.hits]

        PracticePage.objects.get(pk=first.hits[0].page_id).unpublish()
        after_unpublish = _search()
    finally:
        elasticsearch_reset()
    assert len(asked) == 2  # an editor's unpublish during the outage shows at once
    assert first.hits[0].page_id not in [hit.page_id for hit in after_unpublish.hits]
