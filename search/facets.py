"""The facets users filter by, and the values each can take (shared by engines, API, pages).

Six facets are the taxonomy kinds (practices/taxonomy.py); the seventh, period, is derived
from a practice's years (search/periods.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from practices.taxonomy import TAXONOMY, TaxonomyKind
from search.generation import generation_bump
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
# A category save clears the cache. A shared cache (CACHE_URL, Redis) is cleared for every
# process at once and may keep the vocabulary long; a per-process memory cache is only
# cleared in the process that saved, so other processes re-read it after a few seconds.
_SHARED_CACHE_SECONDS = 300
_LOCAL_CACHE_SECONDS = 10


def _cache_seconds() -> int:
    backend = settings.CACHES["default"]["BACKEND"]
    return _LOCAL_CACHE_SECONDS if backend.endswith("LocMemCache") else _SHARED_CACHE_SECONDS


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
        cache.set(_CACHE_KEY, vocabulary, _cache_seconds())
    return vocabulary


def facet_vocabulary_clear() -> None:
    cache.delete(_CACHE_KEY)
    generation_bump()  # cached search responses show the old labels and values
