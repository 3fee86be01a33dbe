"""Reads of the catalogue that more than one caller needs."""

from __future__ import annotations

import re

from practices.models import PracticePage

_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,255}")


def practice_detail(slug: str) -> PracticePage | None:
    """A published practice with all its relations, or None (also for a malformed slug)."""
    if not _SLUG.fullmatch(slug):
        return None
    return PracticePage.objects.live().with_relations().filter(slug=slug).first()


def practice_id(slug: str) -> int | None:
    """The id of the published practice with this slug, or None: one small query, for
    callers that need no more (related practices)."""
    if not _SLUG.fullmatch(slug):
        return None
    return PracticePage.objects.live().filter(slug=slug).values_list("pk", flat=True).first()
