"""Reads of the catalogue for pages: lists of practices and categories with counts."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from practices.models import City, EvidenceLevel, PracticePage, Theme


def practice_list(*, theme: Theme | None = None, city: City | None = None) -> QuerySet:
    """Published practices, alphabetically, with what a list item shows loaded up front."""
    practices = (
        PracticePage.objects.live()
        .select_related("evidence_level", "outcome")
        .prefetch_related(
            Prefetch("cities", queryset=City.objects.order_by("name")),
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order")),
        )
        .order_by("title")
    )
    if theme is not None:
        practices = practices.filter(themes=theme)
    if city is not None:
        practices = practices.filter(cities=city)
    return practices


def _live_count(relation: str) -> Count:
    return Count(relation, filter=Q(**{f"{relation}__live": True}), distinct=True)


def theme_list_with_counts() -> QuerySet:
    return Theme.objects.annotate(practice_count=_live_count("practices"))


def city_list_with_counts() -> QuerySet:
    return City.objects.annotate(practice_count=_live_count("practices")).filter(
        practice_count__gt=0
    )


def evidence_ladder_with_counts() -> QuerySet:
    return EvidenceLevel.objects.annotate(practice_count=_live_count("practices"))


def catalogue_overview() -> dict[str, Any]:
    """What the home page shows: the themes, the evidence ladder and how big the catalogue is."""
    return {
        "themes": theme_list_with_counts(),
        "evidence_levels": evidence_ladder_with_counts(),
        "practice_count": PracticePage.objects.live().count(),
        "city_count": city_list_with_counts().count(),
    }


def practice_detail(slug: str) -> PracticePage | None:
    """A published practice with all its relations, or None."""
    return (
        PracticePage.objects.live()
        .select_related("evidence_level", "outcome")
        .prefetch_related(
            "cities", "themes", "domains", "target_groups", "partners", "figures", "sources"
        )
        .filter(slug=slug)
        .first()
    )
