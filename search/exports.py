"""Getting data out: a search result or a comparison as a CSV or JSON file.

Both take the public page's own parameters, so a download holds what the page shows. CSV opens
correctly in Excel with Dutch regional settings: UTF-8 with a byte order mark and `;` between
fields (Dutch Excel uses the comma as decimal separator). Text that a spreadsheet would run as
a formula is neutralised (`csv_cell`). One writer serves both (`csv_response`, `json_response`).
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.html import strip_tags
from django.utils.safestring import SafeString

from practices.compare import ROWS, Comparison, practices_compare
from practices.models import PracticePage
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


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice):
    shown as written, never executed. Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return f"'{value}"
    return value


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_response(
    header: Sequence[str], rows: Iterable[Sequence[object]], name: str
) -> HttpResponse:
    """A CSV download for Dutch Excel: BOM, `;`, every cell through `csv_cell`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([csv_cell(column) for column in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return _attachment(response, name)


def json_response(data: dict[str, Any], name: str) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=1)
    return _attachment(HttpResponse(body, content_type="application/json; charset=utf-8"), name)


# --- A search result --------------------------------------------------------------------------


def search_export_csv(request: HttpRequest) -> HttpResponse:
    try:
        hits = _hits(request)
    except InvalidSearchRequest as error:
        return HttpResponseBadRequest(error.message)
    rows = ([value(hit, request) for _, value in COLUMNS] for hit in hits)
    return csv_response([name for name, _ in COLUMNS], rows, "praktijken.csv")


def search_export_json(request: HttpRequest) -> HttpResponse:
    try:
        hits = _hits(request)
    except InvalidSearchRequest as error:
        return HttpResponseBadRequest(error.message)
    rows = [{name: value(hit, request) for name, value in COLUMNS} for hit in hits]
    return json_response({"aantal": len(rows), "praktijken": rows}, "praktijken.json")


# --- A comparison -----------------------------------------------------------------------------

COMPARE_PARAM = "praktijk"  # the comparison page's parameter: ?praktijk=a&praktijk=b
_BLOCK_END = re.compile(r"</(?:li|p|h\d|tr|ul|ol|table)>|<br\s*/?>")


def _plain(value: SafeString | str) -> str:
    """A comparison cell as text: HTML (lists, rendered Markdown) as lines without markup."""
    if not isinstance(value, SafeString):
        return str(value)
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", value)))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _comparison_rows(comparison: Comparison, request: HttpRequest) -> tuple[list[str], list]:
    """One row per practice: title and link, then the comparison page's rows (ROWS) as text."""
    header = ["titel", "link", *(label for label, _ in ROWS)]
    rows = [
        [
            practice.title,
            request.build_absolute_uri(practice.get_url(request)),
            *(_plain(row.values[column]) for row in comparison.rows),
        ]
        for column, practice in enumerate(comparison.practices)
    ]
    return header, rows


def _comparison(request: HttpRequest) -> Comparison:
    return practices_compare(request.GET.getlist(COMPARE_PARAM), pages=PracticePage.objects.live())


def comparison_export_csv(request: HttpRequest) -> HttpResponse:
    header, rows = _comparison_rows(_comparison(request), request)
    return csv_response(header, rows, "vergelijking.csv")


def comparison_export_json(request: HttpRequest) -> HttpResponse:
    comparison = _comparison(request)
    header, rows = _comparison_rows(comparison, request)
    practices = [dict(zip(header, row, strict=True)) for row in rows]
    data = {"aantal": len(practices), "meldingen": comparison.messages, "praktijken": practices}
    return json_response(data, "vergelijking.json")
