"""Background work of the search side, run by the task worker (`manage.py task_worker`)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task
from elasticsearch import ApiError, TransportError

from search.admin_index import admin_index_sync
from search.services import practice_index_sync

logger = logging.getLogger(__name__)

# Retries back off 2, 4, 8 … seconds up to 5 minutes: about an hour in all, enough to ride
# out an Elasticsearch restart. Whatever is still out of step after that, `search_index
# verify --repair` finds and fixes.
MAX_ATTEMPTS = 15
MAX_DELAY_SECONDS = 300


def retry_delay(attempt: int) -> timedelta:
    return timedelta(seconds=min(2**attempt, MAX_DELAY_SECONDS))


def _retry_later(task_: Task, args: tuple, attempt: int, error: Exception, what: str) -> str:
    """Enqueue `task_` again after a backoff, or re-raise once the attempts are used up."""
    if attempt >= MAX_ATTEMPTS or not task_.get_backend().supports_defer:
        logger.error("%s failed for good: %s", what, error)
        raise error
    delay = retry_delay(attempt)
    logger.warning(
        "%s failed (attempt %s), retrying in %ss: %s",
        what,
        attempt,
        int(delay.total_seconds()),
        error,
    )
    task_.using(run_after=timezone.now() + delay).enqueue(*args, attempt + 1)
    return "retrying"


# Ahead of Wagtail's own tasks (admin index, references) that a publish queues too: what
# the public searches should be searchable first.
PUBLIC_INDEX_PRIORITY = 10


@task(priority=PUBLIC_INDEX_PRIORITY)
def practice_index_sync_task(page_id: int, attempt: int = 1) -> str:
    """Bring one page's Elasticsearch document in step with the database, retrying on failure."""
    try:
        return practice_index_sync(page_id)
    except (ApiError, TransportError) as error:
        return _retry_later(
            practice_index_sync_task, (page_id,), attempt, error, f"Index update of page {page_id}"
        )


@task()
def admin_index_sync_task(app_label: str, model_name: str, pk: str, attempt: int = 1) -> str:
    """Bring one object in Wagtail's admin index in step with the database, with retries."""
    try:
        return admin_index_sync(app_label, model_name, pk)
    except (ApiError, TransportError) as error:
        return _retry_later(
            admin_index_sync_task,
            (app_label, model_name, pk),
            attempt,
            error,
            f"Admin index update of {app_label}.{model_name} {pk}",
        )
