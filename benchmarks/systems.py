"""The systems `make benchmark` compares, each answering the same query mix (benchmarks/mix.py).

- api: our JSON API in process (Django's test client: routing, validation, engine, JSON);
- http: the same URLs end to end over HTTP against gunicorn on 127.0.0.1;
- html: the search page (/zoeken/) in process, rendered;
- raw: the Elasticsearch requests our engine sends, straight from the Python client: the floor;
- wagtail: Wagtail's own search (modelsearch's Elasticsearch backend, our configured one),
  `.search()` plus `.facet()` on the fields it can facet, `.autocomplete()` for suggestions;
- database: our API in process with the database engine answering (PostgreSQL).

Each returns a callable that answers one Query; what is not timed (building a request body,
looking up ids) happens before.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from unittest import mock

import requests
from django.test import Client

from benchmarks.mix import Query
from practices.models import EvidenceLevel, Outcome, PracticePage
from search import selectors
from search.client import elasticsearch_client
from search.documents import index_alias
from search.engines.elasticsearch import (
    FEW_HITS,
    PracticeFacetedSearch,
    catalogue_size,
    related_search,
    suggest_search,
)
from search.facets import facet_vocabulary
from search.query import search_request_build

Answer = Callable[[Query], None]


def _checked(response, engine: str = "") -> None:
    """A 200, and for a search the engine we mean to measure: a search answered by the
    other one (the database engine standing in, or its cached stand-in answers while the
    circuit breaker is open) would measure the wrong system."""
    status = getattr(response, "status_code", None)
    if status != 200:
        raise RuntimeError(f"HTTP {status}")
    if engine and response.headers.get("Content-Type", "").startswith("application/json"):
        answered = response.json()
        if isinstance(answered, dict) and answered.get("engine", engine) != engine:
            raise RuntimeError(f"answered by {answered['engine']}, not {engine}")


def api_system(engine: str = "elasticsearch") -> Answer:
    client = Client(HTTP_HOST="localhost")
    return lambda query: _checked(client.get(query.api_url()), engine)


def html_system() -> Answer:
    client = Client(HTTP_HOST="localhost")
    return lambda query: _checked(client.get(query.html_url()))


def http_system(base_url: str) -> Answer:
    session = requests.Session()
    return lambda query: _checked(
        session.get(base_url + query.api_url(), timeout=10), "elasticsearch"
    )


@contextmanager
def database_engine_answering():
    """Our selectors with the database engine as the primary engine."""
    with mock.patch.object(selectors, "primary_engine", lambda: selectors.database_engine):
        yield


def raw_system() -> Answer:
    """The requests our engine sends, sent as they are: the same bodies and the same
    parameters (the shard request cache asked for), the exact pass, and the typo-tolerant
    pass too when the exact one finds fewer than FEW_HITS, as the engine does."""
    client = elasticsearch_client()
    vocabulary = facet_vocabulary()
    page_ids = dict(PracticePage.objects.live().values_list("slug", "pk"))
    bodies: dict[str, list[dict]] = {}

    def bodies_for(query: Query) -> list[dict]:
        if query.kind == "suggest":
            return [suggest_search(query.text, limit=8).to_dict()]
        if query.kind == "related":
            search = related_search(page_ids[query.text], limit=4, catalogue=catalogue_size())
            return [search.to_dict()]
        request = search_request_build(
            text=query.text, filters=query.filters, vocabulary=vocabulary
        )
        window = slice(request.offset, request.offset + request.page_size)
        return [
            PracticeFacetedSearch(request, fuzzy=fuzzy)[window]._s.to_dict()
            for fuzzy in (False, True)
        ]

    def answer(query: Query) -> None:
        key = query.api_url()
        if key not in bodies:
            bodies[key] = bodies_for(query)
        for number, body in enumerate(bodies[key]):
            found = client.search(index=index_alias(), body=body, request_cache=True)
            if number or not query.text or query.kind in ("suggest", "related"):
                break
            if found["hits"]["total"]["value"] >= FEW_HITS:
                break

    return answer


def wagtail_system() -> Answer:
    """Wagtail's search doing the nearest job: text (or everything), the filters it can
    apply (evidence level and outcome: modelsearch filters no many-to-many field), facet
    counts for those two fields (one request each), the first 20 pages loaded."""
    from modelsearch.query import MATCH_ALL
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    ids = {
        "evidence_level": dict(EvidenceLevel.objects.values_list("slug", "pk")),
        "outcome": dict(Outcome.objects.values_list("slug", "pk")),
    }

    def answer(query: Query) -> None:
        pages = PracticePage.objects.live()
        if query.kind == "suggest":
            list(backend.autocomplete(query.text, pages)[:8])
            return
        for name, by_slug in ids.items():
            if name in query.filters:
                pages = pages.filter(**{f"{name}__in": [by_slug[s] for s in query.filters[name]]})
        results = backend.search(query.text or MATCH_ALL, pages)
        list(results[:20])
        results.facet("evidence_level_id")
        results.facet("outcome_id")

    return answer
