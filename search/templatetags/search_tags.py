"""Lists of practices for pages outside the search page, as search results.

The catalogue, theme and city pages and "vergelijkbare aanpakken" ask for their practices
here, so every list shows the same card from the same hit, paginated the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from practices.models import PracticePage
from search.facets import FACETS_BY_NAME, FacetSpec, facet_vocabulary
from search.query import InvalidSearchRequest, search_request_build
from search.results import Hit, Label, SearchResults
from search.selectors import practice_related, practice_search
from search.views import PAGE_PARAM

register = template.Library()


@register.simple_tag
def practice_results(request: HttpRequest, **filters: str) -> SearchResults:
    """Published practices with the given facet values (e.g. theme="…"), one page of them."""
    selection = {name: [value] for name, value in filters.items() if value}
    vocabulary = facet_vocabulary()
    try:
        search_request = search_request_build(
            filters=selection, page=request.GET.get(PAGE_PARAM), vocabulary=vocabulary
        )
    except InvalidSearchRequest:  # a hand-edited page number: show the first page
        search_request = search_request_build(filters=selection, vocabulary=vocabulary)
    return practice_search(search_request)


@register.simple_tag
def related_practices(page: PracticePage, limit: int = 4) -> list[Hit]:
    return practice_related(page.pk, limit=limit)


# The facets the overview can be narrowed by.
NARROWING = ("evidence_level", "period")


@dataclass(frozen=True)
class MatrixRow:
    city: Label
    total: int
    cells: list[tuple[Label, int, str]]  # theme, count, URL of the filtered search


@dataclass(frozen=True)
class Matrix:
    themes: list[tuple[Label, int]]  # column heads with their totals
    rows: list[MatrixRow]
    total: int
    filters: dict[str, tuple[str, ...]]  # the narrowing chosen (evidence level, period)

    @property
    def narrowing_choices(self) -> list[tuple[FacetSpec, list[tuple[str, str, bool]]]]:
        """The narrowing facets with their values as (value, label, checked), for the form."""
        vocabulary = facet_vocabulary()
        return [
            (
                FACETS_BY_NAME[name],
                [
                    (v, label, v in self.filters.get(name, ()))
                    for v, label in vocabulary[name].items()
                ],
            )
            for name in NARROWING
        ]


@register.simple_tag
def practice_matrix(request: HttpRequest) -> Matrix:
    """Who does what where: practices per city (rows) and theme (columns), as searches.

    Narrowed by evidence level and period (`bewijs`, `periode`); sorted by name or by count
    (`rijen=aantal`, `kolommen=aantal`). Each cell links to the search it counts.
    """
    vocabulary = facet_vocabulary()
    narrowing = {
        spec.name: tuple(v for v in request.GET.getlist(spec.param) if v in vocabulary[spec.name])
        for spec in (FACETS_BY_NAME[name] for name in NARROWING)
    }
    narrowing = {name: values for name, values in narrowing.items() if values}
    base = practice_search(
        search_request_build(filters=narrowing, page_size=1, vocabulary=vocabulary)
    )
    per_theme = {
        theme: practice_search(
            search_request_build(
                filters={**narrowing, "theme": [theme]}, page_size=1, vocabulary=vocabulary
            )
        )
        for theme in vocabulary["theme"]
    }
    city_counts = _facet_counts(base, "city")
    themes = [
        (Label(slug, vocabulary["theme"][slug]), results.total)
        for slug, results in per_theme.items()
    ]
    if request.GET.get("kolommen") == "aantal":
        themes.sort(key=lambda item: -item[1])
    narrowing_params = [
        (FACETS_BY_NAME[name].param, v) for name, values in narrowing.items() for v in values
    ]
    rows = []
    for city_slug, total in city_counts.items():
        if not total:
            continue
        cells = []
        for theme, _count in themes:
            count = _facet_counts(per_theme[theme.slug], "city").get(city_slug, 0)
            query = urlencode([("thema", theme.slug), ("stad", city_slug), *narrowing_params])
            cells.append((theme, count, f"{reverse('search')}?{query}"))
        rows.append(MatrixRow(Label(city_slug, vocabulary["city"][city_slug]), total, cells))
    if request.GET.get("rijen") == "aantal":
        rows.sort(key=lambda row: -row.total)
    return Matrix(themes=themes, rows=rows, total=base.total, filters=narrowing)


def _facet_counts(results: SearchResults, name: str) -> dict[str, int]:
    facet = next(facet for facet in results.facets if facet.name == name)
    return {value.value: value.count for value in facet.values}
