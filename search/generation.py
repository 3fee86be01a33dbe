"""The index generation: a number every change to what searches find increments (a publish
reaching an index, a rebuild, a renamed category), shared by every process through the
database. Cached search responses carry it in their key (search/response_cache.py)."""

from __future__ import annotations

import threading
import time

from django.db import DatabaseError
from django.db.models import F

from search.models import IndexGeneration

# Each process reads the generation at most this often: a change is seen everywhere within it.
GENERATION_RECHECK_SECONDS = 1.0
_NAME = "search"

_local = {"value": None, "read_at": 0.0}
_lock = threading.Lock()


def generation() -> int | None:
    """The index generation, read from the database at most once a second per process."""
    now = time.monotonic()
    if _local["value"] is not None and now - _local["read_at"] < GENERATION_RECHECK_SECONDS:
        return _local["value"]
    value = generation_read()
    if value is not None:
        with _lock:
            _local.update(value=value, read_at=now)
    return value


def generation_read() -> int | None:
    """The index generation as the database has it at this moment (None: no database)."""
    try:
        value = IndexGeneration.objects.filter(name=_NAME).values_list("value", flat=True).first()
    except DatabaseError:
        return None  # no generation, no caching
    return value or 0


def generation_bump() -> None:
    """Make every cached search response stale (in every process within a second)."""
    updated = IndexGeneration.objects.filter(name=_NAME).update(value=F("value") + 1)
    if not updated:
        IndexGeneration.objects.get_or_create(name=_NAME, defaults={"value": 1})
    _local.update(value=None, read_at=0.0)
