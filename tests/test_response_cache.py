"""Whole anonymous search responses are cached per index generation: a repeat is served from
the cache, any change to what searches find (a publish, a rebuild) makes it stale at once,
and editors always get a fresh answer."""

from __future__ import annotations

import pytest

from search import generation
from search.generation import generation_bump
from search.services import search_entry_refresh

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SEARCH_RESPONSE_CACHE = True
    generation._local.update(value=None, read_at=0.0)


def test_a_repeated_search_is_served_from_the_cache(client):
    first = client.get(SEARCH, {"q": "wijk"})
    second = client.get(SEARCH, {"q": "wijk"})
    assert first["X-Search-Cache"] == "miss"
    assert second["X-Search-Cache"] == "hit"
    assert second.json() == first.json()


def test_a_change_to_the_index_makes_cached_responses_stale(client):
    client.get(SEARCH, {"q": "wijk"})
    generation_bump()
    assert client.get(SEARCH, {"q": "wijk"})["X-Search-Cache"] == "miss"


def test_a_publish_reaching_the_index_bumps_the_generation(client):
    from practices.models import PracticePage

    client.get(SEARCH, {"q": "wijk"})
    search_entry_refresh(PracticePage.objects.live().first().pk)
    assert client.get(SEARCH, {"q": "wijk"})["X-Search-Cache"] == "miss"


def test_searches_that_find_little_always_run_for_the_search_gap_report(client):
    client.get(SEARCH, {"q": "xylofoonkwartet"})
    assert client.get(SEARCH, {"q": "xylofoonkwartet"})["X-Search-Cache"] == "miss"


def test_editors_are_never_served_from_the_cache(editor_client):
    editor_client.get(SEARCH, {"q": "wijk"})
    assert "X-Search-Cache" not in editor_client.get(SEARCH, {"q": "wijk"})
