"""Whole anonymous search responses, cached: what keeps the site up when a national audience
arrives and asks the same few questions.

A response is kept under its path, its query string and the index generation, a number that
every change to what searches find increments (search/generation.py: a publish reaching an
index, a rebuild, a renamed category). A change therefore makes every earlier response
unreachable at once, and no response is served for longer than a second
after the change (each process reads the generation from the database at most once a second),
well inside the 2 s publish-to-searchable bar. Only anonymous GET requests to the JSON search
endpoints, only 200 responses, and only searches with at least FEW_HITS results (the
search-gap report counts searches that find less, so those always run).
Cached in the default cache: per process, or shared when CACHE_URL is set. Hits and misses
are counted per process (`stats`) for the benchmark.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from search.engines.elasticsearch import FEW_HITS
from search.generation import generation

CACHED_PATHS = ("/api/v1/search", "/api/v1/facets", "/api/v1/suggest")
CACHED_PREFIXES = ("/api/v1/practices/",)  # …/<slug>/related
TTL_SECONDS = 300

stats = {"hits": 0, "misses": 0}


def _cacheable(request: HttpRequest) -> bool:
    path = request.path
    related = path.startswith(CACHED_PREFIXES) and path.endswith("/related")
    return (
        settings.SEARCH_RESPONSE_CACHE
        and request.method == "GET"
        and (path in CACHED_PATHS or related)
        and not request.user.is_authenticated
    )


def _worth_keeping(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if request.path != "/api/v1/search":
        return True
    return json.loads(response.content).get("total", 0) >= FEW_HITS


class SearchResponseCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable(request) or (current := generation()) is None:
            return self.get_response(request)
        query = request.META.get("QUERY_STRING", "")
        digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
        key = f"search-response:{current}:{digest}"
        cached = cache.get(key)
        if cached is not None:
            stats["hits"] += 1
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Search-Cache"] = "hit"
            return response
        stats["misses"] += 1
        response = self.get_response(request)
        if _worth_keeping(request, response):
            cache.set(key, (response.content, response["Content-Type"]), TTL_SECONDS)
        response["X-Search-Cache"] = "miss"
        return response
