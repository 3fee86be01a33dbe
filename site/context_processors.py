"""Template context every page needs: the catalogue page, for links that follow the tree."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from practices.models import PracticeIndexPage


def catalogue(request: HttpRequest) -> dict:
    """`catalogue`: the live catalogue page (looked up only when a template uses it)."""
    return {"catalogue": SimpleLazyObject(lambda: PracticeIndexPage.objects.live().first())}
