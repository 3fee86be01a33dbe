"""Rate limits on the expensive public endpoints (search, suggest, export), per client IP.

The limits live in settings (`RATE_LIMITS`: path prefix → "count/period") and are counted by
django-ratelimit in the cache. Over the limit, the answer is a 429 in Dutch with Retry-After
(JSON under /api/, a short page elsewhere). With the default per-process memory cache each
process counts on its own; set CACHE_URL (Redis) in production to share the count.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django_ratelimit.core import is_ratelimited

from website.middleware import API_PREFIX, api_error_response

TOO_MANY = "Te veel zoekopdrachten in korte tijd. Wacht een minuut en probeer het opnieuw."


def _rule(path: str) -> tuple[str, str] | None:
    for prefix, rate in settings.RATE_LIMITS.items():
        if path.startswith(prefix):
            return prefix, rate
    return None


def too_many_requests(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        response = api_error_response(429, TOO_MANY)
    else:
        body = f'<!DOCTYPE html><html lang="nl"><title>Te veel verzoeken</title><p>{TOO_MANY}'
        response = HttpResponse(body, status=429, content_type="text/html; charset=utf-8")
    response["Retry-After"] = "60"
    return response


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rule = _rule(request.path)
        if rule is not None:
            prefix, rate = rule
            limited = is_ratelimited(
                request, group=f"path:{prefix}", key="ip", rate=rate, increment=True
            )
            if limited:
                return too_many_requests(request)
        return self.get_response(request)
