"""Wagtail's admin search on Elasticsearch, in Dutch.

modelsearch's Elasticsearch 8 backend analyses text with the `standard` analyzer and the
admin's page search is an *autocomplete* query on `_edgengrams` (searched with `standard`),
so "bewonersbedrijven" finds nothing and a city name only finds titles. This backend keeps
modelsearch's index layout and replaces the analysis, reusing the practice index's
components (search/analysis.py, names the local plugin and a production cluster share):

- `edgengram_analyzer` (index, `_edgengrams`): `dutch_index` (fold, Dutch stop words,
  stem so singular and plural meet), then word beginnings, so "bewon" and
  "bewonersbedrijven" both find "bewonersbedrijf";
- `dutch_prefix_search` (query, `_edgengrams`): `dutch_search` (the same plus synonyms);
- `default` / `default_search` (the full-text fields): `dutch_index` / `dutch_search`.

Select it with WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.wagtail_backend";
INDEX_SETTINGS in that setting still apply on top. Changing the analysis needs
`manage.py wagtail_update_index` (it rebuilds the index).
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)
from modelsearch.utils import deep_update

from search.analysis import dutch_index, dutch_search

PREFIX_SEARCH = "dutch_prefix_search"
WORD_BEGINNINGS = "dutch_word_beginnings"
# Longer than modelsearch's 15, so long Dutch compounds still match when typed in full.
_WORD_BEGINNINGS_FILTER = {"type": "edge_ngram", "min_gram": 1, "max_gram": 30}


def dutch_analysis() -> dict[str, Any]:
    """The `analysis` settings this backend adds to modelsearch's own.

    Built from the practice index's two analyzers, whatever filters they hold, so the admin
    search follows every change to the project's Dutch analysis.
    """
    analysis: dict[str, Any] = {"filter": {WORD_BEGINNINGS: dict(_WORD_BEGINNINGS_FILTER)}}
    for part in (dutch_index.get_analysis_definition(), dutch_search.get_analysis_definition()):
        analysis = deep_update(analysis, deepcopy(part))
    analyzers = analysis["analyzer"]
    analyzers["default"] = deepcopy(analyzers["dutch_index"])
    analyzers["default_search"] = deepcopy(analyzers["dutch_search"])
    analyzers["edgengram_analyzer"] = {
        **deepcopy(analyzers["dutch_index"]),
        "filter": [*analyzers["dutch_index"]["filter"], WORD_BEGINNINGS],
    }
    analyzers[PREFIX_SEARCH] = deepcopy(analyzers["dutch_search"])
    return analysis


class DutchMapping(Elasticsearch8Mapping):
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": PREFIX_SEARCH,
    }


class DutchSearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = DutchMapping


class DutchAutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = DutchMapping


class DutchElasticsearchBackend(Elasticsearch8SearchBackend):
    mapping_class = DutchMapping
    index_class = Elasticsearch8Index
    query_compiler_class = DutchSearchQueryCompiler
    autocomplete_query_compiler_class = DutchAutocompleteQueryCompiler
    settings = deep_update(
        deepcopy(Elasticsearch8SearchBackend.settings), {"settings": {"analysis": dutch_analysis()}}
    )


SearchBackend = DutchElasticsearchBackend
