"""Lists of practices for pages outside the search page, as search results.

The catalogue, theme and city pages and "vergelijkbare aanpakken" ask for their practices
here, so every list shows the same card from the same hit, paginated the same way.
"""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from practices.models import PracticePage
from search.facets import facet_vocabulary
from search.query import InvalidSearchRequest, search_request_build
from search.results import Hit, SearchResults
from search.selectors import practice_related, practice_search
from search.views import PAGE_PARAM

register = template.Library()


@register.simple_tag
def practice_results(request: HttpRequest, **filters: str) -> SearchResults:
    """Published practices with the given facet values (e.g. theme="…"), one page of them."""
    selection = {name: [value] for name, value in filters.items() if value}
    vocabulary = facet_vocabulary()
    try:
        search_request = search_request_build(
            filters=selection, page=request.GET.get(PAGE_PARAM), vocabulary=vocabulary
        )
    except InvalidSearchRequest:  # a hand-edited page number: show the first page
        search_request = search_request_build(filters=selection, vocabulary=vocabulary)
    return practice_search(search_request)


@register.simple_tag
def related_practices(page: PracticePage, limit: int = 4) -> list[Hit]:
    return practice_related(page.pk, limit=limit)
