"""Template context every page needs: the catalogue page, for links that follow the tree."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from practices.community.selectors import member_for
from practices.models import PracticeIndexPage
from search.facets import facet_vocabulary


def catalogue(request: HttpRequest) -> dict:
    """`catalogue`: the live catalogue page; `ladder_steps`: 1…N for an N-rung evidence ladder;
    `member`: the logged-in CoP member or None.

    All are looked up only when a template uses them (so pages that do not ask for `member`
    do not touch the session).
    """
    return {
        "catalogue": SimpleLazyObject(lambda: PracticeIndexPage.objects.live().first()),
        "ladder_steps": SimpleLazyObject(
            lambda: list(range(1, len(facet_vocabulary()["evidence_level"]) + 1))
        ),
        "member": SimpleLazyObject(lambda: member_for(request.user)),
    }
