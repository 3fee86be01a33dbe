"""The interface both search engines implement, so callers never branch on the engine."""

from __future__ import annotations

from typing import Protocol

from search.query import SearchRequest
from search.results import Hit, SearchResults, Suggestion


class EngineUnavailable(Exception):
    """The engine did not answer (down, timing out, or its index is missing)."""


class SearchEngine(Protocol):
    name: str

    def search(self, request: SearchRequest) -> SearchResults: ...

    def suggest(self, text: str, *, limit: int) -> list[Suggestion]: ...

    def related(self, page_id: int, *, limit: int) -> list[Hit]: ...
