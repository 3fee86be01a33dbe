"""Reads of the search side: one entry point per question, whichever engine answers.

Elasticsearch answers when it is configured and up. When it does not answer within the short
user timeout (search/client.py), the database engine answers instead, with a notice in the
results, and Elasticsearch is left alone for a short while by every process (a circuit
breaker shared through the database, search/breaker.py), so an outage or a hung engine costs
a few slow requests, not every request.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Count, Max

from search.breaker import Gate, SharedBreaker
from search.client import elasticsearch_configured, search_deadline
from search.engines.base import EngineUnavailable, SearchEngine
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.facets import facet_vocabulary
from search.models import SearchEntry
from search.query import SearchRequest
from search.results import Hit, SearchResults, Suggestion

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "De zoekmachine is even niet bereikbaar. Deze resultaten komen uit de reservezoekfunctie: "
    "dezelfde filters, maar een eenvoudigere volgorde en geen correctie van tikfouten."
)
T = TypeVar("T")
# An answer slower than this is logged with where its time went (docs/reliability.md).
SLOW_ANSWER_SECONDS = 0.8
# While the database engine stands in, its answers are shared by every process for this long,
# as long as the catalogue and its labels are unchanged (an outage repeats the same questions
# from many users, each process would compute each).
FALLBACK_CACHE_SECONDS = 60
# What a search may wait for Elasticsearch while the database (the fallback) is away.
ALONE_BUDGET_SECONDS = 5.0
# What the one request that probes a failing Elasticsearch for everyone may wait.
PROBE_BUDGET_SECONDS = 0.5
STAND_IN_BUSY_SECONDS = 10  # a request computing a stand-in answer holds its claim this long

breaker = SharedBreaker("elasticsearch")
database_engine = DatabaseEngine()
elasticsearch_engine = ElasticsearchEngine()


def primary_engine() -> SearchEngine:
    return elasticsearch_engine if elasticsearch_configured() else database_engine


def _answer(call: Callable[[SearchEngine], T], question: str) -> tuple[T, bool]:
    """Ask the primary engine; on failure the database engine. True if it had to stand in.

    All of the primary engine's calls for this answer share one time budget
    (ELASTICSEARCH_TIMEOUT), so a slow or hung engine costs the user at most that, plus the
    database engine's answer. While the database itself is away, Elasticsearch is the only
    engine that can answer: it gets a longer budget, and is asked even while the breaker is
    open. `question` names the call for the stand-in's cache.
    """
    engine = primary_engine()
    if engine is database_engine:
        return call(database_engine), False
    started = time.monotonic()
    gate = breaker.gate()
    gated = time.monotonic()
    failure = ""
    if gate is not Gate.OPEN:
        try:
            answer = _primary(call, engine, gate=gate)
        except EngineUnavailable as error:
            logger.warning("Falling back to the database engine: %s", error)
            failure = str(error)[:120]
            breaker.trip()
        else:
            if gate is Gate.PROBE:
                breaker.reset()
            _log_if_slow(started, gated, time.monotonic(), gate=gate, failure="answered")
            return answer, False
    asked = time.monotonic()
    try:
        answer = _stand_in(call, question, waited=bool(failure))
    except DatabaseError:
        if failure:
            raise  # neither engine can answer: the site says so (a 503, site/errors.py)
        logger.warning("The database is away while the breaker is open: asking Elasticsearch")
        return _primary(call, engine, gate=Gate.ALONE), False
    _log_if_slow(started, gated, asked, gate=gate, failure=failure)
    return answer, True


def _primary(call: Callable[[SearchEngine], T], engine: SearchEngine, *, gate: Gate) -> T:
    budget = settings.ELASTICSEARCH["TIMEOUT"]
    if gate is Gate.ALONE:
        budget = ALONE_BUDGET_SECONDS
    elif gate is Gate.PROBE:  # a healthy engine answers a probe at once; a hung one costs less
        budget = min(budget, PROBE_BUDGET_SECONDS)
    with search_deadline(budget):
        return call(engine)


def _stand_in(call: Callable[[SearchEngine], T], question: str, *, waited: bool = False) -> T:
    """The database engine's answer while Elasticsearch is away, shared through the cache.

    The cache key holds the state of the catalogue (entries and their latest revision) and
    of the labels, so a publish, unpublish or rename made during the outage shows in the
    next answer computed. One request per question computes it; others asking meanwhile get
    the answer from before the change (seconds old) instead of all querying at once; so
    does a request that already `waited` for Elasticsearch, if this outage answered its
    question before (within FALLBACK_CACHE_SECONDS).
    """
    started = time.monotonic()
    state = SearchEntry.objects.aggregate(entries=Count("pk"), revision=Max("revision_id"))
    fingerprint = repr((question, state, facet_vocabulary()))
    fresh = "search:stand-in:v1:" + hashlib.sha256(fingerprint.encode()).hexdigest()
    latest = "search:stand-in:latest:v1:" + hashlib.sha256(question.encode()).hexdigest()
    stated = time.monotonic()
    answer, how, computing = cache.get(fresh), "shared", False
    if answer is None and waited:
        answer, how = cache.get(latest), "earlier"
    if answer is None:
        computing = cache.add(f"{fresh}:busy", True, STAND_IN_BUSY_SECONDS)
        if not computing:
            answer, how = cache.get(latest), "earlier"
    cached = time.monotonic()
    if answer is None:
        how = "computed"
        try:
            answer = call(database_engine)
        finally:
            if computing:
                cache.delete(f"{fresh}:busy")
        cache.set_many({fresh: answer, latest: answer}, FALLBACK_CACHE_SECONDS)
    done = time.monotonic()
    if done - started > SLOW_ANSWER_SECONDS:
        logger.warning(
            "Slow stand-in answer (%s): catalogue state %.0f ms, cache %.0f ms, engine %.0f ms",
            how,
            (stated - started) * 1000,
            (cached - stated) * 1000,
            (done - cached) * 1000,
        )
    return answer


def _log_if_slow(started: float, gated: float, asked: float, *, gate: Gate, failure: str) -> None:
    """Where a slow answer's time went: breaker, Elasticsearch, database engine."""
    done = time.monotonic()
    if done - started < SLOW_ANSWER_SECONDS:
        return
    logger.warning(
        "Slow search answer %.0f ms: breaker %s %.0f ms, elasticsearch %.0f ms (%s), "
        "database engine %.0f ms",
        (done - started) * 1000,
        gate.value,
        (gated - started) * 1000,
        (asked - gated) * 1000,
        failure or "not asked",
        (done - asked) * 1000,
    )


def practice_search(request: SearchRequest) -> SearchResults:
    results, fell_back = _answer(lambda engine: engine.search(request), f"search {request!r}")
    if fell_back:
        results.notice = FALLBACK_NOTICE
    return results


def practice_suggest(text: str, *, limit: int = 8) -> list[Suggestion]:
    suggestions, _ = _answer(
        lambda engine: engine.suggest(text, limit=limit), f"suggest {text!r} {limit}"
    )
    return suggestions


def practice_related(page_id: int, *, limit: int = 4) -> list[Hit]:
    related, _ = _answer(
        lambda engine: engine.related(page_id, limit=limit), f"related {page_id} {limit}"
    )
    return related
