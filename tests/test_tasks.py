"""Index updates run as background tasks and are retried when Elasticsearch fails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from elasticsearch import ConnectionError as ElasticsearchConnectionError

from search import tasks
from search.tasks import MAX_ATTEMPTS, practice_index_sync_task, retry_delay


class _DeferringBackend:
    """Stands in for the database task backend: records what would be enqueued."""

    supports_defer = True

    def __init__(self) -> None:
        self.enqueued: list[tuple] = []

    def validate_task(self, task) -> None:
        pass

    def enqueue(self, task, args, kwargs):
        self.enqueued.append((task.run_after, args, kwargs))


@pytest.fixture
def backend(monkeypatch) -> _DeferringBackend:
    fake = _DeferringBackend()
    monkeypatch.setattr(type(practice_index_sync_task), "get_backend", lambda self: fake)
    return fake


def _failing(page_id: int) -> str:
    raise ElasticsearchConnectionError("connection refused")


def test_a_failed_update_is_enqueued_again_with_backoff(monkeypatch, backend):
    monkeypatch.setattr(tasks, "practice_index_sync", _failing)
    before = timezone.now()
    assert practice_index_sync_task.call(42, 3) == "retrying"
    ((run_after, args, _),) = backend.enqueued
    assert args == (42, 4)
    assert before + timedelta(seconds=8) <= run_after <= timezone.now() + timedelta(seconds=8)


def test_the_last_attempt_gives_up_with_the_error(monkeypatch, backend):
    monkeypatch.setattr(tasks, "practice_index_sync", _failing)
    with pytest.raises(ElasticsearchConnectionError):
        practice_index_sync_task.call(42, MAX_ATTEMPTS)
    assert backend.enqueued == []


def test_backoff_doubles_and_is_capped():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [2, 4, 8]
    assert retry_delay(20) == timedelta(minutes=5)


def test_a_successful_update_is_not_retried(monkeypatch, backend):
    monkeypatch.setattr(tasks, "practice_index_sync", lambda page_id: "indexed")
    assert practice_index_sync_task.call(42) == "indexed"
    assert backend.enqueued == []


@pytest.mark.django_db
def test_a_published_practice_is_indexed_before_wagtails_own_tasks_queued_before_it(settings):
    """A publish queues Wagtail's reference and admin-index tasks too; the public index
    update runs first, so publish → searchable does not wait behind them."""
    from django_tasks_db.models import DBTaskResult
    from wagtail.tasks import update_reference_index_task

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    update_reference_index_task.enqueue("wagtailcore", "page", "1")
    tasks.admin_index_sync_task.enqueue("practices", "practicepage", "1")
    practice_index_sync_task.enqueue(1)
    first = DBTaskResult.objects.ready().first()
    assert first.task_path == "search.tasks.practice_index_sync_task"
