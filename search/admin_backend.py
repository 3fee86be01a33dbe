"""Wagtail's admin search on Elasticsearch (modelsearch), failing softly.

When Elasticsearch refuses the request (wrong credentials, down, hung), modelsearch lets the
error reach the admin page as a 500. Here the error is logged and the editor gets an empty
result list; the page keeps working. Used as WAGTAILSEARCH_BACKENDS' BACKEND, on top of the
Dutch analysis of search/wagtail_backend.py.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from elasticsearch import ApiError, TransportError
from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchResults

from search.wagtail_backend import DutchElasticsearchBackend

logger = logging.getLogger(__name__)


class AdminSearchResults(Elasticsearch8SearchResults):
    def _do_search(self) -> Iterator[Any]:
        try:
            yield from super()._do_search()
        except (ApiError, TransportError) as error:
            logger.error("Admin search failed, showing no results: %s", error)

    def facet(self, field_name: str) -> dict:
        try:
            return super().facet(field_name)
        except (ApiError, TransportError) as error:
            logger.error("Admin search facet failed, showing none: %s", error)
            return {}

    def _do_count(self) -> int:
        try:
            return super()._do_count()
        except (ApiError, TransportError) as error:
            logger.error("Admin search count failed, showing none: %s", error)
            return 0


class AdminSearchBackend(DutchElasticsearchBackend):
    results_class = AdminSearchResults


SearchBackend = AdminSearchBackend
