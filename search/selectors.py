"""Reads of the search side: one entry point per question, whichever engine answers.

Elasticsearch answers when it is configured and up. When it does not answer within the short
user timeout (search/client.py), the database engine answers instead, with a notice in the
results, and Elasticsearch is left alone for a short while by every process (a circuit
breaker shared through the database, search/breaker.py), so an outage or a hung engine costs
a few slow requests, not every request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from search.breaker import Gate, SharedBreaker
from search.client import elasticsearch_configured
from search.engines.base import EngineUnavailable, SearchEngine
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.query import SearchRequest
from search.results import Hit, SearchResults, Suggestion

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "De zoekmachine is even niet bereikbaar. Deze resultaten komen uit de reservezoekfunctie: "
    "dezelfde filters, maar een eenvoudigere volgorde en geen correctie van tikfouten."
)
T = TypeVar("T")

breaker = SharedBreaker("elasticsearch")
database_engine = DatabaseEngine()
elasticsearch_engine = ElasticsearchEngine()


def primary_engine() -> SearchEngine:
    return elasticsearch_engine if elasticsearch_configured() else database_engine


def _answer(call: Callable[[SearchEngine], T]) -> tuple[T, bool]:
    """Ask the primary engine; on failure the database engine. True if it had to stand in."""
    engine = primary_engine()
    if engine is database_engine:
        return call(database_engine), False
    gate = breaker.gate()
    if gate is not Gate.OPEN:
        try:
            answer = call(engine)
        except EngineUnavailable as error:
            logger.warning("Falling back to the database engine: %s", error)
            breaker.trip()
        else:
            if gate is Gate.PROBE:
                breaker.reset()
            return answer, False
    return call(database_engine), True


def practice_search(request: SearchRequest) -> SearchResults:
    results, fell_back = _answer(lambda engine: engine.search(request))
    if fell_back:
        results.notice = FALLBACK_NOTICE
    return results


def practice_suggest(text: str, *, limit: int = 8) -> list[Suggestion]:
    suggestions, _ = _answer(lambda engine: engine.suggest(text, limit=limit))
    return suggestions


def practice_related(page_id: int, *, limit: int = 4) -> list[Hit]:
    related, _ = _answer(lambda engine: engine.related(page_id, limit=limit))
    return related
