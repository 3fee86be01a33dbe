"""Request ids and the API's error contract at the edge of the site.

Every request gets an id (the client's `X-Request-ID` when it is sane, else a new one); it
goes back in the response header, into every log line of that request, and into the body of
an API 500, so a user's report can be matched to the log. Under /api/, an error page that
Django would render as HTML (an unknown URL, a 500, a 429) becomes JSON.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
logger = logging.getLogger(__name__)
# A request slower than this is logged (with its id), so a slow answer a user or a fault run
# saw can be told apart from time spent before the site got the request.
SLOW_REQUEST_SECONDS = 1.0

API_PREFIX = "/api/"
API_ERROR_DETAIL = {
    404: "niet gevonden",
    405: "methode niet toegestaan",
    429: "te veel verzoeken; probeer het over een minuut opnieuw",
    500: "interne fout; meld het met dit request_id",
    503: "de catalogus is even niet bereikbaar; probeer het over een halve minuut opnieuw",
}


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every log record (a dash outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


def api_error_response(status: int, detail: str | None = None) -> HttpResponse:
    body = {
        "detail": detail or API_ERROR_DETAIL.get(status, "fout"),
        "field": None,
        "request_id": current_request_id(),
    }
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = given if _VALID_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response = self._api_json(request, response)
            response[REQUEST_ID_HEADER] = request_id
            return response
        finally:
            elapsed = time.monotonic() - started
            if elapsed > SLOW_REQUEST_SECONDS:
                logger.warning("Slow request %s: %.0f ms in the site", request.path, elapsed * 1000)
            _request_id.reset(token)

    def _api_json(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        is_json = response.get("Content-Type", "").startswith("application/json")
        if request.path.startswith(API_PREFIX) and response.status_code >= 400 and not is_json:
            converted = api_error_response(response.status_code)
            for header in ("Allow", "Retry-After"):  # 405 and 429 must keep theirs
                if header in response:
                    converted[header] = response[header]
            return converted
        return response
