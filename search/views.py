"""The public search page (/zoeken/): plain GET forms and links, usable without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.http import urlencode

from search.facets import FACETS, FACETS_BY_NAME, facet_vocabulary
from search.gaps import search_gap_note
from search.query import SORTS, InvalidSearchRequest, search_request_build
from search.results import FacetResult, FacetValue, SearchResults
from search.selectors import practice_search

TEXT_PARAM = "q"
SORT_PARAM = "sorteer"
PAGE_PARAM = "pagina"
# Facet values shown before "meer" (a <details> that needs no JavaScript).
SHOWN_VALUES = 8
_FIELD_LABELS = {
    "q": "Zoektekst",
    "sort": "Sortering",
    "page": "Pagina",
    "page_size": "Aantal per pagina",
}


@dataclass(frozen=True)
class FacetOption:
    value: FacetValue
    toggle_url: str  # this page with the value switched on or off (and back to page 1)


@dataclass(frozen=True)
class FacetBox:
    facet: FacetResult
    options: list[FacetOption]
    more: list[FacetOption]


@dataclass(frozen=True)
class Selection:
    label: str
    param: str
    option: FacetOption


def _url(params: QueryDict) -> str:
    return "?" + params.urlencode() if params else "?"


def _toggled(query: QueryDict, param: str, value: str) -> str:
    params = query.copy()
    params.pop(PAGE_PARAM, None)
    values = params.getlist(param)
    params.setlist(
        param, [v for v in values if v != value] if value in values else [*values, value]
    )
    return _url(params)


def _facet_boxes(results: SearchResults, query: QueryDict) -> list[FacetBox]:
    boxes = []
    for facet in results.facets:
        visible = [
            FacetOption(value, _toggled(query, facet.param, value.value))
            for value in facet.values
            if value.count or value.selected
        ]
        if facet.name != "period":
            visible.sort(key=lambda option: (not option.value.selected, -option.value.count))
        if visible:
            boxes.append(FacetBox(facet, visible[:SHOWN_VALUES], visible[SHOWN_VALUES:]))
    return boxes


def _error_message(error: InvalidSearchRequest) -> str:
    spec = FACETS_BY_NAME.get(error.field)
    label = spec.label if spec else _FIELD_LABELS.get(error.field, error.field)
    return f"{label}: {error.message}"


def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET
    context: dict = {
        "query_text": query.get(TEXT_PARAM, "")[:400],
        "sorts": SORTS,
        "sort": query.get(SORT_PARAM, "relevance"),
    }
    try:
        search_request = search_request_build(
            text=query.get(TEXT_PARAM),
            filters={
                spec.name: query.getlist(spec.param) for spec in FACETS if spec.param in query
            },
            sort=query.get(SORT_PARAM),
            page=query.get(PAGE_PARAM),
            vocabulary=facet_vocabulary(),
        )
    except InvalidSearchRequest as error:
        context["error"] = _error_message(error)
        return render(request, "search/search.html", context, status=400)

    results = practice_search(search_request)
    search_gap_note(results)
    boxes = _facet_boxes(results, query)
    selected = [
        Selection(box.facet.label, box.facet.param, option)
        for box in boxes
        for option in [*box.options, *box.more]
        if option.value.selected
    ]
    context.update(
        results=results,
        facet_boxes=boxes,
        selected=selected,
        clear_url="?"
        + urlencode({TEXT_PARAM: results.request.text} if results.request.text else {}),
        did_you_mean_url="?" + urlencode({TEXT_PARAM: results.did_you_mean})
        if results.did_you_mean
        else "",
    )
    return render(request, "search/search.html", context)
