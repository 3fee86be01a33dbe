"""Admin report "Zoekopdrachten zonder resultaat": what people searched for and did not find.

Sorted by how often; each row links to the search on the public site (to replay it) and to
a new practice in the catalogue ("maak een praktijk aan"). Editors with the view permission
on SearchGap see it (the groups Redacteur and Hoofdredacteur, see the search migration 0002).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.http import urlencode
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from practices.models import PracticeIndexPage
from search.facets import FACETS_BY_NAME, facet_vocabulary
from search.gaps import RETENTION_DAYS, gap_filters, search_gaps_flush
from search.models import SearchGap

PERMISSION = "search.view_searchgap"
PER_PAGE = 50


@dataclass(frozen=True)
class GapRow:
    gap: SearchGap
    filters: list[tuple[str, str]]  # (facet label, value label)
    replay_url: str


def _row(gap: SearchGap, vocabulary: dict[str, dict[str, str]]) -> GapRow:
    chosen = gap_filters(gap)
    params = [("q", gap.text)] if gap.text else []
    labels = []
    for name, values in chosen.items():
        spec = FACETS_BY_NAME.get(name)
        if spec is None:  # a facet that no longer exists
            continue
        for value in values:
            params.append((spec.param, value))
            labels.append((spec.label, vocabulary.get(name, {}).get(value, value)))
    return GapRow(gap, labels, reverse("search") + "?" + urlencode(params))


def search_gaps_report(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    search_gaps_flush()  # this process's latest counts; others write within seconds
    page = Paginator(SearchGap.objects.all(), PER_PAGE).get_page(request.GET.get("p"))
    vocabulary = facet_vocabulary()
    catalogue = PracticeIndexPage.objects.first()
    create_url = (
        reverse("wagtailadmin_pages:add", args=("practices", "practicepage", catalogue.pk))
        if catalogue
        else ""
    )
    return render(
        request,
        "search/admin/search_gaps.html",
        {
            "rows": [_row(gap, vocabulary) for gap in page],
            "page_obj": page,
            "create_url": create_url,
            "retention_days": RETENTION_DAYS,
        },
    )


class _PermissionMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_search_gaps_url() -> list:
    return [path("zoekopdrachten-zonder-resultaat/", search_gaps_report, name="search_gaps_report")]


@hooks.register("register_reports_menu_item")
def register_search_gaps_menu_item() -> MenuItem:
    return _PermissionMenuItem(
        "Zoekopdrachten zonder resultaat",
        reverse("search_gaps_report"),
        name="zoekopdrachten-zonder-resultaat",
        icon_name="search",
        order=100,
    )
