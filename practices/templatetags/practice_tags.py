from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.safestring import SafeString

from practices.markdown import render_markdown

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
