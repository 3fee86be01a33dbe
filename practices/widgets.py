"""Admin form widgets for the practice editor: a searchable checkbox list and Markdown with a
live preview. Their scripts are static files (no inline script, for the CSP)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

_ADMIN_STATIC = "practices/admin/"


class SearchableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in a scrolling box with a search field that hides non-matching options.

    For long lists (43 cities): every option stays a plain checkbox, so it works without
    JavaScript; the script only adds filtering as the editor types.
    """

    template_name = "practices/widgets/searchable_checkboxes.html"

    class Media:
        js = (_ADMIN_STATIC + "searchable-choices.js",)
        css = {"all": (_ADMIN_STATIC + "editor.css",)}


class MarkdownTextarea(forms.Textarea):
    """A textarea whose Markdown is shown rendered below it, by the public page's pipeline."""

    template_name = "practices/widgets/markdown_textarea.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"rows": 8, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-markdown-preview"] = reverse("practices_markdown_preview")
        return context

    class Media:
        js = (_ADMIN_STATIC + "markdown-preview.js",)
        css = {"all": (_ADMIN_STATIC + "editor.css",)}
