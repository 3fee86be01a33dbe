"""Wagtail's admin search on Elasticsearch, in Dutch.

modelsearch's Elasticsearch 8 backend analyses text with the `standard` analyzer and the
admin's page search is an *autocomplete* query on `_edgengrams` (searched with `standard`),
so "bewonersbedrijven" finds nothing and a city name only finds titles. This backend keeps
modelsearch's index layout and replaces the analysis, reusing the practice index's
components (search/analysis.py, names the local plugin and a production cluster share):

- `edgengram_analyzer` (index, `_edgengrams`): fold, Dutch stop words, compound parts,
  stem, then word beginnings, so "bewon", "bedrijf" and "bewonersbedrijven" all meet;
- `dutch_prefix_search` (query, `_edgengrams`): the same without beginnings, plus synonyms;
- `default` / `default_search` (the full-text fields): `dutch_index` / `dutch_search`.

Select it with WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.wagtail_backend";
INDEX_SETTINGS in that setting still apply on top. Changing the analysis needs
`manage.py wagtail_update_index` (it rebuilds the index).
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from elasticsearch.dsl import analyzer, token_filter
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)
from modelsearch.utils import deep_update

from search.analysis import (
    compound_parts,
    domain_synonyms,
    dutch_index,
    dutch_search,
    dutch_stemmer,
    dutch_stop,
    folding,
    stem_fv,
    stem_zs,
)

PREFIX_SEARCH = "dutch_prefix_search"
# Longer than modelsearch's 15, so long Dutch compounds still match when typed in full.
_word_beginnings = token_filter("dutch_word_beginnings", "edge_ngram", min_gram=1, max_gram=30)
_STEMMED = ["lowercase", folding, dutch_stop]
_STEMMING = [dutch_stemmer, stem_fv, stem_zs]


def _definition(name: str, filters: list) -> dict[str, Any]:
    return analyzer(name, tokenizer="standard", filter=filters).get_analysis_definition()


def dutch_analysis() -> dict[str, Any]:
    """The `analysis` settings this backend adds to modelsearch's own."""
    parts = [
        _definition(
            "edgengram_analyzer", [*_STEMMED, compound_parts, *_STEMMING, _word_beginnings]
        ),
        _definition(PREFIX_SEARCH, ["lowercase", folding, domain_synonyms, dutch_stop, *_STEMMING]),
        dutch_index.get_analysis_definition(),
        dutch_search.get_analysis_definition(),
    ]
    analysis: dict[str, Any] = {}
    for part in parts:
        analysis = deep_update(analysis, part)
    analysis["analyzer"]["default"] = analysis["analyzer"]["dutch_index"]
    analysis["analyzer"]["default_search"] = analysis["analyzer"]["dutch_search"]
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
