"""Admin menus for the category lists the catalogue is organised by."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practices.models import City, Domain, EvidenceLevel, Outcome, TargetGroup, Theme


class CategoryViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug", "definition"]
    ordering = ["sort_order", "name"]


class ThemeViewSet(CategoryViewSet):
    model = Theme
    icon = "tag"


class DomainViewSet(CategoryViewSet):
    model = Domain
    icon = "folder-open-inverse"


class CityViewSet(CategoryViewSet):
    model = City
    icon = "site"
    list_display = ["name", "province", "slug"]
    ordering = ["name"]


class TargetGroupViewSet(CategoryViewSet):
    model = TargetGroup
    icon = "group"


class OutcomeViewSet(CategoryViewSet):
    model = Outcome
    icon = "success"


class EvidenceLevelViewSet(CategoryViewSet):
    model = EvidenceLevel
    icon = "list-ol"
    list_display = ["rank", "name", "group", "assessed_by"]
    ordering = ["rank"]


class CatalogueCategoriesGroup(SnippetViewSetGroup):
    menu_label = "Categorieën"
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        ThemeViewSet,
        DomainViewSet,
        CityViewSet,
        TargetGroupViewSet,
        EvidenceLevelViewSet,
        OutcomeViewSet,
    )


register_snippet(CatalogueCategoriesGroup)
