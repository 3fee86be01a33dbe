"""The facets users filter by, and the values each can take (shared by engines, API, pages).

Six facets are the taxonomy kinds (practices/taxonomy.py); the seventh, period, is derived
from a practice's years (search/periods.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from practices.taxonomy import TAXONOMY, TaxonomyKind
from search.periods import period_bucket_keys, period_bucket_label


@dataclass(frozen=True)
class FacetSpec:
    name: str  # key in code, the API and the index ("theme")
    param: str  # query parameter of the public search page ("thema")
    label: str  # what users read ("Thema")
    kind: TaxonomyKind | None = None  # None for the period facet


FACETS: tuple[FacetSpec, ...] = (
    *(FacetSpec(kind.name, kind.param, kind.label, kind) for kind in TAXONOMY),
    FacetSpec("period", "periode", "Periode"),
)
FACETS_BY_NAME = {spec.name: spec for spec in FACETS}

_CACHE_KEY = "search:facet-vocabulary:v1"
_CACHE_SECONDS = 300


def facet_vocabulary() -> dict[str, dict[str, str]]:
    """For each facet, its values (slug → label) in display order.

    Cached: it is read on every search. Saving a category clears it (search/signals.py).
    """
    vocabulary = cache.get(_CACHE_KEY)
    if vocabulary is None:
        vocabulary = {
            kind.name: dict(kind.model.objects.values_list("slug", "name")) for kind in TAXONOMY
        }
        vocabulary["period"] = {key: period_bucket_label(key) for key in period_bucket_keys()}
        cache.set(_CACHE_KEY, vocabulary, _CACHE_SECONDS)
    return vocabulary


def facet_vocabulary_clear() -> None:
    cache.delete(_CACHE_KEY)
