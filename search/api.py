"""The public JSON API (django-ninja, OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Every invalid request gets a 400 with a Dutch message naming the parameter; nothing a client
sends can cause a 500. Filters are repeated parameters: `?theme=a&theme=b` means a OR b.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError

from practices.markdown import render_markdown
from practices.models import PracticePage
from practices.selectors import practice_detail
from search.facets import FACETS, facet_vocabulary
from search.query import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_TEXT_LENGTH,
    SORTS,
    InvalidSearchRequest,
    clean_text,
    search_request_build,
)
from search.results import FacetResult, Hit, SearchResults
from search.selectors import practice_related, practice_search, practice_suggest

api = NinjaAPI(
    title="Wat Werkt in de Wijk API",
    version="1",
    description=(
        "Zoek in de catalogus van bewezen wijkaanpakken: vrije tekst, filters per facet "
        "(binnen een facet OF, tussen facetten EN), tellingen per facetwaarde, suggesties "
        "en vergelijkbare aanpakken."
    ),
    urls_namespace="api",
)

FILTER_PARAMS = tuple(spec.name for spec in FACETS)
SEARCH_PARAMS = {"q", "sort", "page", "page_size", *FILTER_PARAMS}


# --- Schemas ----------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class LabelOut(Schema):
    slug: str
    name: str


class HitOut(Schema):
    slug: str
    url: str
    title: str
    summary: str
    title_html: str
    summary_html: str
    cities: list[LabelOut]
    themes: list[LabelOut]
    evidence_level: LabelOut
    evidence_rank: int
    outcome: LabelOut
    period_start: int
    period_end: int | None


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
    label: str
    values: list[FacetValueOut]


class SearchOut(Schema):
    query: str
    total: int
    page: int
    page_size: int
    page_count: int
    sort: str
    engine: str
    notice: str
    did_you_mean: str
    results: list[HitOut]
    facets: list[FacetOut]


class FacetsOut(Schema):
    total: int
    engine: str
    notice: str
    facets: list[FacetOut]


class SuggestionOut(Schema):
    title: str
    slug: str
    url: str


class FigureOut(Schema):
    label: str
    value: Decimal
    unit: str
    year: int | None


class SourceOut(Schema):
    document: str
    publisher: str
    year: int
    section: str
    page: str
    url: str


class EvidenceOut(Schema):
    level: LabelOut
    rank: int
    definition: str
    justification: str
    outcome: LabelOut


class PracticeOut(Schema):
    slug: str
    url: str
    title: str
    summary: str
    cities: list[LabelOut]
    wijk: str
    themes: list[LabelOut]
    domains: list[LabelOut]
    target_groups: list[LabelOut]
    target_group_description: str
    evidence: EvidenceOut
    period_start: int
    period_end: int | None
    lead_organisation: str
    partners: list[str]
    figures: list[FigureOut]
    cost_amount_eur: Decimal | None
    mkba_return_per_euro: Decimal | None
    mkba_summary: str
    approach_html: str
    results_html: str
    costs_html: str
    lessons_html: str
    sources: list[SourceOut]
    contact: dict[str, str]
    last_published_at: str | None


# --- Error handling ---------------------------------------------------------------------------


class BadRequest(Exception):
    def __init__(self, detail: str, field: str | None = None):
        self.detail = detail
        self.field = field
        super().__init__(detail)


@api.exception_handler(BadRequest)
def _bad_request(request: HttpRequest, error: BadRequest) -> HttpResponse:
    return api.create_response(request, {"detail": error.detail, "field": error.field}, status=400)


@api.exception_handler(InvalidSearchRequest)
def _invalid_search(request: HttpRequest, error: InvalidSearchRequest) -> HttpResponse:
    return api.create_response(
        request, {"detail": f"{error.field}: {error.message}", "field": error.field}, status=400
    )


@api.exception_handler(ValidationError)
def _invalid_parameters(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """Ninja answers 422 by default; a malformed parameter is a bad request like any other."""
    first = error.errors[0] if error.errors else {}
    field = str(first.get("loc", ["", "?"])[-1])
    message = f"{field}: ongeldige waarde ({first.get('msg', 'onbekende fout')})"
    return api.create_response(request, {"detail": message, "field": field}, status=400)


def _reject_unknown(request: HttpRequest, allowed: set[str]) -> None:
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise BadRequest(
            f"onbekende parameter {unknown[0][:40]!r}; toegestaan: {', '.join(sorted(allowed))}",
            unknown[0][:40],
        )


# --- Shaping ----------------------------------------------------------------------------------


def _hit_out(hit: Hit) -> dict:
    return {
        "slug": hit.slug,
        "url": hit.url,
        "title": hit.title,
        "summary": hit.summary,
        "title_html": str(hit.title_html),
        "summary_html": str(hit.summary_html),
        "cities": [vars(label) for label in hit.cities],
        "themes": [vars(label) for label in hit.themes],
        "evidence_level": vars(hit.evidence_level),
        "evidence_rank": hit.evidence_rank,
        "outcome": vars(hit.outcome),
        "period_start": hit.period_start,
        "period_end": hit.period_end,
    }


def _facet_out(facet: FacetResult) -> dict:
    return {
        "name": facet.name,
        "label": facet.label,
        "values": [vars(value) for value in facet.values],
    }


def _run_search(
    request: HttpRequest, *, q: str, sort: str, page: int, page_size: int, allowed: set[str]
) -> SearchResults:
    _reject_unknown(request, allowed)
    search_request = search_request_build(
        text=q,
        filters={name: request.GET.getlist(name) for name in FILTER_PARAMS if name in request.GET},
        sort=sort,
        page=page,
        page_size=page_size,
        vocabulary=facet_vocabulary(),
    )
    return practice_search(search_request)


# --- Endpoints --------------------------------------------------------------------------------

_FILTER_HELP = "Herhaal de parameter voor meer waarden (OF). Waarden: zie /facets."


@api.get("/search", response={200: SearchOut, 400: ErrorOut}, summary="Zoek praktijken")
def search(
    request: HttpRequest,
    q: str = Query("", max_length=MAX_TEXT_LENGTH * 4, description="Vrije tekst"),
    theme: list[str] = Query(None, description=_FILTER_HELP),
    city: list[str] = Query(None, description=_FILTER_HELP),
    evidence_level: list[str] = Query(None, description=_FILTER_HELP),
    outcome: list[str] = Query(None, description=_FILTER_HELP),
    domain: list[str] = Query(None, description=_FILTER_HELP),
    target_group: list[str] = Query(None, description=_FILTER_HELP),
    period: list[str] = Query(None, description=_FILTER_HELP),
    sort: str = Query("relevance", description=f"Een van: {', '.join(SORTS)}"),
    page: str = Query("1", description="Paginanummer, vanaf 1"),
    page_size: str = Query(str(DEFAULT_PAGE_SIZE), description=f"1 tot {MAX_PAGE_SIZE}"),
) -> dict:
    results = _run_search(
        request, q=q, sort=sort, page=page, page_size=page_size, allowed=SEARCH_PARAMS
    )
    return {
        "query": results.request.text,
        "total": results.total,
        "page": results.request.page,
        "page_size": results.request.page_size,
        "page_count": results.page_count,
        "sort": results.request.sort,
        "engine": results.engine,
        "notice": results.notice,
        "did_you_mean": results.did_you_mean,
        "results": [_hit_out(hit) for hit in results.hits],
        "facets": [_facet_out(facet) for facet in results.facets],
    }


@api.get(
    "/facets",
    response={200: FacetsOut, 400: ErrorOut},
    summary="Facetwaarden met aantallen (voor een zoekopdracht of de hele catalogus)",
)
def facets(
    request: HttpRequest,
    q: str = Query("", max_length=MAX_TEXT_LENGTH * 4),
    theme: list[str] = Query(None),
    city: list[str] = Query(None),
    evidence_level: list[str] = Query(None),
    outcome: list[str] = Query(None),
    domain: list[str] = Query(None),
    target_group: list[str] = Query(None),
    period: list[str] = Query(None),
) -> dict:
    results = _run_search(
        request, q=q, sort="relevance", page=1, page_size=1, allowed={"q", *FILTER_PARAMS}
    )
    return {
        "total": results.total,
        "engine": results.engine,
        "notice": results.notice,
        "facets": [_facet_out(facet) for facet in results.facets],
    }


@api.get(
    "/suggest",
    response={200: list[SuggestionOut], 400: ErrorOut},
    summary="Titels die aanvullen wat iemand typt",
)
def suggest(
    request: HttpRequest,
    q: str = Query(..., max_length=MAX_TEXT_LENGTH * 4),
    limit: int = Query(8, ge=1, le=20),
) -> list[dict]:
    _reject_unknown(request, {"q", "limit"})
    text = clean_text(q)
    if len(text) > MAX_TEXT_LENGTH:
        raise BadRequest(f"q: is te lang: maximaal {MAX_TEXT_LENGTH} tekens", "q")
    if not text:
        return []
    return [
        {"title": item.text, "slug": item.slug, "url": item.url}
        for item in practice_suggest(text, limit=limit)
    ]


def _practice_or_404(slug: str) -> PracticePage:
    practice = practice_detail(slug)
    if practice is None:
        raise _NotFound(f"geen gepubliceerde praktijk met slug {slug[:80]!r}")
    return practice


class _NotFound(Exception):
    pass


@api.exception_handler(_NotFound)
def _not_found(request: HttpRequest, error: _NotFound) -> HttpResponse:
    return api.create_response(request, {"detail": str(error), "field": "slug"}, status=404)


@api.get(
    "/practices/{slug}",
    response={200: PracticeOut, 404: ErrorOut},
    summary="Eén praktijk met alle velden",
)
def practice(request: HttpRequest, slug: str) -> dict:
    _reject_unknown(request, set())
    page = _practice_or_404(slug)
    level = page.evidence_level

    def labels(items) -> list[dict]:
        return [{"slug": item.slug, "name": item.name} for item in items]

    return {
        "slug": page.slug,
        "url": page.url,
        "title": page.title,
        "summary": page.summary,
        "cities": labels(page.cities.all()),
        "wijk": page.wijk,
        "themes": labels(page.themes.all()),
        "domains": labels(page.domains.all()),
        "target_groups": labels(page.target_groups.all()),
        "target_group_description": page.target_group_description,
        "evidence": {
            "level": {"slug": level.slug, "name": level.name},
            "rank": level.rank,
            "definition": level.definition,
            "justification": page.evidence_justification,
            "outcome": {"slug": page.outcome.slug, "name": page.outcome.name},
        },
        "period_start": page.period_start,
        "period_end": page.period_end,
        "lead_organisation": page.lead_organisation,
        "partners": [partner.name for partner in page.partners.all()],
        "figures": [
            {"label": f.label, "value": f.value, "unit": f.unit, "year": f.year}
            for f in page.figures.all()
        ],
        "cost_amount_eur": page.cost_amount_eur,
        "mkba_return_per_euro": page.mkba_return_per_euro,
        "mkba_summary": page.mkba_summary,
        "approach_html": render_markdown(page.approach),
        "results_html": render_markdown(page.results),
        "costs_html": render_markdown(page.costs_description),
        "lessons_html": render_markdown(page.lessons),
        "sources": [
            {
                "document": s.document,
                "publisher": s.publisher,
                "year": s.year,
                "section": s.section,
                "page": s.page_number,
                "url": s.url,
            }
            for s in page.sources.all()
        ],
        "contact": {
            key: value
            for key, value in (
                ("organisation", page.contact_organisation),
                ("name", page.contact_name),
                ("email", page.contact_email),
                ("phone", page.contact_phone),
                ("url", page.contact_url),
            )
            if value
        },
        "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
    }


@api.get(
    "/practices/{slug}/related",
    response={200: list[HitOut], 404: ErrorOut},
    summary="Vergelijkbare praktijken (more like this)",
)
def related(request: HttpRequest, slug: str, limit: int = Query(4, ge=1, le=20)) -> list[dict]:
    _reject_unknown(request, {"limit"})
    page = _practice_or_404(slug)
    return [_hit_out(hit) for hit in practice_related(page.pk, limit=limit)]
