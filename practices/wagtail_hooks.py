"""Admin menus for the category lists, one per kind in the taxonomy registry."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
