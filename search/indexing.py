"""The Elasticsearch index's lifecycle: create, rebuild behind the alias, status, verify.

A rebuild never touches the index that searches use: it fills a new versioned index, swaps
the alias in one atomic call, re-syncs pages that changed meanwhile, then drops the old
index. Searches answer from the old index until the swap and from the new one after it.
"""

from __future__ import annotations

import logging
import time
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from elasticsearch import NotFoundError, helpers

from practices.models import PracticePage
from search import lexicon
from search.builders import Builders, builders
from search.client import elasticsearch_client
from search.documents import (
    PracticeDocument,
    index_alias,
    index_pattern,
    practices_for_indexing,
)
from search.generation import generation_bump
from search.models import SearchEntry
from search.services import practice_index_sync, search_entry_for, search_entry_refresh

logger = logging.getLogger(__name__)

# Long operations get their own timeout; searches keep the short one from settings.
BULK_TIMEOUT = 120
# Bulk requests a rebuild keeps running while it builds the next chunk.
BULK_IN_FLIGHT = 2
# A versioned index that no alias points at and that is older than this is a leftover of a
# killed rebuild (a rebuild of 100,000 practices takes under 5 minutes).
STRAY_MIN_AGE_SECONDS = 15 * 60


class RebuildRunning(Exception):
    """Another rebuild of the same index is running."""


@contextmanager
def _only_rebuild() -> Iterator[bool]:
    """Hold a PostgreSQL advisory lock for the rebuild: True when this is the only one (so
    every stray index is a leftover, whatever its age), False where the database cannot tell
    (SQLite: strays must be older than STRAY_MIN_AGE_SECONDS). A killed rebuild's lock goes
    with its connection."""
    if connection.vendor != "postgresql":
        yield False
        return
    key = zlib.crc32(f"search_index rebuild {index_alias()}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        if not cursor.fetchone()[0]:
            raise RebuildRunning(f"another rebuild of {index_alias()} is running")
    try:
        yield True
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def index_name_new() -> str:
    return f"{index_alias()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"


def index_create(name: str) -> None:
    """Create an empty index with the practice mapping and analysis (not behind the alias)."""
    PracticeDocument._index.clone(name=name).create(using=_long_client())


def _long_client() -> Any:
    return elasticsearch_client().options(request_timeout=BULK_TIMEOUT)


def indices_behind_alias() -> list[str]:
    client = elasticsearch_client()
    try:
        return sorted(client.indices.get_alias(name=index_alias()).body)
    except NotFoundError:
        return []


@dataclass
class RebuildReport:
    index: str
    documents: int
    seconds: float
    previous: list[str]
    resynced: int


def index_rebuild(
    *, chunk_size: int = 500, entries: bool = False, processes: int = 1
) -> RebuildReport:
    """Fill a new versioned index from the published pages and swap the alias to it; then
    remove what killed rebuilds left behind. Only one rebuild runs at a time.

    With `entries`, the database engine's entries are rewritten in the same pass: each
    page's text (Markdown to text, compound splitting) is made once for both indexes. They
    are replaced in one transaction, so the database engine answers from the old entries
    until the new ones are all there (and keeps them if the rebuild fails). `processes` > 1
    builds the documents in that many worker processes (search/builders.py).
    """
    with builders(processes) as builder, _only_rebuild() as alone:
        report = _rebuild(builder, chunk_size=chunk_size, entries=entries)
        strays_remove(keep=report.index, min_age_seconds=0 if alone else None)
    return report


def _rebuild(builder: Builders, *, chunk_size: int, entries: bool) -> RebuildReport:
    started = time.monotonic()
    swap_started_at = datetime.now(UTC)
    client = _long_client()
    name = index_name_new()
    index_create(name)
    # Bulk loading is much faster without refreshes; both are restored before the swap.
    client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "-1"}})
    try:
        with transaction.atomic():
            if entries:
                SearchEntry.objects.all().delete()
            documents = _index_fill(builder, client, name, chunk_size=chunk_size, entries=entries)
        client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "1s"}})
        client.indices.refresh(index=name)
    except Exception:
        client.options(ignore_status=404).indices.delete(index=name)
        raise
    lexicon.split_store_save()

    previous = indices_behind_alias()
    actions: list[dict] = [{"add": {"index": name, "alias": index_alias()}}]
    # An index that squats the alias's own name (someone indexed before the first rebuild)
    # has to go in the same call, or the alias cannot be created.
    if client.indices.exists(index=index_alias()) and not previous:
        actions.append({"remove_index": {"index": index_alias()}})
    actions += [{"remove": {"index": old, "alias": index_alias()}} for old in previous]
    client.indices.update_aliases(actions=actions)

    # Pages published while the new index was filled went to the old one: sync them again.
    changed = PracticePage.objects.filter(last_published_at__gte=swap_started_at)
    resynced = 0
    for page_id in changed.values_list("pk", flat=True):
        practice_index_sync(page_id)
        resynced += 1
    resynced += index_repair(index_verify(content=False))

    generation_bump()
    for old in previous:
        client.options(ignore_status=404).indices.delete(index=old)
    return RebuildReport(
        index=name,
        documents=documents,
        seconds=time.monotonic() - started,
        previous=previous,
        resynced=resynced,
    )


