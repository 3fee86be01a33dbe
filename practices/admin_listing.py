"""The admin's flat, filterable list of practices (Praktijken in the admin menu).

Filters by every kind in the taxonomy registry and by editorial status, so an editor can
ask "all drafts in Zwolle about frontlijnsturing" without walking the page tree.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.forms import CheckboxSelectMultiple, RadioSelect
from django_filters import ChoiceFilter, ModelMultipleChoiceFilter
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import WorkflowState

from practices.models import PracticePage
from practices.taxonomy import TAXONOMY

# Editorial status: (value, label, filter on PracticePage).
STATUSES: tuple[tuple[str, str, Q], ...] = (
    ("gepubliceerd", "Gepubliceerd", Q(live=True)),
    ("concept", "Concept (niet gepubliceerd)", Q(live=False)),
    (
        "wijzigingen",
        "Gepubliceerd, met wijzigingen in concept",
        Q(live=True, has_unpublished_changes=True),
    ),
    ("ingepland", "Ingepland", Q(_revisions__approved_go_live_at__isnull=False)),
    (
        "ter-beoordeling",
        "Ter beoordeling",
        Q(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS),
    ),
    ("verlopen", "Verlopen", Q(expired=True)),
)
_STATUS_FILTERS = {value: condition for value, _, condition in STATUSES}


def _filter_status(queryset: QuerySet, name: str, value: str) -> QuerySet:
    condition = _STATUS_FILTERS.get(value)
    return queryset.filter(condition).distinct() if condition is not None else queryset


def _taxonomy_filters() -> dict[str, ModelMultipleChoiceFilter]:
    return {
        kind.page_field: ModelMultipleChoiceFilter(
            label=kind.label,
            queryset=kind.model.objects.all(),
            widget=CheckboxSelectMultiple,
            distinct=True,
        )
        for kind in TAXONOMY
    }


PracticeFilterSet = type(
    "PracticeFilterSet",
    (PageFilterSet,),
    {
        **_taxonomy_filters(),
        "status": ChoiceFilter(
            label="Status",
            choices=[(value, label) for value, label, _ in STATUSES],
            method=_filter_status,
            widget=RadioSelect,
            empty_label="Alle",
        ),
        "Meta": type("Meta", (), {"model": PracticePage, "fields": []}),
        "__doc__": "Filters of the practice listing, one per taxonomy kind plus status.",
    },
)


class PracticeListingViewSet(PageListingViewSet):
    model = PracticePage
    name = "praktijken"
    icon = "doc-full-inverse"
    menu_label = "Praktijken"
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = PracticeFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("evidence_level", label="Bewijsniveau"),
        Column("outcome", label="Uitkomst"),
    ]
