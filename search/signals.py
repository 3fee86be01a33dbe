"""Keep the search indexes in step with the pages: editor saves → page published → index.

The database engine's entry is written at once, in the same transaction as the change; the
Elasticsearch document is updated by a background task once the transaction commits.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import PracticePage
from practices.taxonomy import TAXONOMY
from search.admin_index import admin_indexed_models
from search.facets import facet_vocabulary_clear
from search.services import search_entry_refresh
from search.tasks import admin_index_sync_task, practice_index_sync_task

_deferred = threading.local()


@contextmanager
def index_updates_deferred() -> Iterator[None]:
    """For bulk jobs that rebuild both indexes themselves afterwards (removing thousands of
    generated practices): no entry refresh and no index task per page meanwhile."""
    _deferred.on = True
    try:
        yield
    finally:
        _deferred.on = False


def _deferring() -> bool:
    return getattr(_deferred, "on", False)


def _enqueue_index_sync(page_id: int) -> None:
    if _deferring():
        return
    # Always enqueued: whether Elasticsearch is configured is the worker's business, and a
    # process without ELASTICSEARCH_URL (a shell, a script) must not skip the update.
    transaction.on_commit(lambda: practice_index_sync_task.enqueue(page_id))


def practice_changed(page_id: int) -> None:
    if _deferring():
        return
    search_entry_refresh(page_id)
    _enqueue_index_sync(page_id)


def _on_publish_or_unpublish(sender, instance, **kwargs) -> None:
    practice_changed(instance.pk)


def _on_move(sender, instance, **kwargs) -> None:
    # A move changes the URL of the page and of everything below it.
    moved = instance.get_descendants(inclusive=True).type(PracticePage).live()
    for page_id in moved.values_list("pk", flat=True):
        practice_changed(page_id)


def _on_delete(sender, instance, **kwargs) -> None:
    _enqueue_index_sync(instance.pk)


def _on_category_saved(sender, instance, **kwargs) -> None:
    """A renamed theme or city changes labels and searchable text of its practices."""
    facet_vocabulary_clear()
    if kwargs.get("created"):
        return
    for page_id in instance.practices.live().values_list("pk", flat=True):
        practice_changed(page_id)


def _on_category_deleted(sender, instance, **kwargs) -> None:
    facet_vocabulary_clear()


def _on_admin_indexed_change(sender, instance, **kwargs) -> None:
    """Wagtail's admin index follows every indexed model through the queue, with retries."""
    if kwargs.get("raw") or _deferring():
        return
    meta = instance._meta
    args = (meta.app_label, meta.model_name, str(instance.pk))
    transaction.on_commit(lambda: admin_index_sync_task.enqueue(*args))


def connect() -> None:
    page_published.connect(
        _on_publish_or_unpublish, sender=PracticePage, dispatch_uid="search-published"
    )
    page_unpublished.connect(
        _on_publish_or_unpublish, sender=PracticePage, dispatch_uid="search-unpublished"
    )
    post_page_move.connect(_on_move, dispatch_uid="search-moved")
    post_delete.connect(_on_delete, sender=PracticePage, dispatch_uid="search-deleted")
    for model in admin_indexed_models():
        uid = f"admin-index-{model._meta.label_lower}"
        post_save.connect(_on_admin_indexed_change, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_admin_indexed_change, sender=model, dispatch_uid=f"{uid}-del")
    for kind in TAXONOMY:
        post_save.connect(_on_category_saved, sender=kind.model, dispatch_uid=f"search-{kind}")
        post_delete.connect(
            _on_category_deleted, sender=kind.model, dispatch_uid=f"search-deleted-{kind}"
        )
