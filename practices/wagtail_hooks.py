"""Admin menus for the category lists (one per kind in the taxonomy registry), the practice
listing with filters, and the practice editor's Markdown preview endpoint."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practices.admin_listing import PracticeListingViewSet
from practices.admin_views import markdown_preview
from practices.taxonomy import TAXONOMY, TaxonomyKind


def category_viewset(kind: TaxonomyKind) -> type[SnippetViewSet]:
    """A listing and editor for one kind, with the columns its model declares."""
    return type(
        f"{kind.model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": kind.model,
            "icon": kind.icon,
            "list_display": kind.model.admin_list_display,
            "search_fields": ["name", "slug", "definition"],
            "ordering": kind.model._meta.ordering,
        },
    )


class CatalogueCategoriesGroup(SnippetViewSetGroup):
    menu_label = "Categorieën"
    menu_icon = "list-ul"
    menu_order = 300
    items = tuple(category_viewset(kind) for kind in TAXONOMY)


register_snippet(CatalogueCategoriesGroup)


@hooks.register("register_admin_urls")
def register_editor_urls() -> list:
    """The Markdown preview of the practice editor (behind the admin login)."""
    return [
        path(
            "praktijk-editor/markdown-voorbeeld/",
            markdown_preview,
            name="practices_markdown_preview",
        )
    ]


@hooks.register("register_admin_viewset")
def register_practice_listing() -> PracticeListingViewSet:
    return PracticeListingViewSet()
