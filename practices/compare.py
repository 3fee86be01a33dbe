"""Comparing 2–4 practices side by side, row by row, with the differences marked."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from practices.markdown import render_markdown

if TYPE_CHECKING:  # the models import this module's caller, not this module
    from practices.models import PracticePage, PracticePageQuerySet

MAX_COMPARED = 4
MIN_COMPARED = 2


@dataclass(frozen=True)
class CompareRow:
    label: str
    values: list[SafeString | str]

    @property
    def differs(self) -> bool:
        return len({str(value) for value in self.values}) > 1


@dataclass
class Comparison:
    practices: list[PracticePage]
    rows: list[CompareRow] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # in Dutch, for the page and the API

    @property
    def slugs(self) -> list[str]:
        return [practice.slug for practice in self.practices]


def _names(items: Iterable) -> str:
    return ", ".join(item.name for item in items)


def _money(page: PracticePage) -> str:
    parts = []
    if page.cost_amount_eur is not None:
        parts.append(f"€ {floatformat(page.cost_amount_eur, '0g')}")
    if page.mkba_return_per_euro is not None:
        parts.append(f"MKBA: € {floatformat(page.mkba_return_per_euro, '2g')} per euro")
    return " · ".join(parts) or "niet bekend"


def _figures(page: PracticePage) -> SafeString:
    rows = (
        (figure.label, floatformat(figure.value, "-2g"), figure.unit, figure.year or "")
        for figure in page.figures.all()
    )
    items = format_html_join("", "<li>{}: {} {} {}</li>", rows)
    return format_html("<ul>{}</ul>", items) if items else SafeString("geen cijfers")


def _sources(page: PracticePage) -> SafeString:
    rows = ((s.document, s.year, s.section) for s in page.sources.all())
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{} ({}), {}</li>", rows))


# The rows of a comparison, in the order CoP members read them.
ROWS: tuple[tuple[str, Callable[[PracticePage], SafeString | str]], ...] = (
    ("Stad en wijk", lambda p: " · ".join(filter(None, [_names(p.cities.all()), p.wijk]))),
    ("Thema's", lambda p: _names(p.themes.all())),
    ("Domeinen", lambda p: _names(p.domains.all())),
    ("Bewijsniveau", lambda p: f"{p.evidence_level.name}: {p.evidence_level.definition}"),
    ("Uitkomst", lambda p: p.outcome.name),
    ("Periode", lambda p: p.period_label),
    ("Doelgroep", lambda p: _names(p.target_groups.all())),
    ("Trekker", lambda p: p.lead_organisation or "niet genoemd in de bronnen"),
    ("Kosten en MKBA", _money),
    ("Cijfers", _figures),
    ("Resultaten", lambda p: render_markdown(p.results)),
    ("Lessen", lambda p: render_markdown(p.lessons)),
    ("Bronnen", _sources),
)


def practices_compare(slugs: list[str], *, pages: PracticePageQuerySet) -> Comparison:
    """The practices of `pages` for `slugs`, in the order given, with the rows to show.

    Unknown or unpublished slugs, duplicates and more than MAX_COMPARED practices give a
    message, never an error: the page shows what it can.
    """
    wanted = list(dict.fromkeys(slug.strip() for slug in slugs if slug.strip()))
    messages = []
    if len(wanted) > MAX_COMPARED:
        messages.append(
            f"Je kunt maximaal {MAX_COMPARED} praktijken vergelijken; "
            f"de eerste {MAX_COMPARED} staan hieronder."
        )
        wanted = wanted[:MAX_COMPARED]
    # A NUL byte is never in a slug, and PostgreSQL refuses it in a query: not found.
    queryable = [slug for slug in wanted if "\x00" not in slug]
    found = {page.slug: page for page in pages.with_relations().filter(slug__in=queryable)}
    missing = [slug for slug in wanted if slug not in found]
    if missing:
        messages.append(
            "Niet gevonden of niet gepubliceerd: " + ", ".join(s[:80] for s in missing) + "."
        )
    practices = [found[slug] for slug in wanted if slug in found]
    if len(practices) < MIN_COMPARED:
        messages.append("Kies minstens twee praktijken om ze naast elkaar te zien.")
    rows = [CompareRow(label, [value(p) for p in practices]) for label, value in ROWS]
    return Comparison(practices=practices, rows=rows, messages=messages)
