"""The practices part of the JSON API: one practice with every field, and the error contract.

The router is mounted in site/api.py. Responses are built by django-ninja from the page
itself (schemas read attributes; resolvers add the rendered Markdown).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import BeforeValidator

from practices.compare import Comparison, practices_compare
from practices.markdown import render_markdown
from practices.models import PracticePage
from practices.selectors import practice_detail, practice_id

router = Router(tags=["praktijken"])


class ApiError(Exception):
    """A client error with a Dutch message naming the parameter (site/api.py answers it)."""

    def __init__(self, detail: str, field: str | None = None, status: int = 400):
        self.detail = detail
        self.field = field
        self.status = status
        super().__init__(detail)


def reject_unknown_parameters(request: HttpRequest, allowed: set[str]) -> None:
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        name = unknown[0][:40]
        raise ApiError(
            f"onbekende parameter {name!r}; toegestaan: {', '.join(sorted(allowed))}", name
        )


def _not_found(slug: str) -> ApiError:
    return ApiError(f"geen gepubliceerde praktijk met slug {slug[:80]!r}", "slug", status=404)


def practice_or_404(slug: str) -> PracticePage:
    practice = practice_detail(slug)
    if practice is None:
        raise _not_found(slug)
    return practice


def practice_id_or_404(slug: str) -> int:
    page_id = practice_id(slug)
    if page_id is None:
        raise _not_found(slug)
    return page_id


# Markdown body text, rendered and sanitised exactly as on the public page.
MarkdownHtml = Annotated[str, BeforeValidator(lambda text: str(render_markdown(text)))]


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class LabelOut(Schema):
    slug: str
    name: str


class FigureOut(Schema):
    label: str
    value: Decimal
    unit: str
    year: int | None


class SourceOut(Schema):
    document: str
    publisher: str
    year: int
    section: str
    page: str = Field(alias="page_number")
    file: str
    lines: str
    url: str


class RecognitionOut(Schema):
    body: str
    level: str
    date: date
    url: str


class EvidenceOut(Schema):
    """Read from the page: the editors' rung and why, and any formal recognition apart."""

    level: LabelOut = Field(alias="evidence_level")
    rank: int = Field(alias="evidence_level.rank")
    definition: str = Field(alias="evidence_level.definition")
    justification: str = Field(alias="evidence_justification")
    assessed_by: str = Field(alias="evidence_assessed_by")
    assessed_on: date = Field(alias="evidence_assessed_on")
    recognitions: list[RecognitionOut]
    outcome: LabelOut


class PracticeOut(Schema):
    slug: str
    url: str
    title: str
    summary: str
    cities: list[LabelOut]
    wijk: str
    themes: list[LabelOut]
    domains: list[LabelOut]
    target_groups: list[LabelOut]
    target_group_description: str
    evidence: EvidenceOut
    period_start: int | None
    period_start_derived: bool
    period_end: int | None
    lead_organisation: str
    partners: list[str]
    figures: list[FigureOut]
    cost_amount_eur: Decimal | None
    mkba_return_per_euro: Decimal | None
    mkba_summary: str
    approach_html: MarkdownHtml = Field(alias="approach")
    results_html: MarkdownHtml = Field(alias="results")
    costs_html: MarkdownHtml = Field(alias="costs_description")
    lessons_html: MarkdownHtml = Field(alias="lessons")
    sources: list[SourceOut]
    contact: dict[str, str]
    last_published_at: datetime | None

    @staticmethod
    def resolve_evidence(page: PracticePage) -> PracticePage:
        return page

    @staticmethod
    def resolve_partners(page: PracticePage) -> list[str]:
        return [partner.name for partner in page.partners.all()]

    @staticmethod
    def resolve_contact(page: PracticePage) -> dict[str, str]:
        keys = ("organisation", "name", "email", "phone", "url")
        return {key: value for key in keys if (value := getattr(page, f"contact_{key}"))}


class CompareOut(Schema):
    practices: list[PracticeOut]
    messages: list[str]


@router.get(
    "/compare",
    response={200: CompareOut, 400: ErrorOut},
    summary="2 tot 4 praktijken naast elkaar",
    url_name="compare",
)
def compare(request: HttpRequest, practice: list[str] = Query(...)) -> Comparison:
    """Unknown or unpublished slugs and more than four give messages, not errors."""
    reject_unknown_parameters(request, {"practice"})
    return practices_compare(practice, pages=PracticePage.objects.live())


@router.get(
    "/practices/{slug}",
    response={200: PracticeOut, 404: ErrorOut},
    summary="Eén praktijk met alle velden",
)
def practice(request: HttpRequest, slug: str) -> PracticePage:
    reject_unknown_parameters(request, set())
    return practice_or_404(slug)
