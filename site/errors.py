"""The site's answer to an unexpected error: a 503 with Retry-After while the database is away.

A PostgreSQL restart or outage makes every page that needs the database fail. That is not a
bug in the page, and users should read that it will pass: a Dutch 503 page (JSON under /api/,
through site/middleware.py) with Retry-After, instead of the generic 500. Django has logged
the error with its traceback and request id (the `django.request` logger) before this runs.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

RETRY_AFTER_SECONDS = 30
UNAVAILABLE = "De catalogus is even niet bereikbaar. Probeer het over een halve minuut opnieuw."
_UNAVAILABLE_PAGE = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Even niet bereikbaar – Wat Werkt in de Wijk</title></head>"
    f"<body><main><h1>Even niet bereikbaar</h1><p>{UNAVAILABLE}</p></main></body></html>"
)


def database_unavailable(error: BaseException | None) -> bool:
    """The database could not be reached (connection refused, lost, or shut down)."""
    return isinstance(error, OperationalError | InterfaceError)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: Django calls it while handling the exception, so it can look at it."""
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(_UNAVAILABLE_PAGE, status=503, content_type="text/html")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
