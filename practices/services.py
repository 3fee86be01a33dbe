"""Writes to the catalogue: category lists and practice pages.

Every write of a practice goes through a Wagtail revision and is published, exactly as an
editor's would be, so history, moderation and the search index see the same events.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import models, transaction
from wagtail.models import Page, Site

from practices.models import (
    City,
    Domain,
    EvidenceLevel,
    HomePage,
    Outcome,
    PracticeFigure,
    PracticeIndexPage,
    PracticePage,
    PracticePartner,
    PracticeSource,
    TargetGroup,
    Theme,
)


@dataclass(frozen=True)
class FigureData:
    label: str
    value: Decimal
    unit: str = ""
    year: int | None = None


@dataclass(frozen=True)
class SourceData:
    document: str
    publisher: str
    year: int
    section: str
    page_number: str = ""
    url: str = ""


@dataclass(frozen=True)
class PracticeData:
    """A practice as the content files describe it, validated, with slugs for categories."""

    slug: str
    title: str
    summary: str
    city_slugs: tuple[str, ...]
    theme_slugs: tuple[str, ...]
    domain_slugs: tuple[str, ...]
    target_group_slugs: tuple[str, ...]
    evidence_level_slug: str
    outcome_slug: str
    evidence_justification: str
    period_start: int
    lead_organisation: str
    approach: str
    results: str
    lessons: str
    sources: tuple[SourceData, ...]
    wijk: str = ""
    target_group_description: str = ""
    period_end: int | None = None
    partners: tuple[str, ...] = ()
    figures: tuple[FigureData, ...] = ()
    costs_description: str = ""
    cost_amount_eur: Decimal | None = None
    mkba_return_per_euro: Decimal | None = None
    mkba_summary: str = ""
    contact_organisation: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_url: str = ""
    source_file: str = field(default="", compare=False)

    def checksum(self) -> str:
        data = asdict(self)
        data.pop("source_file")
        encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(encoded.encode()).hexdigest()


class UpsertResult(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


CATEGORY_MODELS: dict[str, type[models.Model]] = {
    "themes": Theme,
    "domains": Domain,
    "cities": City,
    "target_groups": TargetGroup,
    "outcomes": Outcome,
    "evidence_levels": EvidenceLevel,
}


def category_sync(*, model: type[models.Model], entries: list[dict[str, Any]]) -> int:
    """Create or update category entries by slug; returns how many rows changed.

    Entries that exist in the database but not in `entries` are kept: an editor may have
    added them in the admin.
    """
    changed = 0
    for position, entry in enumerate(entries):
        values = {key: value for key, value in entry.items() if key != "slug"}
        values.setdefault("sort_order", position)
        obj = model.objects.filter(slug=entry["slug"]).first()
        if obj is None:
            model.objects.create(slug=entry["slug"], **values)
            changed += 1
            continue
        if any(getattr(obj, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(obj, key, value)
            obj.save()
            changed += 1
    return changed


def catalogue_index_ensure() -> PracticeIndexPage:
    """Return the catalogue index page, creating the home page and catalogue if missing."""
    index_page = PracticeIndexPage.objects.first()
    if index_page is not None:
        return index_page
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        _remove_wagtail_welcome_page(root)
        home = root.add_child(
            instance=HomePage(
                title="Wat Werkt in de Wijk",
                slug="home",
                intro="Bewezen aanpakken voor de wijk, doorzoekbaar op thema, stad en bewijs.",
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                root_page=home,
                is_default_site=True,
                site_name="Wat Werkt in de Wijk",
            )
        else:
            site.root_page = home
            site.save()
    return home.add_child(
        instance=PracticeIndexPage(
            title="Praktijken",
            slug="praktijken",
            intro="Alle praktijken in de catalogus, met hun bewijsniveau.",
        )
    )


def _remove_wagtail_welcome_page(root: Page) -> None:
    """Wagtail's first migration creates a plain placeholder page; our home page replaces it."""
    for page in root.get_children().filter(content_type__model="page", numchild=0):
        if page.specific_class is Page:
            Site.objects.filter(root_page=page).delete()
            page.delete()


@transaction.atomic
def practice_upsert(*, data: PracticeData, parent: PracticeIndexPage) -> UpsertResult:
    """Create or update the practice page for `data` and publish it as a new revision.

    A page whose content already matches `data` (same checksum, published, no pending
    draft) is left alone, so loading the same content twice changes nothing.
    """
    checksum = data.checksum()
    page = PracticePage.objects.child_of(parent).filter(slug=data.slug).first()
    if page is not None:
        page = page.specific
        if page.source_checksum == checksum and page.live and not page.has_unpublished_changes:
            return UpsertResult.UNCHANGED
        result = UpsertResult.UPDATED
    else:
        page = PracticePage(slug=data.slug, live=False)
        result = UpsertResult.CREATED

    _apply(page, data, checksum)
    if result is UpsertResult.CREATED:
        parent.add_child(instance=page)
    page.save_revision().publish()
    return result


def _apply(page: PracticePage, data: PracticeData, checksum: str) -> None:
    page.title = data.title
    page.summary = data.summary
    page.wijk = data.wijk
    page.target_group_description = data.target_group_description
    page.evidence_level = EvidenceLevel.objects.get(slug=data.evidence_level_slug)
    page.outcome = Outcome.objects.get(slug=data.outcome_slug)
    page.evidence_justification = data.evidence_justification
    page.period_start = data.period_start
    page.period_end = data.period_end
    page.lead_organisation = data.lead_organisation
    page.approach = data.approach
    page.results = data.results
    page.lessons = data.lessons
    page.costs_description = data.costs_description
    page.cost_amount_eur = data.cost_amount_eur
    page.mkba_return_per_euro = data.mkba_return_per_euro
    page.mkba_summary = data.mkba_summary
    page.contact_organisation = data.contact_organisation
    page.contact_name = data.contact_name
    page.contact_email = data.contact_email
    page.contact_phone = data.contact_phone
    page.contact_url = data.contact_url
    page.source_file = data.source_file
    page.source_checksum = checksum

    page.cities = list(City.objects.filter(slug__in=data.city_slugs))
    page.themes = list(Theme.objects.filter(slug__in=data.theme_slugs))
    page.domains = list(Domain.objects.filter(slug__in=data.domain_slugs))
    page.target_groups = list(TargetGroup.objects.filter(slug__in=data.target_group_slugs))
    page.partners = [PracticePartner(name=name) for name in data.partners]
    page.figures = [
        PracticeFigure(label=f.label, value=f.value, unit=f.unit, year=f.year) for f in data.figures
    ]
    page.sources = [
        PracticeSource(
            document=s.document,
            publisher=s.publisher,
            year=s.year,
            section=s.section,
            page_number=s.page_number,
            url=s.url,
        )
        for s in data.sources
    ]
