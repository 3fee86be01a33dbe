"""Zoekopdrachten zonder resultaat: counting public searches that found 0–2 practices.

Counting must not slow search, so a search only adds to an in-process buffer (a dict
update under a lock, a few microseconds); a background thread writes the buffer every
SEARCH_GAPS_FLUSH_SECONDS as one increment per distinct search, and at exit. With the
setting at 0 (tests) every search is written at once. A crash loses at most one interval's
counts, acceptable for statistics. Only the normalised text, the filters, a count, the
last total and times are kept; nothing about who searched.
"""

from __future__ import annotations

import atexit
import json
import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from search.models import SearchGap
from search.query import clean_text
from search.results import SearchResults

logger = logging.getLogger(__name__)

MAX_TOTAL = 2  # a search with at most this many practices counts as a gap
RETENTION_DAYS = 180
_MAX_FILTERS_CHARS = SearchGap._meta.get_field("filters").max_length
_MAX_TEXT_CHARS = SearchGap._meta.get_field("text").max_length

Key = tuple[str, str]


@dataclass
class _Tally:
    count: int
    last_total: int
    first_seen: datetime
    last_seen: datetime


def gap_key(text: str, filters: dict[str, tuple[str, ...]] | dict[str, list[str]]) -> Key:
    """Normalised text (single spaces, case-folded) and canonical JSON of the filters."""
    chosen = {name: sorted(values) for name, values in filters.items() if values}
    encoded = json.dumps(chosen, sort_keys=True, ensure_ascii=False) if chosen else ""
    return clean_text(text).casefold()[:_MAX_TEXT_CHARS], encoded


def gap_filters(row: SearchGap) -> dict[str, list[str]]:
    return json.loads(row.filters) if row.filters else {}


def _write(key: Key, tally: _Tally) -> None:
    """Add one tally to its row (an increment, so several processes can write)."""
    text, filters = key
    rows = SearchGap.objects.filter(text=text, filters=filters)
    updates = {"count": F("count") + tally.count, "last_total": tally.last_total}
    if rows.update(**updates, last_seen=tally.last_seen):
        return
    try:
        with transaction.atomic():
            SearchGap.objects.create(
                text=text,
                filters=filters,
                count=tally.count,
                last_total=tally.last_total,
                first_seen=tally.first_seen,
                last_seen=tally.last_seen,
            )
    except IntegrityError:  # another process created it meanwhile
        rows.update(**updates, last_seen=tally.last_seen)


class GapBuffer:
    """Tallies per search, written in batches by a daemon thread (or at once if interval 0)."""

    def __init__(self, interval: float | None = None) -> None:
        self._interval = interval
        self._tallies: dict[Key, _Tally] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def interval(self) -> float:
        """Seconds between writes: fixed, or SEARCH_GAPS_FLUSH_SECONDS (read on each use)."""
        if self._interval is not None:
            return self._interval
        return float(getattr(settings, "SEARCH_GAPS_FLUSH_SECONDS", 10))

    def add(self, key: Key, total: int, when: datetime) -> None:
        with self._lock:
            tally = self._tallies.get(key)
            if tally is None:
                self._tallies[key] = _Tally(1, total, when, when)
            else:
                tally.count += 1
                tally.last_total, tally.last_seen = total, when
        if self.interval <= 0:
            self.flush()
        elif self._thread is None or not self._thread.is_alive():
            self._start()

    def flush(self) -> int:
        """Write and forget what is buffered; the number of searches written."""
        with self._lock:
            tallies, self._tallies = self._tallies, {}
        for key, tally in tallies.items():
            _write(key, tally)
        return sum(tally.count for tally in tallies.values())

    def _start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="search-gaps", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        stop = threading.Event()
        while not stop.wait(self.interval):
            try:
                self.flush()
            except Exception:  # a database hiccup must not end the thread; next round retries
                logger.exception("search gaps: writing the counts failed")
            finally:
                connection.close()  # this thread's own connection


_buffer = GapBuffer()
atexit.register(lambda: _buffer.flush() if _buffer._tallies else None)


def search_gap_note(results: SearchResults) -> None:
    """Count `results` if it is a first page with text or filters and at most 2 practices."""
    request = results.request
    if results.total > MAX_TOTAL or request.page != 1 or not (request.text or request.filters):
        return
    key = gap_key(request.text, dict(request.filters))
    if len(key[1]) > _MAX_FILTERS_CHARS:
        return
    _buffer.add(key, results.total, timezone.now())


def search_gaps_flush() -> int:
    """Write buffered counts now (the report calls it so editors see the latest)."""
    return _buffer.flush()


def search_gaps_prune(*, days: int = RETENTION_DAYS) -> int:
    """Remove searches not seen for `days` days; how many rows were removed."""
    deleted, _ = SearchGap.objects.filter(
        last_seen__lt=timezone.now() - timedelta(days=days)
    ).delete()
    return deleted
