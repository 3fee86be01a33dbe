"""One contract, two engines: the same requests give the same filters, facets and counts.

Each test runs against the database engine and the real Elasticsearch. Facet counts are
checked against an independent brute-force count over the published pages.
"""

from __future__ import annotations

from datetime import date

import pytest

from practices.models import PracticePage
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.facets import FACETS, facet_vocabulary
from search.periods import period_buckets
from search.query import search_request_build

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request):
    if request.param == "elasticsearch":
        request.getfixturevalue("require_elasticsearch")
        return ElasticsearchEngine()
    return DatabaseEngine()


def build(text="", **filters):
    sort = filters.pop("sort", None)
    page = filters.pop("page", None)
    page_size = filters.pop("page_size", None)
    return search_request_build(
        text=text,
        filters=filters,
        sort=sort,
        page=page,
        page_size=page_size,
        vocabulary=facet_vocabulary(),
    )


def facet_values_of(page: PracticePage) -> dict[str, set[str]]:
    return {
        "theme": {t.slug for t in page.themes.all()},
        "city": {c.slug for c in page.cities.all()},
        "domain": {d.slug for d in page.domains.all()},
        "target_group": {g.slug for g in page.target_groups.all()},
        "evidence_level": {page.evidence_level.slug},
        "outcome": {page.outcome.slug},
        "period": set(period_buckets(page.period_start, page.period_end, today=date.today())),
    }


def expected_counts(selection: dict[str, list[str]]) -> tuple[int, dict[str, dict[str, int]]]:
    """Brute force: OR within a facet, AND across facets, own selection ignored for counts."""
    pages = [facet_values_of(page) for page in PracticePage.objects.live()]

    def matches(values, ignore=None):
        return all(
            values[name] & set(chosen) for name, chosen in selection.items() if name != ignore
        )

    total = sum(1 for values in pages if matches(values))
    counts: dict[str, dict[str, int]] = {}
    for spec in FACETS:
        counted: dict[str, int] = {}
        for values in pages:
            if matches(values, ignore=spec.name):
                for value in values[spec.name]:
                    counted[value] = counted.get(value, 0) + 1
        counts[spec.name] = counted
    return total, counts


def engine_counts(results) -> dict[str, dict[str, int]]:
    return {
        facet.name: {value.value: value.count for value in facet.values if value.count}
        for facet in results.facets
    }


SELECTIONS = [
    {},
    {"theme": ["bewonersbetrokkenheid"]},
    {"theme": ["bewonersbetrokkenheid", "frontlijnsturing"]},
    {"theme": ["bewonersbetrokkenheid"], "city": ["rotterdam", "leeuwarden"]},
    {"evidence_level": ["praktijkvoorbeeld"], "domain": ["werk", "wonen"]},
    {"period": ["2005-2009", "2010-2014"], "outcome": ["werkt"]},
    {"city": ["rotterdam"], "theme": ["gebiedsgericht-werken"], "target_group": ["bewoners"]},
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: "+".join(s) or "none")
def test_facet_counts_are_exact_for_combined_selections(engine, selection):
    results = engine.search(build(**selection))
    total, counts = expected_counts(selection)
    assert results.total == total
    assert engine_counts(results) == counts
    for facet in results.facets:
        assert {v.value for v in facet.values if v.selected} == set(selection.get(facet.name, []))


def test_a_facet_keeps_counts_of_its_unselected_values(engine):
    """Choosing one theme must still show how many the other themes would add."""
    narrowed = engine.search(build(theme=["frontlijnsturing"]))
    everything = engine.search(build())
    themes_narrowed = {v.value: v.count for v in narrowed.facets[0].values}
    themes_all = {v.value: v.count for v in everything.facets[0].values}
    assert narrowed.facets[0].name == "theme"
    assert themes_narrowed == themes_all
    assert narrowed.total == themes_all["frontlijnsturing"] < everything.total


def test_every_hit_satisfies_the_filters(engine):
    results = engine.search(
        build(theme=["bewonersbetrokkenheid"], city=["rotterdam", "amsterdam"], page_size=50)
    )
    assert results.hits
    for hit in results.hits:
        assert "bewonersbetrokkenheid" in {t.slug for t in hit.themes}
        assert {c.slug for c in hit.cities} & {"rotterdam", "amsterdam"}


