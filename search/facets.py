"""The facets users filter by, and the values each can take (shared by engines, API, pages)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from practices.models import City, Domain, EvidenceLevel, Outcome, TargetGroup, Theme
from search.periods import period_bucket_keys, period_bucket_label


@dataclass(frozen=True)
class FacetSpec:
    name: str  # key in code, the API and the index ("theme")
    param: str  # query parameter of the public search page ("thema")
    label: str  # what users read ("Thema")
    help: str


FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("theme", "thema", "Thema", "Werkwijzen die werken in de wijkaanpak"),
    FacetSpec("city", "stad", "Stad", "Waar de aanpak is uitgevoerd"),
    FacetSpec(
        "evidence_level",
        "bewijs",
        "Bewijsniveau",
        "Hoe sterk het bewijs is, van beschreven tot effectief",
    ),
    FacetSpec("outcome", "uitkomst", "Uitkomst", "Werkt het, werkt het niet, of is het onbekend"),
    FacetSpec("domain", "domein", "Domein", "Pijler van de wijkaanpak"),
    FacetSpec("target_group", "doelgroep", "Doelgroep", "Voor wie de aanpak is"),
    FacetSpec("period", "periode", "Periode", "Jaren waarin de aanpak liep"),
)
FACETS_BY_NAME = {spec.name: spec for spec in FACETS}
FACETS_BY_PARAM = {spec.param: spec for spec in FACETS}

_CATEGORY_MODELS = {
    "theme": Theme,
    "city": City,
    "evidence_level": EvidenceLevel,
    "outcome": Outcome,
    "domain": Domain,
    "target_group": TargetGroup,
}
_CACHE_KEY = "search:facet-vocabulary:v1"
_CACHE_SECONDS = 300


def facet_vocabulary() -> dict[str, dict[str, str]]:
    """For each facet, its values (slug → label) in display order.

    Cached: it is read on every search. Saving a category clears it (search/signals.py).
    """
    vocabulary = cache.get(_CACHE_KEY)
    if vocabulary is None:
        vocabulary = {
            name: dict(model.objects.order_by(*model._meta.ordering).values_list("slug", "name"))
            for name, model in _CATEGORY_MODELS.items()
        }
        vocabulary["period"] = {key: period_bucket_label(key) for key in period_bucket_keys()}
        cache.set(_CACHE_KEY, vocabulary, _CACHE_SECONDS)
    return vocabulary


def facet_vocabulary_clear() -> None:
    cache.delete(_CACHE_KEY)


def evidence_ranks() -> dict[str, int]:
    return dict(EvidenceLevel.objects.values_list("slug", "rank"))
