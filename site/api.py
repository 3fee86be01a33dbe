"""The public JSON API (/api/v1/), composed from each app's router.

OpenAPI at /api/v1/openapi.json, interactive docs at /api/v1/docs (served from the
django-ninja package, no CDN). Every client error is a JSON `{"detail", "field"}` with a
Dutch message naming the parameter; nothing a client sends causes a 500.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from practices.api import ApiError
from practices.api import router as practices_router
from search.api import router as search_router
from search.query import InvalidSearchRequest
from website.errors import RETRY_AFTER_SECONDS
from website.middleware import api_error_response, current_request_id

logger = logging.getLogger("django.request")

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
api.add_router("", search_router)
api.add_router("", practices_router)


def _error(request: HttpRequest, detail: str, field: str | None, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "field": field}, status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    return _error(request, error.detail, error.field, error.status)


@api.exception_handler(InvalidSearchRequest)
def _invalid_search(request: HttpRequest, error: InvalidSearchRequest) -> HttpResponse:
    return _error(request, f"{error.field}: {error.message}", error.field, 400)


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, error: Exception) -> HttpResponse:
    """Our fault, not the client's: logged with the request id, answered as JSON."""
    logger.exception("API 500 on %s (request %s)", request.path, current_request_id())
    return api_error_response(500)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def _database_unavailable(request: HttpRequest, error: Exception) -> HttpResponse:
    """The database is away (a restart, an outage): a 503 with Retry-After (site/errors.py)."""
    logger.error("API 503 on %s (request %s): %s", request.path, current_request_id(), error)
    response = api_error_response(503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@api.exception_handler(ValidationError)
def _invalid_parameters(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """Ninja answers 422 by default; a malformed parameter is a bad request like any other."""
    first = error.errors[0] if error.errors else {}
    field = str(first.get("loc", ["", "?"])[-1])
    return _error(
        request, f"{field}: ongeldige waarde ({first.get('msg', 'onbekende fout')})", field, 400
    )
