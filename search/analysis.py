"""Dutch analysis for the practice index.

Only component names and settings of Elasticsearch's standard distribution are used, so
the same index settings run on a production cluster (analysis-common) and on the local
engine, where our plugin (search/analysis-plugin) provides those components.

- `dutch_index` (index time): fold case and accents, drop stop words, split compounds into
  their known parts (so "bedrijf" finds "bewonersbedrijf"), stem.
- `dutch_search` (query time): the same, plus the curated synonyms, so every spelling of an
  idea finds the same practices. Synonyms are applied at query time only, so editing the
  list needs no re-index of the documents, only a rebuild of the index settings.
"""

from __future__ import annotations

from elasticsearch.dsl import analyzer, token_filter

from search.synonyms import synonym_rules

# Parts that Dutch compounds in this domain are built from. A compound is indexed as a whole
# and as each part found in it (dictionary_decompounder), so a search on a part matches.
COMPOUND_PARTS = (
    "bedrijf",
    "bedrijven",
    "bewoner",
    "bewoners",
    "buurt",
    "wijk",
    "wijken",
    "team",
    "teams",
    "onderneming",
    "ondernemingen",
    "initiatief",
    "initiatieven",
    "huis",
    "huizen",
    "coach",
    "coaches",
    "plan",
    "fonds",
    "fondsen",
    "gezin",
    "gezinnen",
    "school",
    "scholen",
    "werk",
    "zorg",
    "jeugd",
    "jongeren",
    "ouderen",
    "veiligheid",
    "aanpak",
    "sturing",
    "regie",
    "regisseur",
    "centrum",
    "winkel",
    "project",
    "budget",
    "netwerk",
    "kracht",
    "participatie",
    "leefbaarheid",
    "vernieuwing",
    "beheer",
    "agent",
    "conciërge",
    "werker",
    "werkers",
    "loket",
    "pand",
    "woning",
    "woningen",
    "sport",
    "energie",
    "tuin",
    "moestuin",
)

folding = token_filter("folding", "asciifolding")
dutch_stop = token_filter("dutch_stop", "stop", stopwords="_dutch_")
compound_parts = token_filter(
    "compound_parts",
    "dictionary_decompounder",
    word_list=list(COMPOUND_PARTS),
    min_subword_size=4,
    only_longest_match=False,
)
dutch_stemmer = token_filter("dutch_stemmer", "stemmer", language="dutch")
# Snowball Dutch leaves a final v/z where the singular has f/s (bedrijven → bedrijv,
# huizen → huiz); aligning them lets singular and plural meet.
stem_fv = token_filter("stem_final_v", "pattern_replace", pattern="v$", replacement="f")
stem_zs = token_filter("stem_final_z", "pattern_replace", pattern="z$", replacement="s")
domain_synonyms = token_filter(
    "domain_synonyms", "synonym_graph", synonyms=list(synonym_rules()), lenient=True
)
edge_grams = token_filter("edge_grams", "edge_ngram", min_gram=2, max_gram=20)
trigrams = token_filter("trigrams", "ngram", min_gram=3, max_gram=3)

_STEMMING = [dutch_stemmer, stem_fv, stem_zs]

dutch_index = analyzer(
    "dutch_index",
    tokenizer="standard",
    filter=["lowercase", folding, dutch_stop, compound_parts, *_STEMMING],
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
