"""Writes to the catalogue: category lists and practice pages.

Every write of a practice goes through a Wagtail revision and is published, exactly as an
editor's would be, so history, moderation and the search index see the same events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import transaction
from wagtail.models import Page, Site

from practices.models import HomePage, PracticeIndexPage, PracticePage
from practices.taxonomy import TAXONOMY


@dataclass(frozen=True)
class PracticeData:
    """A practice as a content file describes it, validated by the model.

    `fields` are PracticePage field values; `categories` the slugs per taxonomy kind
    (TaxonomyKind.name); `children` the rows of each inline relation (figures, sources, …)
    as field values of that relation's model.
    """

    slug: str
    fields: dict[str, Any]
    categories: dict[str, tuple[str, ...]]
    children: dict[str, tuple[dict[str, Any], ...]]
    source_file: str = ""
    checksum: str = field(default="", compare=False)


class UpsertResult(StrEnum):
    CREATED = "created"
    UPDATED = "updated"


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

    Whether a file may overwrite a page is the loader's decision (content/services.py: the
    admin wins over files); this only writes.
    """
    page = PracticePage.objects.child_of(parent).filter(slug=data.slug).first()
    if page is not None:
        page = page.specific
        result = UpsertResult.UPDATED
    else:
        page = PracticePage(slug=data.slug, live=False)
        result = UpsertResult.CREATED

    _apply(page, data)
    if result is UpsertResult.CREATED:
        parent.add_child(instance=page)
    page.save_revision().publish()
    return result


def _apply(page: PracticePage, data: PracticeData) -> None:
    for name, value in data.fields.items():
        setattr(page, name, value)
    page.source_file = data.source_file
    page.source_checksum = data.checksum
    for kind in TAXONOMY:
        chosen = kind.model.objects.filter(slug__in=data.categories[kind.name])
        setattr(page, kind.page_field, list(chosen) if kind.many else chosen.get())
    for relation, rows in data.children.items():
        model = PracticePage._meta.get_field(relation).related_model
        # In the file's order: sources and figures are shown (and exported) in that order.
        setattr(page, relation, [model(sort_order=n, **row) for n, row in enumerate(rows)])
