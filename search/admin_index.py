"""Wagtail's own admin search index (modelsearch), kept in step like ours: through tasks.

modelsearch writes its index from a signal and swallows Elasticsearch errors, so a change
made while Elasticsearch is down never reaches the admin search. With AUTO_UPDATE off
(settings), these functions do that job from the task queue, where failures are retried
(search/tasks.py), and `admin_index_verify` finds pages the admin index lacks or has wrong.
"""

from __future__ import annotations

from typing import Literal

from django.apps import apps
from django.db import models
from elasticsearch import helpers
from modelsearch import index as modelsearch_index
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from search.client import elasticsearch_configured
from search.indexing import Drift

AdminSyncAction = Literal["indexed", "removed", "skipped"]
ADMIN_ENGINE = "wagtail-admin"


def admin_indexed_models() -> list[type[models.Model]]:
    return [
        model
        for model in modelsearch_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]


def admin_index_sync(app_label: str, model_name: str, pk: str) -> AdminSyncAction:
    """Write (or remove) one object in Wagtail's admin index; Elasticsearch errors propagate."""
    if not elasticsearch_configured():
        return "skipped"
    model = apps.get_model(app_label, model_name)
    backend = get_search_backend()
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        backend.delete(model(pk=pk))
        return "removed"
    indexed = modelsearch_index.get_indexed_instance(obj)
    if indexed is None:
        return "skipped"
    backend.add(indexed)
    return "indexed"


def admin_index_verify() -> Drift:
    """Compare the pages in Wagtail's admin index with the page tree (id and title)."""
    backend = get_search_backend()
    index = backend.get_index_for_model(Page)
    client = index.es
    client.indices.refresh(index=index.name)
    indexed = {
        int(hit["_id"]): hit["_source"].get("title")
        for hit in helpers.scan(
            client,
            index=index.name,
            query={"query": {"match_all": {}}, "_source": ["title"]},
            size=1000,
        )
    }
    pages = dict(Page.objects.values_list("pk", "title"))
    return Drift(
        engine=ADMIN_ENGINE,
        missing=sorted(set(pages) - set(indexed)),
        stale=sorted(pk for pk, title in indexed.items() if pk in pages and pages[pk] != title),
        extra=sorted(set(indexed) - set(pages)),
    )


def admin_index_repair(drift: Drift) -> int:
    page_ids = drift.page_ids()
    for pk in page_ids:
        page = Page.objects.filter(pk=pk).first()
        model = page.specific_class if page is not None else Page
        admin_index_sync(model._meta.app_label, model._meta.model_name, str(pk))
    return len(page_ids)