@pytest.mark.parametrize(
    ("text", "expected_slug"),
    [
        ("bewonersbedrijf", "bewonersbedrijf-heechterp-schieringen-leeuwarden"),
        ("bewonersbedrijven", "bewonersbedrijf-heechterp-schieringen-leeuwarden"),
        ("wijkonderneming", "bewonersbedrijf-heechterp-schieringen-leeuwarden"),
        ("wijkbedrijf", "wijkbedrijf-selwerd-groningen"),
        ("frontlijnteam", "frontlijnteam-heechterp-schieringen-leeuwarden"),
        ("frontlijnsturing", "frontlijnteam-heechterp-schieringen-leeuwarden"),
        ("sociaal wijkteam", "frontlijnteam-heechterp-schieringen-leeuwarden"),
        ("maatschappelijke kosten-batenanalyse", "mkba-integrale-aanpak-zuilen-utrecht"),
        ("MKBA", "mkba-integrale-aanpak-zuilen-utrecht"),
        ("Vakmanstad", "rotterdam-vakmanstad-bloemhof-rotterdam"),
        ("crowdfunding", "crowdfunding-voorjebuurt-bruisplaats-gouda"),
    ],
)
def test_domain_words_in_any_spelling_find_the_practice(engine, text, expected_slug):
    results = engine.search(build(text, page_size=10))
    assert expected_slug in [hit.slug for hit in results.hits], (
        f"{text!r} did not find {expected_slug} on {engine.name}: "
        f"{[hit.slug for hit in results.hits]}"
    )


def test_text_and_filters_combine(engine):
    results = engine.search(build("bewoners", city=["leeuwarden"]))
    assert results.total >= 1
    assert all("leeuwarden" in {c.slug for c in hit.cities} for hit in results.hits)
    unfiltered = engine.search(build("bewoners"))
    assert unfiltered.total > results.total


def test_matches_are_highlighted_and_text_is_escaped(engine):
    results = engine.search(build("bewonersbedrijf"))
    top = results.hits[0]
    assert "<mark>" in top.title_html + top.summary_html
    for hit in results.hits:
        stripped = str(hit.title_html).replace("<mark>", "").replace("</mark>", "")
        assert "<" not in stripped


def test_sort_by_evidence_puts_strongest_evidence_first(engine):
    results = engine.search(build(sort="evidence", page_size=50))
    ranks = [hit.evidence_rank for hit in results.hits]
    assert ranks == sorted(ranks, reverse=True)
    assert len(set(ranks)) > 1


def test_sort_by_newest_puts_latest_start_first_and_unknown_starts_last(engine):
    results = engine.search(build(sort="newest", page_size=50))
    starts = [hit.period_start for hit in results.hits]
    known = [start for start in starts if start is not None]
    assert known == sorted(known, reverse=True)
    assert starts == known + [None] * (len(starts) - len(known))
    assert PracticePage.objects.live().filter(period_start=None).exists(), "test needs one"


def test_pages_partition_the_results(engine):
    total = engine.search(build(page_size=50)).total
    first = engine.search(build(page_size=10, page=1))
    second = engine.search(build(page_size=10, page=2))
    assert first.total == second.total == total
    assert len(first.hits) == 10
    assert not {h.slug for h in first.hits} & {h.slug for h in second.hits}


def test_no_match_gives_zero_hits_and_full_facets(engine):
    results = engine.search(build("xyzzyquux"))
    assert results.total == 0
    assert results.hits == []
    assert [facet.name for facet in results.facets] == [spec.name for spec in FACETS]


def test_did_you_mean_corrects_a_misspelled_domain_word(engine):
    results = engine.search(build("bewonersbedrjif"))
    assert results.did_you_mean == "bewonersbedrijf"
    assert engine.search(build("bewonersbedrijf in leeuwarden")).did_you_mean == ""


def test_suggest_completes_titles(engine):
    suggestions = engine.suggest("bewonersbed", limit=5)
    assert "bewonersbedrijf-heechterp-schieringen-leeuwarden" in [s.slug for s in suggestions]


def test_related_practices_exclude_the_practice_itself(engine):
    page = PracticePage.objects.live().get(slug="bewonersbedrijf-heechterp-schieringen-leeuwarden")
    related = engine.related(page.pk, limit=4)
    assert 1 <= len(related) <= 4
    assert page.slug not in [hit.slug for hit in related]


def test_stop_words_only_query_does_not_fail(engine):
    results = engine.search(build("de het een"))
    assert results.total >= 0


@pytest.mark.parametrize(
    "text", ['"unbalanced', "title:(x OR", "a AND OR NOT", "*?~^", "\\", "{}[]/"]
)
def test_query_syntax_in_user_text_is_just_text(engine, text):
    results = engine.search(build(text))
    assert results.total >= 0
