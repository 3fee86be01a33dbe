"""What a search returns, whichever engine answered. Plain data: views and the API shape it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from search.query import SearchRequest


@dataclass(frozen=True)
class Label:
    slug: str
    name: str


@dataclass(frozen=True)
class Hit:
    page_id: int
    slug: str
    url: str
    title: str
    summary: str
    title_html: SafeString  # escaped, with <mark> around matched words
    summary_html: SafeString
    cities: tuple[Label, ...]
    themes: tuple[Label, ...]
    evidence_level: Label
    evidence_rank: int
    outcome: Label
    period_start: int
    period_end: int | None
    score: float | None = None

    @property
    def period_label(self) -> str:
        if self.period_end is None:
            return f"sinds {self.period_start}"
        if self.period_end == self.period_start:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end}"


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetResult:
    name: str
    label: str
    param: str
    values: tuple[FacetValue, ...]

    @property
    def selected_values(self) -> tuple[FacetValue, ...]:
        return tuple(value for value in self.values if value.selected)


@dataclass(frozen=True)
class Suggestion:
    text: str
    slug: str
    url: str


@dataclass
class SearchResults:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: list[FacetResult]
    engine: str  # "elasticsearch" or "database"
    notice: str = ""  # set when the database engine stood in for Elasticsearch
    did_you_mean: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        if not self.request.page_size:
            return 0
        return max(1, -(-self.total // self.request.page_size))
