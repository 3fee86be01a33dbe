"""A validated search request. User input is checked here once; engines trust what they get."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MAX_TEXT_LENGTH = 200
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20
# Deep pages are useless to people and expensive to engines: the first 1,000 results only.
MAX_RESULT_WINDOW = 1000
SORTS = {
    "relevance": "Best passend",
    "newest": "Nieuwste aanpak eerst",
    "evidence": "Sterkste bewijs eerst",
}


class InvalidSearchRequest(ValueError):
    def __init__(self, field_name: str, message: str):
        self.field = field_name
        self.message = message
        super().__init__(f"{field_name}: {message}")


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def selected(self, facet: str) -> tuple[str, ...]:
        return self.filters.get(facet, ())


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_text(raw: str | None) -> str:
    """Normalise user text: Unicode NFC, no control characters, single spaces."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFC", raw)
    text = _CONTROL.sub(" ", text)
    # Lone surrogates cannot be encoded and would fail deep inside a client library.
    text = text.encode("utf-8", "replace").decode("utf-8")
    return " ".join(text.split())


def _positive_int(raw: object, name: str, default: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise InvalidSearchRequest(
            name, f"moet een geheel getal zijn, niet {str(raw)[:40]!r}"
        ) from None
    if value < 1:
        raise InvalidSearchRequest(name, "moet 1 of hoger zijn")
    return value


def search_request_build(
    *,
    text: str | None = None,
    filters: Mapping[str, Iterable[str]] | None = None,
    sort: str | None = None,
    page: object = None,
    page_size: object = None,
    vocabulary: Mapping[str, Mapping[str, str]],
) -> SearchRequest:
    """Validate raw parameters into a SearchRequest, or raise InvalidSearchRequest."""
    text = clean_text(text)
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidSearchRequest("q", f"is te lang: maximaal {MAX_TEXT_LENGTH} tekens")

    clean_filters: dict[str, tuple[str, ...]] = {}
    for name, raw_values in (filters or {}).items():
        if name not in vocabulary:
            raise InvalidSearchRequest(name, "onbekend filter")
        values = tuple(dict.fromkeys(clean_text(v) for v in raw_values if clean_text(v)))
        unknown = [value for value in values if value not in vocabulary[name]]
        if unknown:
            raise InvalidSearchRequest(
                name,
                f"onbekende waarde {unknown[0][:60]!r}; kies uit: " + ", ".join(vocabulary[name]),
            )
        if values:
            clean_filters[name] = values

    sort = clean_text(sort) or "relevance"
    if sort not in SORTS:
        raise InvalidSearchRequest("sort", f"kies uit: {', '.join(SORTS)}")

    page_number = _positive_int(page, "page", 1)
    size = _positive_int(page_size, "page_size", DEFAULT_PAGE_SIZE)
    if size > MAX_PAGE_SIZE:
        raise InvalidSearchRequest("page_size", f"maximaal {MAX_PAGE_SIZE}")
    if page_number * size > MAX_RESULT_WINDOW:
        raise InvalidSearchRequest(
            "page",
            f"te ver: alleen de eerste {MAX_RESULT_WINDOW} resultaten zijn op te vragen; "
            "verfijn de zoekopdracht",
        )
    return SearchRequest(
        text=text, filters=clean_filters, sort=sort, page=page_number, page_size=size
    )