def _index_fill(
    builder: Builders, client: Any, name: str, *, chunk_size: int, entries: bool
) -> int:
    """Write each built chunk's entries and send its documents while the next chunks are
    built: up to BULK_IN_FLIGHT bulk requests run in threads, so building, writing and
    Elasticsearch's indexing happen at the same time."""
    pending: deque[Future] = deque()
    documents = 0
    page_ids = list(practices_for_indexing().values_list("pk", flat=True))
    with ThreadPoolExecutor(max_workers=BULK_IN_FLIGHT, thread_name_prefix="bulk") as pool:
        for chunk in builder.chunks(page_ids, chunk_size, name, entries):
            SearchEntry.objects.bulk_create(chunk.entries)
            while len(pending) >= BULK_IN_FLIGHT:
                documents += pending.popleft().result()
            pending.append(pool.submit(_bulk_send, client, chunk.actions))
        while pending:
            documents += pending.popleft().result()
    return documents


def _bulk_send(client: Any, actions: list[dict]) -> int:
    indexed, _errors = helpers.bulk(client, actions, chunk_size=len(actions), raise_on_error=True)
    return indexed


def strays_remove(*, keep: str, min_age_seconds: float | None = None) -> list[str]:
    """Drop versioned indexes that no alias points at: leftovers of a rebuild that was killed.

    Only those older than `min_age_seconds`, so a rebuild running at the same time in another
    process keeps the index it is filling.
    """
    if min_age_seconds is None:
        min_age_seconds = STRAY_MIN_AGE_SECONDS
    client = _long_client()
    settings = client.indices.get_settings(index=index_pattern(), name="index.creation_date")
    behind_alias = set(indices_behind_alias())
    cutoff_ms = (time.time() - min_age_seconds) * 1000
    removed = []
    for stray, body in settings.body.items():
        created_ms = int(body["settings"]["index"]["creation_date"])
        if stray == keep or stray in behind_alias or created_ms > cutoff_ms:
            continue
        client.options(ignore_status=404).indices.delete(index=stray)
        logger.warning("Removed index %s: not behind the alias (left by a killed rebuild)", stray)
        removed.append(stray)
    return removed


@dataclass
class Drift:
    """How an index differs from the published pages."""

    engine: str
    missing: list[int] = field(default_factory=list)  # published, not indexed
    stale: list[int] = field(default_factory=list)  # indexed with other content
    extra: list[int] = field(default_factory=list)  # indexed, not published

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.extra)

    def page_ids(self) -> list[int]:
        return sorted({*self.missing, *self.stale, *self.extra})


def _compare(engine: str, published: dict[int, object], indexed: dict[int, object]) -> Drift:
    """`published` and `indexed` map page id → what identifies its content."""
    return Drift(
        engine=engine,
        missing=sorted(set(published) - set(indexed)),
        stale=sorted(
            page_id
            for page_id, content in indexed.items()
            if page_id in published and published[page_id] != content
        ),
        extra=sorted(set(indexed) - set(published)),
    )


def _expected_hashes() -> dict[int, str]:
    """Page id → the content hash its document should have now."""
    expected = {}
    for page in practices_for_indexing().iterator(500):
        doc = PracticeDocument.from_page(page)
        doc.full_clean()
        expected[page.pk] = doc.content_hash
    return expected


def index_verify(*, content: bool = True) -> Drift:
    """Compare the Elasticsearch documents' content with what the published pages give now.

    Each document carries a hash of its content, so a document is stale whenever anything
    in it differs: an older revision, a renamed category, an update that never arrived.
    `content=False` compares revision ids only (cheap: what a rebuild checks after its swap).
    """
    client = _long_client()
    client.indices.refresh(index=index_alias())
    key = "content_hash" if content else "revision_id"
    indexed = {
        int(hit["_id"]): hit["_source"].get(key)
        for hit in helpers.scan(
            client,
            index=index_alias(),
            query={"query": {"match_all": {}}, "_source": [key]},
            size=1000,
        )
    }
    if content:
        return _compare("elasticsearch", _expected_hashes(), indexed)
    published = dict(PracticePage.objects.live().values_list("pk", "live_revision_id"))
    return _compare("elasticsearch", published, indexed)


def entries_verify() -> Drift:
    """Compare the database engine's entries with what the published pages give now."""
    fields = ("title_terms", "terms", "words")

    def content(*texts: str) -> tuple[tuple[str, ...], ...]:
        # The terms as a multiset: their order follows the order relations were loaded in.
        return tuple(tuple(sorted(text.split())) for text in texts)

    expected = {
        page.pk: content(*(getattr(search_entry_for(page), name) for name in fields))
        for page in practices_for_indexing().iterator(500)
    }
    indexed = {
        page_id: content(*texts)
        for page_id, *texts in SearchEntry.objects.values_list("page_id", *fields)
    }
    return _compare("database", expected, indexed)


def index_repair(drift: Drift) -> int:
    """Re-sync every page in the drift; returns how many were synced."""
    sync = practice_index_sync if drift.engine == "elasticsearch" else search_entry_refresh
    for page_id in drift.page_ids():
        sync(page_id)
    return len(drift.page_ids())


def index_status() -> dict[str, Any]:
    """What the alias points at and how big it is (raises if Elasticsearch is down)."""
    client = elasticsearch_client()
    health = client.cluster.health().body
    indices = indices_behind_alias()
    status: dict[str, Any] = {
        "cluster": health.get("cluster_name"),
        "cluster_status": health.get("status"),
        "nodes": health.get("number_of_nodes"),
        "alias": index_alias(),
        "indices": indices,
        "documents": 0,
    }
    if indices:
        stats = client.indices.stats(index=indices[0], metric="docs,store").body
        primaries = stats["indices"][indices[0]]["primaries"]
        status["documents"] = primaries["docs"]["count"]
        status["size_bytes"] = primaries["store"]["size_in_bytes"]
    return status
