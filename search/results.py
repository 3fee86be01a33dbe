"""What a search returns, whichever engine answered. Plain data: views and the API shape it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from practices.models import period_label
from search.facets import FACETS
from search.query import MAX_RESULT_WINDOW, SearchRequest


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
    period_start: int | None
    period_end: int | None
    period_start_derived: bool = False
    score: float | None = None

    @property
    def period_label(self) -> str:
        return period_label(
            self.period_start, self.period_end, start_derived=self.period_start_derived
        )


# The fields of a Hit that read the same on a page and on an indexed document.
CARD_FIELDS = ("slug", "url", "title", "summary", "period_start", "period_end")


def hit_build(
    record: Any,
    *,
    page_id: int,
    evidence_rank: int,
    labels: Callable[[str], tuple[Label, ...]],
    title_html: SafeString,
    summary_html: SafeString,
    score: float | None = None,
) -> Hit:
    """A Hit from a page or a document; `labels(facet)` gives its cities, themes, … as Labels."""
    return Hit(
        page_id=page_id,
        **{name: getattr(record, name, None) for name in CARD_FIELDS},
        period_start_derived=bool(getattr(record, "period_start_derived", False)),
        title_html=title_html,
        summary_html=summary_html,
        cities=labels("city"),
        themes=labels("theme"),
        evidence_level=labels("evidence_level")[0],
        evidence_rank=evidence_rank,
        outcome=labels("outcome")[0],
        score=score,
    )


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

    @property
    def page_count(self) -> int:
        if not self.request.page_size:
            return 0
        return max(1, -(-self.total // self.request.page_size))

    @property
    def previous_page(self) -> int | None:
        return self.request.page - 1 if self.request.page > 1 else None

    @property
    def next_page(self) -> int | None:
        """The next page number, unless this is the last one or the result window ends."""
        page, size = self.request.page, self.request.page_size
        if page < self.page_count and page * size < MAX_RESULT_WINDOW:
            return page + 1
        return None


def facet_results(
    counts: dict[str, dict[str, int]],
    request: SearchRequest,
    vocabulary: dict[str, dict[str, str]],
) -> list[FacetResult]:
    """Every facet with every value of its vocabulary, in display order, counted and marked."""
    results = []
    for spec in FACETS:
        selected = set(request.selected(spec.name))
        facet_counts = counts.get(spec.name, {})
        results.append(
            FacetResult(
                name=spec.name,
                label=spec.label,
                param=spec.param,
                values=tuple(
                    FacetValue(slug, label, facet_counts.get(slug, 0), slug in selected)
                    for slug, label in vocabulary[spec.name].items()
                ),
            )
        )
    return results
