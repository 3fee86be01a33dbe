"""Members' experience notes where practices are shown (the practice page, the comparison)."""

from __future__ import annotations

from django import template

from practices.community.models import ExperienceNote
from practices.community.selectors import notes_published
from practices.models import PracticePage

register = template.Library()


@register.simple_tag
def experience_notes(practice: PracticePage) -> list[ExperienceNote]:
    """'Ervaringen uit andere steden': the approved notes on one practice."""
    return notes_published([practice])[practice.pk]


@register.simple_tag
def comparison_notes(practices: list[PracticePage]) -> list[list[ExperienceNote]]:
    """The approved notes of each compared practice, in the comparison's column order."""
    notes = notes_published(practices)
    return [notes[practice.pk] for practice in practices]
