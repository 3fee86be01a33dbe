"""Dutch analysis for the practice index.

Only component names and settings of Elasticsearch's standard distribution are used, so
the same index settings run on a production cluster (analysis-common) and on the local
engine, where our plugin (search/analysis-plugin) provides those components.

- `dutch_index` (index time): fold case and accents, drop stop words, stem. Compounds are
  split in Python by a Dutch lexicon (search/lexicon.py) into the `compound_parts` field,
  so "bedrijf" finds "bewonersbedrijf" on any cluster without dictionary files.
- `dutch_search` (query time): the same, plus the curated synonyms, so every spelling of an
  idea finds the same practices. Synonyms are applied at query time only, so editing the
  list needs no re-index of the documents, only a rebuild of the index settings.
"""

from __future__ import annotations

import re

from elasticsearch.dsl import analyzer, token_filter

from search.synonyms import synonym_rules
from search.text import STEM_RULES, stem_override_groups

folding = token_filter("folding", "asciifolding")
dutch_stop = token_filter("dutch_stop", "stop", stopwords="_dutch_")
# Reviewed fixes for over- and under-stemming (search/stem_overrides.txt, found by the check
# in search/relevance/stemcheck.py). Elasticsearch's `stemmer_override` would do this, but the
# local engine's plugin does not provide it, so each rule is a `pattern_replace` before the
# stemmer that writes the fixed stem with a trailing "_" (Snowball Dutch removes no suffix
# after it, and STEM_RULES end in "$"), and one filter after them drops the mark.
OVERRIDE_MARK = "_"
stem_overrides = [
    token_filter(
        f"stem_override_{number}",
        "pattern_replace",
        pattern="^(" + "|".join(re.escape(word) for word in words) + ")$",
        replacement=target + OVERRIDE_MARK,
    )
    for number, (words, target) in enumerate(stem_override_groups(), start=1)
]
stem_override_unmark = token_filter(
    "stem_override_unmark", "pattern_replace", pattern=f"{OVERRIDE_MARK}$", replacement=""
)
dutch_stemmer = token_filter("dutch_stemmer", "stemmer", language="dutch")
# After Snowball Dutch, so that singular and plural meet (search/text.py: STEM_RULES):
# bedrijven → bedrijv → bedrijf, huizen → huiz → huis, gezinnen → gezinn → gezin,
# corporaties → corporatie.
stem_rules = [
    token_filter(f"stem_rule_{number}", "pattern_replace", pattern=pattern, replacement=replacement)
    for number, (pattern, replacement) in enumerate(STEM_RULES, start=1)
]
domain_synonyms = token_filter(
    "domain_synonyms", "synonym_graph", synonyms=list(synonym_rules()), lenient=True
)
edge_grams = token_filter("edge_grams", "edge_ngram", min_gram=2, max_gram=20)
trigrams = token_filter("trigrams", "ngram", min_gram=3, max_gram=3)

_STEMMING = [*stem_overrides, dutch_stemmer, *stem_rules, stem_override_unmark]

dutch_index = analyzer(
    "dutch_index",
    tokenizer="standard",
    filter=["lowercase", folding, dutch_stop, *_STEMMING],
)
dutch_search = analyzer(
    "dutch_search",
    tokenizer="standard",
    filter=["lowercase", folding, domain_synonyms, dutch_stop, *_STEMMING],
)
# Words as written (case and accents folded): for exact matches, phrases and spelling help.
folded = analyzer("folded", tokenizer="standard", filter=["lowercase", folding])
# As-you-type: every word indexed by its beginnings (searched with `folded`).
word_prefixes = analyzer(
    "word_prefixes", tokenizer="standard", filter=["lowercase", folding, edge_grams]
)
# Inside compounds: "bedrijf" matches "Bewonersbedrijf" through shared trigrams.
word_trigrams = analyzer(
    "word_trigrams", tokenizer="standard", filter=["lowercase", folding, trigrams]
)
