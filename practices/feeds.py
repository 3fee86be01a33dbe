"""Atom feeds of new and updated practices: all of them, per theme and per city.

Newest publication first; an entry's `updated` is its last publication, so a revised practice
shows up again in a feed reader.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from practices.models import PracticeIndexPage, PracticePage
from practices.taxonomy import TAXONOMY_BY_NAME, Category

FEED_SIZE = 50


def catalogue_url(route: str, **kwargs: str) -> str:
    """A route of the catalogue page (all, a theme, a city), from the page tree."""
    catalogue = PracticeIndexPage.objects.live().first()
    if catalogue is None:
        return "/"
    return catalogue.url + catalogue.reverse_subpage(route, kwargs=kwargs)


class PracticeFeed(Feed):
    feed_type = Atom1Feed
    title = "Wat Werkt in de Wijk: nieuwe en bijgewerkte praktijken"
    subtitle = "Praktijken uit de catalogus, de laatst gepubliceerde eerst."

    def link(self, obj: Category | None = None) -> str:
        return catalogue_url("catalogue")

    def practices(self, obj: Category | None) -> QuerySet:
        return PracticePage.objects.live().for_cards()

    def items(self, obj: Category | None = None) -> list[PracticePage]:
        return list(self.practices(obj).order_by("-last_published_at")[:FEED_SIZE])

    def item_title(self, item: PracticePage) -> str:
        return item.title

    def item_description(self, item: PracticePage) -> str:
        return item.summary

    def item_link(self, item: PracticePage) -> str:
        return item.url

    def item_pubdate(self, item: PracticePage) -> datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: PracticePage) -> datetime | None:
        return item.last_published_at

    def item_categories(self, item: PracticePage) -> list[str]:
        return [theme.name for theme in item.themes.all()]


class CategoryFeed(PracticeFeed):
    """New and updated practices of one theme or city (a kind in the taxonomy registry)."""

    kind_name: str
    title_format: str  # with {name} and {lower}

    def get_object(self, request: HttpRequest, slug: str) -> Category:
        return get_object_or_404(TAXONOMY_BY_NAME[self.kind_name].model, slug=slug)

    def title(self, obj: Category) -> str:
        return self.title_format.format(name=obj.name, lower=obj.name.lower())

    def link(self, obj: Category) -> str:
        return catalogue_url(self.kind_name, slug=obj.slug)

    def practices(self, obj: Category) -> QuerySet:
        field = TAXONOMY_BY_NAME[self.kind_name].page_field
        return super().practices(obj).filter(**{field: obj})


class ThemeFeed(CategoryFeed):
    kind_name = "theme"
    title_format = "Wat Werkt in de Wijk: praktijken over {lower}"


class CityFeed(CategoryFeed):
    kind_name = "city"
    title_format = "Wat Werkt in de Wijk: praktijken in {name}"
