"""A search result as a file: CSV for spreadsheets and JSON, with the public page's parameters.

CSV opens correctly in Excel with Dutch regional settings: UTF-8 with a byte order mark and
`;` between fields (Dutch Excel uses the comma as decimal separator).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

from search.facets import FACETS, facet_vocabulary
from search.query import MAX_PAGE_SIZE, InvalidSearchRequest, search_request_build
from search.results import Hit
from search.selectors import practice_search
from search.views import SORT_PARAM, TEXT_PARAM

EXPORT_LIMIT = 1000  # practices per file


def _names(labels: tuple) -> str:
    return "; ".join(label.name for label in labels)


COLUMNS: tuple[tuple[str, Callable[[Hit, HttpRequest], object]], ...] = (
    ("titel", lambda hit, request: hit.title),
    ("link", lambda hit, request: request.build_absolute_uri(hit.url)),
    ("samenvatting", lambda hit, request: hit.summary),
    ("steden", lambda hit, request: _names(hit.cities)),
    ("thema's", lambda hit, request: _names(hit.themes)),
    ("bewijsniveau", lambda hit, request: hit.evidence_level.name),
    ("trede", lambda hit, request: hit.evidence_rank),
    ("uitkomst", lambda hit, request: hit.outcome.name),
    ("periode", lambda hit, request: hit.period_label),
)


def _hits(request: HttpRequest) -> list[Hit]:
    """Every hit of the search in the query string (up to EXPORT_LIMIT), in its order."""
    query = request.GET
    filters = {spec.name: query.getlist(spec.param) for spec in FACETS if spec.param in query}
    hits: list[Hit] = []
    for page in range(1, EXPORT_LIMIT // MAX_PAGE_SIZE + 1):
        results = practice_search(
            search_request_build(
                text=query.get(TEXT_PARAM),
                filters=filters,
                sort=query.get(SORT_PARAM),
                page=str(page),
                page_size=str(MAX_PAGE_SIZE),
                vocabulary=facet_vocabulary(),
            )
        )
        hits.extend(results.hits)
        if page >= results.page_count:
            break
    return hits


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def search_export_csv(request: HttpRequest) -> HttpResponse:
    try:
        hits = _hits(request)
    except InvalidSearchRequest as error:
        return HttpResponseBadRequest(error.message)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([name for name, _ in COLUMNS])
    for hit in hits:
        writer.writerow([value(hit, request) for _, value in COLUMNS])
    return _attachment(response, "praktijken.csv")


def search_export_json(request: HttpRequest) -> HttpResponse:
    try:
        hits = _hits(request)
    except InvalidSearchRequest as error:
        return HttpResponseBadRequest(error.message)
    rows = [{name: value(hit, request) for name, value in COLUMNS} for hit in hits]
    body = json.dumps({"aantal": len(rows), "praktijken": rows}, ensure_ascii=False, indent=1)
    return _attachment(
        HttpResponse(body, content_type="application/json; charset=utf-8"), "praktijken.json"
    )
