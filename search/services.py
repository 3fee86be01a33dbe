"""Writes of the search side: keep both engines' indexes in step with published pages.

The database engine's entry is written synchronously, inside the publishing transaction;
the Elasticsearch document is written by a background task (search/tasks.py), which calls
`practice_index_sync` here.
"""

from __future__ import annotations

import logging
from typing import Literal

from django.db import transaction

from practices.models import SEARCH_TEXT, PracticePage
from search import lexicon
from search.client import elasticsearch_configured, elasticsearch_index_client
from search.documents import (
    SPELLING_TEXT,
    PracticeDocument,
    index_alias,
    practices_for_indexing,
)
from search.generation import generation_bump
from search.models import SearchEntry
from search.text import index_terms, padded, words

logger = logging.getLogger(__name__)

SyncAction = Literal["indexed", "removed", "skipped"]


def search_entry_for(page: PracticePage, *, texts: dict[str, str] | None = None) -> SearchEntry:
    """The database engine's row for a page (unsaved): the same text Elasticsearch gets
    (`texts`: the page's `search_texts()`, when the caller has them already)."""
    texts = texts if texts is not None else page.search_texts()
    text = "\n".join(texts[name] for name, _weight in SEARCH_TEXT)
    spelling = " ".join(texts[name] for name in SPELLING_TEXT)
    return SearchEntry(
        page_id=page.pk,
        revision_id=page.live_revision_id,
        title_terms=padded(index_terms(page.title)),
        terms=padded(index_terms(text)),
        words=padded(words(spelling)),
    )


def search_entry_refresh(page_id: int) -> SyncAction:
    """Write or remove the database engine's entry for a page, as it now is."""
    page = practices_for_indexing().filter(pk=page_id).first()
    if page is None:
        SearchEntry.objects.filter(page_id=page_id).delete()
        generation_bump()
        return "removed"
    entry = search_entry_for(page)
    entry.save()
    generation_bump()
    return "indexed"


def search_entries_rebuild() -> int:
    """Rewrite every database engine entry (after a bulk load or a change of analysis)."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        entries = [search_entry_for(page) for page in practices_for_indexing().iterator(500)]
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        generation_bump()
    lexicon.split_store_save()
    return len(entries)


def practice_index_sync(page_id: int) -> SyncAction:
    """Bring the Elasticsearch document of one page in line with the database.

    Live page: (re)index it with its current revision. Otherwise: remove it. Errors from
    Elasticsearch propagate, so the task can retry.
    """
    if not elasticsearch_configured():
        return "skipped"
    client = elasticsearch_index_client()
    page = practices_for_indexing().filter(pk=page_id).first()
    if page is None:
        client.options(ignore_status=404).delete(
            index=index_alias(), id=str(page_id), refresh="wait_for"
        )
        generation_bump()
        return "removed"
    # wait_for: searchable when this returns, without forcing a refresh of its own.
    PracticeDocument.from_page(page).save(using=client, index=index_alias(), refresh="wait_for")
    generation_bump()
    return "indexed"
