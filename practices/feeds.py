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
from practices.taxonomy import Category, City, Theme

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


class ThemeFeed(PracticeFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Theme:
        return get_object_or_404(Theme, slug=slug)

    def title(self, obj: Theme) -> str:
        return f"Wat Werkt in de Wijk: praktijken over {obj.name.lower()}"

    def link(self, obj: Theme) -> str:
        return catalogue_url("theme", slug=obj.slug)

    def practices(self, obj: Theme) -> QuerySet:
        return super().practices(obj).filter(themes=obj)


class CityFeed(PracticeFeed):
    def get_object(self, request: HttpRequest, slug: str) -> City:
        return get_object_or_404(City, slug=slug)

    def title(self, obj: City) -> str:
        return f"Wat Werkt in de Wijk: praktijken in {obj.name}"

    def link(self, obj: City) -> str:
        return catalogue_url("city", slug=obj.slug)

    def practices(self, obj: City) -> QuerySet:
        return super().practices(obj).filter(cities=obj)
