"""Build a rebuild's documents and entries, chunk by chunk, in this process or in several.

Building is the rebuild's bottleneck: Markdown to text, compound splitting and the database
engine's terms are Python work, about 2 ms a practice. With `processes` > 1 the chunks are
built in forked worker processes while this one writes entries and sends bulk requests, so
a rebuild uses every core (Elasticsearch's indexing included).

The workers are forked before the caller opens its transaction, with this process's
database connections closed: a forked child must never share a live connection. They read
committed pages only, so a caller already inside a transaction (a test) builds in process;
the rebuild's own transaction (which replaces the entries) opens after the fork.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, connections

from search import lexicon
from search.documents import PracticeDocument, practices_for_indexing
from search.models import SearchEntry
from search.services import search_entry_for

# Chunks built ahead of the writer per worker: enough to keep the workers busy, few enough
# to keep memory flat at 100,000 practices.
AHEAD_PER_PROCESS = 2


def default_processes() -> int:
    """One builder per core, at most four (beyond that the writer and Elasticsearch gate)."""
    return max(1, min(4, os.cpu_count() or 1))


@dataclass
class Chunk:
    """One chunk's bulk actions and database-engine entries, plus the compound splits the
    builder found (so the parent can store them for the next rebuild)."""

    actions: list[dict]
    entries: list[SearchEntry]
    splits: dict[str, list[str]]


def chunk_build(page_ids: list[int], index: str, entries: bool) -> Chunk:
    """The documents (and entries) of these published pages, for `index`; in a worker, with
    the compound splits it found on the way."""
    actions, rows = [], []
    for page in practices_for_indexing().filter(pk__in=page_ids):
        texts = page.search_texts()
        if entries:
            rows.append(search_entry_for(page, texts=texts))
        doc = PracticeDocument.from_page(page, texts=texts)
        doc.full_clean()
        actions.append({**doc.to_dict(include_meta=True), "_index": index})
    return Chunk(actions, rows, lexicon.splits_taken())


class Builders:
    """Builds chunks in order: in worker processes if it has any, else in this process."""

    def __init__(self, pool: ProcessPoolExecutor | None, processes: int) -> None:
        self.pool = pool
        self.processes = processes

    def chunks(self, page_ids: list[int], size: int, index: str, entries: bool) -> Iterator[Chunk]:
        parts = [page_ids[start : start + size] for start in range(0, len(page_ids), size)]
        if self.pool is None:
            for part in parts:
                yield chunk_build(part, index, entries)
            return
        ahead: deque[Future] = deque()
        for part in parts:
            ahead.append(self.pool.submit(chunk_build, part, index, entries))
            if len(ahead) >= self.processes * AHEAD_PER_PROCESS:
                yield self._taken(ahead.popleft())
        while ahead:
            yield self._taken(ahead.popleft())

    @staticmethod
    def _taken(future: Future) -> Chunk:
        chunk = future.result()
        lexicon.splits_merge(chunk.splits)
        return chunk


def _started(_number: int) -> int:
    return os.getpid()


@contextmanager
def builders(processes: int) -> Iterator[Builders]:
    """Builders with `processes` workers (forked now, before any transaction), or none."""
    if processes <= 1 or connection.in_atomic_block:
        yield Builders(None, 1)
        return
    connections.close_all()
    lexicon.compound_split("voorbeeldwoord")  # load the dictionary once, shared by the forks
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=processes, mp_context=context, initializer=lexicon.splits_record
    ) as pool:
        # Fork every worker now: later the parent holds a transaction and bulk threads.
        list(pool.map(_started, range(processes)))
        yield Builders(pool, processes)
