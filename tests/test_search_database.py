"""The database engine's own machinery: term lookups, the catalogue snapshot, related practices.

The contract both engines share is in test_search_contract.py; these tests hold the database
engine to what its shortcuts must not change: counts over large matched sets, a snapshot that
follows every change at once, index lookups that find what a scan of the text finds.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from practices.models import PracticePage, Theme
from search.engines import postings
from search.engines.database import DatabaseEngine
from search.engines.postings import Lookup
from search.facets import FACETS
from search.models import SearchEntry
from tests.test_search_contract import build, engine_counts, facet_values_of

pytestmark = pytest.mark.django_db


def _live_values() -> dict[int, dict[str, set[str]]]:
    pages = PracticePage.objects.live().select_related("evidence_level", "outcome")
    pages = pages.prefetch_related("themes", "cities", "domains", "target_groups")
    return {page.pk: facet_values_of(page) for page in pages}


def _expected(pages: list[dict[str, set[str]]], selection: dict[str, list[str]]):
    """Brute force over `pages`: OR within a facet, AND across, own selection not counted."""

    def matches(values, ignore=None):
        return all(
            values[name] & set(chosen) for name, chosen in selection.items() if name != ignore
        )

    counts = {}
    for spec in FACETS:
        counted: dict[str, int] = {}
        for values in (v for v in pages if matches(v, ignore=spec.name)):
            for value in values[spec.name]:
                counted[value] = counted.get(value, 0) + 1
        counts[spec.name] = counted
    return sum(1 for values in pages if matches(values)), counts


def test_a_text_search_matching_over_a_thousand_practices_counts_facets_exactly():
    call_command("generate_practices", "1100", "--seed", "5", stdout=StringIO())
    # "wijk" as typed: the term, or (as-you-type) any term beginning with it. Found here by a
    # plain scan of the entries, not by the engine's lookups.
    matched = set(
        SearchEntry.objects.filter(terms__contains=" wijk").values_list("page_id", flat=True)
    )
    assert len(matched) > 1000  # more ids than SQLite takes as parameters of one query
    values = _live_values()
    selection = {"theme": ["bewonersbetrokkenheid", "frontlijnsturing"], "period": ["2010-2014"]}
    total, counts = _expected([values[pk] for pk in matched if pk in values], selection)

    results = DatabaseEngine().search(build("wijk", **selection))

    assert results.total == total > 0
    assert engine_counts(results) == counts


def test_every_change_to_the_catalogue_shows_in_the_next_search():
    engine = DatabaseEngine()
    page = PracticePage.objects.live().get(slug="wijkbedrijf-selwerd-groningen")
    theme = Theme.objects.exclude(practices=page).first()
    before = engine.search(build(theme=[theme.slug])).total

    page.themes.add(theme)
    page.save_revision().publish()
    published = engine.search(build(theme=[theme.slug], page_size=50))
    assert published.total == before + 1
    assert page.slug in [hit.slug for hit in published.hits]

    page.unpublish()
    assert engine.search(build(theme=[theme.slug])).total == before

    # A deleted page: gone from the next search too.
    PracticePage.objects.live().filter(themes=theme).first().delete()
    assert engine.search(build(theme=[theme.slug])).total == before - 1


def test_related_practices_share_the_most_themes_domains_and_target_groups():
    values = _live_values()
    pages = {page.pk: page for page in PracticePage.objects.live().select_related("evidence_level")}
    page = pages.pop(
        PracticePage.objects.get(slug="bewonersbedrijf-heechterp-schieringen-leeuwarden").pk
    )
    mine = values[page.pk]

    def shared(pk: int) -> int:
        theirs = values[pk]
        return (
            2 * len(mine["theme"] & theirs["theme"])
            + len(mine["domain"] & theirs["domain"])
            + len(mine["target_group"] & theirs["target_group"])
        )

    ranked = sorted(
        (-shared(pk), -other.evidence_level.rank, other.title)
        for pk, other in pages.items()
        if shared(pk)
    )
    expected = [title for _shared, _rank, title in ranked[:4]]

    assert [hit.title for hit in DatabaseEngine().related(page.pk, limit=4)] == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="term vectors: PostgreSQL only")
def test_indexed_lookups_find_exactly_what_a_scan_of_the_text_finds():
    entries = list(SearchEntry.objects.all())
    title_terms = {term for entry in entries for term in entry.title_terms.split()}
    some_words = {word for entry in entries[:5] for word in entry.words.split()}
    lookups = [
        *(Lookup(field, term) for term in title_terms for field in ("title_terms", "terms")),
        *(Lookup("terms", term[:3], prefix=True) for term in title_terms),
        *(Lookup("words", word) for word in some_words),
        Lookup("terms", "xyzzyquux"),
        Lookup("terms", "it's"),  # tsquery syntax in a term is just text
        Lookup("terms", "a\\b", prefix=True),
    ]

    found = postings.pages_with(lookups)

    assert found == {lookup: postings._scanned(lookup) for lookup in lookups}
    assert found[Lookup("terms", "wijk")], "the corpus has the term"
