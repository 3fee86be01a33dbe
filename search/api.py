"""The search part of the JSON API: search, facet counts, suggestions, related practices.

The router is mounted in site/api.py. Filters are repeated parameters (`?theme=a&theme=b`
means a OR b), declared once from search.facets.FACETS in `FilterParams`. Every invalid
request gets a 400 with a Dutch message naming the parameter.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import AliasPath, BaseModel, ConfigDict, Field, create_model

from practices.api import ErrorOut, practice_id_or_404, reject_unknown_parameters
from search.facets import FACETS, facet_vocabulary
from search.gaps import search_gap_note
from search.query import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_TEXT_LENGTH,
    SORTS,
    clean_text,
    search_request_build,
)
from search.results import Hit, SearchResults, Suggestion
from search.selectors import practice_related, practice_search, practice_suggest

router = Router(tags=["zoeken"])

_FILTER_HELP = "Herhaal de parameter voor meer waarden (OF). Waarden: zie /facets."


class _Filters(Schema):
    def filters(self) -> dict[str, list[str]]:
        return {spec.name: values for spec in FACETS if (values := getattr(self, spec.name))}


# One list parameter per facet.
FilterParams = create_model(
    "FilterParams",
    __base__=_Filters,
    **{
        spec.name: (list[str], Field(default_factory=list, description=_FILTER_HELP))
        for spec in FACETS
    },
)


class FacetParams(FilterParams):
    q: str = Field("", max_length=MAX_TEXT_LENGTH, description="Vrije tekst")


class SearchParams(FacetParams):
    sort: str = Field("relevance", description=f"Een van: {', '.join(SORTS)}")
    # Text, so a malformed number gets our own Dutch message from search_request_build.
    page: str = Field("1", description="Paginanummer, vanaf 1")
    page_size: str = Field(str(DEFAULT_PAGE_SIZE), description=f"1 tot {MAX_PAGE_SIZE}")


class _Out(BaseModel):
    """Response models read straight from our result dataclasses by pydantic itself: about
    4 ms less per search than ninja's Schema, which wraps every nested object on the way."""

    model_config = ConfigDict(from_attributes=True)


class _LabelOut(_Out):
    slug: str
    name: str


class HitOut(_Out):
    slug: str
    url: str
    title: str
    summary: str
    title_html: str
    summary_html: str
    cities: list[_LabelOut]
    themes: list[_LabelOut]
    evidence_level: _LabelOut
    evidence_rank: int
    outcome: _LabelOut
    period_start: int | None
    period_start_derived: bool
    period_end: int | None


class FacetValueOut(_Out):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(_Out):
    name: str
    label: str
    values: list[FacetValueOut]


class FacetsOut(_Out):
    total: int
    engine: str
    notice: str
    facets: list[FacetOut]


class SearchOut(FacetsOut):
    query: str = Field(validation_alias=AliasPath("request", "text"))
    page: int = Field(validation_alias=AliasPath("request", "page"))
    page_size: int = Field(validation_alias=AliasPath("request", "page_size"))
    sort: str = Field(validation_alias=AliasPath("request", "sort"))
    page_count: int
    did_you_mean: str
    results: list[HitOut] = Field(validation_alias="hits")


class SuggestionOut(_Out):
    title: str = Field(validation_alias="text")
    slug: str
    url: str


def _search(request: HttpRequest, params: FacetParams, **paging: str) -> SearchResults:
    reject_unknown_parameters(request, set(type(params).model_fields))
    return practice_search(
        search_request_build(
            text=params.q, filters=params.filters(), vocabulary=facet_vocabulary(), **paging
        )
    )


@router.get("/search", response={200: SearchOut, 400: ErrorOut}, summary="Zoek praktijken")
def search(request: HttpRequest, params: Query[SearchParams]) -> SearchResults:
    results = _search(
        request, params, sort=params.sort, page=params.page, page_size=params.page_size
    )
    search_gap_note(results)
    return results


@router.get(
    "/facets",
    response={200: FacetsOut, 400: ErrorOut},
    summary="Facetwaarden met aantallen (voor een zoekopdracht of de hele catalogus)",
)
def facets(request: HttpRequest, params: Query[FacetParams]) -> SearchResults:
    return _search(request, params, page_size="1")


@router.get(
    "/suggest",
    response={200: list[SuggestionOut], 400: ErrorOut},
    summary="Titels die aanvullen wat iemand typt",
)
def suggest(
    request: HttpRequest,
    q: str = Query(..., max_length=MAX_TEXT_LENGTH),
    limit: int = Query(8, ge=1, le=20),
) -> list[Suggestion]:
    reject_unknown_parameters(request, {"q", "limit"})
    text = clean_text(q)
    return practice_suggest(text, limit=limit) if text else []


@router.get(
    "/practices/{slug}/related",
    response={200: list[HitOut], 404: ErrorOut},
    summary="Vergelijkbare praktijken (more like this)",
)
def related(request: HttpRequest, slug: str, limit: int = Query(4, ge=1, le=20)) -> list[Hit]:
    reject_unknown_parameters(request, {"limit"})
    return practice_related(practice_id_or_404(slug), limit=limit)
