"""Background work of the search side, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from elasticsearch import ApiError, TransportError

from search.services import practice_index_sync

logger = logging.getLogger(__name__)

# Retries back off 2, 4, 8 … seconds up to 5 minutes: about an hour in all, enough to ride
# out an Elasticsearch restart. Whatever is still out of step after that, `search_index
# verify --repair` finds and fixes.
MAX_ATTEMPTS = 15
MAX_DELAY_SECONDS = 300


def retry_delay(attempt: int) -> timedelta:
    return timedelta(seconds=min(2**attempt, MAX_DELAY_SECONDS))


@task()
def practice_index_sync_task(page_id: int, attempt: int = 1) -> str:
    """Bring one page's Elasticsearch document in step with the database, retrying on failure."""
    try:
        return practice_index_sync(page_id)
    except (ApiError, TransportError) as error:
        backend = practice_index_sync_task.get_backend()
        if attempt >= MAX_ATTEMPTS or not backend.supports_defer:
            logger.error("Index update of page %s failed for good: %s", page_id, error)
            raise
        delay = retry_delay(attempt)
        logger.warning(
            "Index update of page %s failed (attempt %s), retrying in %ss: %s",
            page_id,
            attempt,
            int(delay.total_seconds()),
            error,
        )
        practice_index_sync_task.using(run_after=timezone.now() + delay).enqueue(
            page_id, attempt + 1
        )
        return "retrying"
