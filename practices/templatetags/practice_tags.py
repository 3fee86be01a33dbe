from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.safestring import SafeString

from practices.geo import project
from practices.markdown import render_markdown
from practices.taxonomy import City

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    return render_markdown(text)


@register.filter
def names(items: Iterable[Any] | Any) -> str:
    """'Amsterdam, Rotterdam' from categories, labels or a related manager."""
    if hasattr(items, "all"):
        items = items.all()
    return ", ".join(item.name for item in items)


@register.simple_tag
def map_point(city: City) -> tuple[float, float] | None:
    """Where a city goes on the map, or None without coordinates."""
    if city.latitude is None or city.longitude is None:
        return None
    return project(float(city.longitude), float(city.latitude))


@register.simple_tag
def marker_radius(count: int) -> float:
    """Area grows with the number of practices: 4 units for one, about 11 for ten."""
    return round(4 + 2.2 * (max(count, 1) - 1) ** 0.5, 1)
