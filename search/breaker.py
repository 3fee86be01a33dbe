"""A circuit breaker whose state every process shares, kept in the database.

When Elasticsearch fails (down, or hung until the short user timeout), one process trips the
breaker and every web process stops asking it for `RETRY_AFTER_SECONDS`; then exactly one
request (whichever claims the probe first) tries it again. So a hung engine costs a handful
of slow requests across the site, not one per process, and it never freezes the site. If the
database itself cannot be read, each process falls back on its own memory of the state.
"""

from __future__ import annotations

import contextlib
import logging
import time
from datetime import timedelta
from enum import StrEnum

from django.db import DatabaseError
from django.db.models import Q
from django.utils import timezone

from search.models import BreakerState

logger = logging.getLogger(__name__)

# After a failure, Elasticsearch is tried again after this many seconds.
RETRY_AFTER_SECONDS = 10.0
# A process that found the breaker closed trusts that for this long without asking again,
# so a healthy engine costs one tiny query every few seconds, not one per search.
RECHECK_SECONDS = 2.0


class Gate(StrEnum):
    CLOSED = "closed"  # engine healthy: ask it
    PROBE = "probe"  # this request tries the engine again for everyone
    OPEN = "open"  # engine failing: use the fallback
    # The database (the breaker's state, and the fallback with it) cannot be read: the engine
    # is the only one that may answer, so it may take longer.
    ALONE = "alone"


class SharedBreaker:
    def __init__(self, name: str) -> None:
        self.name = name
        self._local_open_until = 0.0  # used when the database cannot be read
        self._closed_seen_at = -RECHECK_SECONDS

    def gate(self) -> Gate:
        """Whether this request may ask the engine, claiming the probe when one is due."""
        now_local = time.monotonic()
        if now_local < self._local_open_until:
            return Gate.OPEN
        if now_local - self._closed_seen_at < RECHECK_SECONDS:
            return Gate.CLOSED
        try:
            open_until = (
                BreakerState.objects.filter(name=self.name)
                .values_list("open_until", flat=True)
                .first()
            )
            if open_until is None:
                self._closed_seen_at = now_local
                return Gate.CLOSED
            now = timezone.now()
            if open_until > now:
                return Gate.OPEN
            # Claim the probe: only one process wins this update.
            claimed = BreakerState.objects.filter(
                Q(name=self.name) & Q(open_until__lte=now)
            ).update(open_until=now + timedelta(seconds=RETRY_AFTER_SECONDS))
            return Gate.PROBE if claimed else Gate.OPEN
        except DatabaseError:
            return Gate.ALONE

    def trip(self) -> None:
        self._closed_seen_at = -RECHECK_SECONDS
        self._local_open_until = time.monotonic() + RETRY_AFTER_SECONDS
        until = timezone.now() + timedelta(seconds=RETRY_AFTER_SECONDS)
        try:
            state, created = BreakerState.objects.get_or_create(
                name=self.name, defaults={"open_until": until, "failures": 1}
            )
            if not created:
                BreakerState.objects.filter(name=self.name).update(
                    open_until=until, failures=state.failures + 1
                )
        except DatabaseError:
            logger.warning("Circuit breaker %s: state kept in this process only", self.name)

    def reset(self, *, shared: bool = True) -> None:
        self._local_open_until = 0.0
        self._closed_seen_at = -RECHECK_SECONDS
        if not shared:
            return
        with contextlib.suppress(DatabaseError):
            BreakerState.objects.filter(name=self.name).update(open_until=None, failures=0)
