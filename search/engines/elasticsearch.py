"""The Elasticsearch engine: a FacetedSearch over the practice alias.

Facets are multi-select: a facet's own selection narrows the hits (post_filter) and every
other facet's counts, but not its own counts, so users can widen a choice. User text only
ever enters queries as the `query` value of match-type queries, never as query syntax.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from elasticsearch import ApiError, TransportError
from elasticsearch.dsl import FacetedSearch, Q, Search, TermsFacet
from elasticsearch.dsl.response import Response

from practices.models import SEARCH_TEXT
from search import lexicon
from search.client import elasticsearch_client
from search.documents import PracticeDocument, index_alias
from search.engines.base import EngineUnavailable
from search.facets import FACETS, facet_vocabulary
from search.query import SearchRequest
from search.results import (
    CARD_FIELDS,
    Hit,
    Label,
    SearchResults,
    Suggestion,
    facet_results,
    hit_build,
)
from search.text import DUTCH_STOP_WORDS, MINIMUM_SHOULD_MATCH, words

logger = logging.getLogger(__name__)

# Fields a word may match in, with how much a match there counts (PracticePage.SEARCH_TEXT):
# stemmed with synonyms, and as written (not stemmed) for typo tolerance.
TEXT_FIELDS = [f"{name}^{weight:g}" for name, weight in SEARCH_TEXT]
# ... and the parts of compounds (search/lexicon.py), in titles as much as the title.
PARTS_FIELDS = [*TEXT_FIELDS, f"title_parts^{dict(SEARCH_TEXT)['title']:g}", "compound_parts"]
FOLDED_FIELDS = [f"{name}.folded^{weight:g}" for name, weight in SEARCH_TEXT]
HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"]}
FACET_BUCKETS = 500
# Fewer exact hits than this, and the search is repeated with typo tolerance.
FEW_HITS = 3
# Tuned on search/relevance/judgments.yaml (docs/relevance.md).
SPLIT_BOOST = 0.5
HEAD_BOOST = 1.5
PHRASE_SLOP = 2
PHRASE_BOOST = 2
# What a result card shows.
SOURCE_FIELDS = [
    "page_id",
    *CARD_FIELDS,
    "period_start_derived",
    "evidence_rank",
    *(spec.name for spec in FACETS if spec.kind is not None),
]


def _parts_match(text: str, *, boost: float = 1, **extra: str) -> Q:
    """The words across all text fields and the compound parts, any of them."""
    return Q(
        "multi_match",
        query=text,
        fields=PARTS_FIELDS,
        type="cross_fields",
        operator="or",
        boost=boost,
        **extra,
    )


def _split_terms(significant: list[str]) -> Q | None:
    """Each compound of the query by its parts, the head (the last part, what the compound
    is) above the others; most words required. A fallback for compounds the catalogue does
    not use: "jeugdwerkloosheid" finds "werkloosheid" first, then "jeugd"."""
    if not any(lexicon.compound_split(word) for word in significant):
        return None
    clauses = []
    for word in significant:
        *modifiers, head = lexicon.compound_split(word) or (word,)
        should = [_parts_match(head, boost=HEAD_BOOST)]
        should += [_parts_match(" ".join(modifiers))] if modifiers else []
        clauses.append(Q("bool", should=should, minimum_should_match=1))
    return Q(
        "bool",
        should=clauses,
        minimum_should_match=MINIMUM_SHOULD_MATCH,
        boost=SPLIT_BOOST,
    )


def _most_terms(text: str, *, boost: float) -> Q:
    """The words across all text fields and the compound parts, most of them required."""
    return _parts_match(text, boost=boost, minimum_should_match=MINIMUM_SHOULD_MATCH)


def text_query(text: str, *, fuzzy: bool = False) -> Q:
    """Relevance for the user's words: most words must match, in any field, in some form.

    - stemmed Dutch with synonyms across fields, most words required (graded by the
      query's length, MINIMUM_SHOULD_MATCH), a compound's parts in `compound_parts`;
    - the query's compounds by any of their parts (search/lexicon.py), much lower;
    - the words as a phrase (slop PHRASE_SLOP) in title, summary or body (a boost);
    - word beginnings in the title, for as-you-type;
    - with `fuzzy`: each word on its own with typo tolerance (AUTO: 1 edit from 3 letters,
      2 from 6). Fuzzy matching costs most of a query's time, so it is a second pass.
    """
    typed = words(text)
    significant = [word for word in typed if word not in DUTCH_STOP_WORDS] or typed
    split = _split_terms(significant)
    per_word_fuzzy = Q(
        "bool",
        must=[
            Q(
                "multi_match",
                query=word,
                fields=FOLDED_FIELDS,
                fuzziness="AUTO",
                prefix_length=1,
                max_expansions=20,
            )
            for word in significant
        ],
    )
    return Q(
        "bool",
        should=[
            _most_terms(text, boost=3),
            *([split] if split else []),
            *([per_word_fuzzy] if fuzzy else []),
            *(
                [
                    Q(
                        "multi_match",
                        query=text,
                        fields=["title.folded^2", "summary.folded", "body_text.folded^0.5"],
                        type="phrase",
                        slop=PHRASE_SLOP,
                        boost=PHRASE_BOOST,
                    )
                ]
                if len(typed) > 1
                else []
            ),
            Q("match", **{"title.prefix": {"query": text, "operator": "and", "boost": 1.5}}),
        ],
        minimum_should_match=1,
    )


class PracticeFacetedSearch(FacetedSearch):
    index = None  # set per instance: the alias can change with the prefix setting
    doc_types = [PracticeDocument]
    facets = {
        spec.name: TermsFacet(field=spec.name, size=FACET_BUCKETS, min_doc_count=0)
        for spec in FACETS
    }

    def __init__(self, request: SearchRequest, *, fuzzy: bool = False):
        self.index = index_alias()
        self.request = request
        self.fuzzy = fuzzy
        super().__init__(
            query=request.text or None,
            filters={name: list(values) for name, values in request.filters.items()},
        )

    def search(self) -> Search:
        return (
            super()
            .search()
            .using(elasticsearch_client())
            .source(SOURCE_FIELDS)
            .extra(track_total_hits=True)
            # Elasticsearch keeps whole answers per shard until the next refresh that changes
            # the index; by default only for size=0, so it is asked for explicitly.
            .params(request_cache=True)
        )

    def query(self, search: Search, query: str) -> Search:
        return search.query(text_query(query, fuzzy=self.fuzzy))

    def highlight(self, search: Search) -> Search:
        return search.highlight_options(
            number_of_fragments=0, encoder="html", require_field_match=False, **HIGHLIGHT_TAGS
        ).highlight("title", "title.folded", "title.prefix", "summary", "summary.folded")

    def build_search(self) -> Search:
        search = super().build_search()
        if self.request.text:
            search = self.highlight(search)
        if self.request.text and self.fuzzy:
            search = search.suggest(
                "spelling",
                self.request.text,
                term={"field": "spelling", "suggest_mode": "missing", "min_word_length": 3},
            )
        return search

    def sort(self, search: Search) -> Search:
        by_title = {"title.sort": "asc"}
        orders = {
            "relevance": (
                ["_score", {"evidence_rank": "desc"}, by_title]
                if self.request.text
                else [{"evidence_rank": "desc"}, by_title]
            ),
            "newest": [{"period_start": "desc"}, {"published_at": "desc"}, by_title],
            "evidence": [{"evidence_rank": "desc"}, "_score", by_title],
        }
        return search.sort(*orders[self.request.sort])


def _unavailable(error: Exception) -> EngineUnavailable:
    if isinstance(error, ApiError) and error.status_code == 400:
        # Our query was wrong, not the user's input: worth an error in the log.
        logger.error("Elasticsearch rejected a query: %s", error)
    return EngineUnavailable(f"Elasticsearch: {error.__class__.__name__}: {error}")


def _marked(highlight: dict[str, list[str]], names: tuple[str, ...], plain: str) -> SafeString:
    """The highlighted variant with the most marks, else the escaped plain text."""
    best = max(
        (highlight[name][0] for name in names if name in highlight),
        key=lambda text: text.count("<mark>"),
        default=None,
    )
    # Elasticsearch escaped the text itself (encoder html) before adding the marks.
    return mark_safe(best) if best is not None else escape(plain)


def hit_from_source(hit: dict[str, Any], vocabulary: dict[str, dict[str, str]]) -> Hit:
    """A result card's data from a hit as Elasticsearch sent it, with highlights where the
    search made them. Read from the plain JSON: wrapping each hit in a PracticeDocument
    first cost about 3 ms per page of results."""
    source = hit["_source"]
    highlight = hit.get("highlight", {})

    def labels(facet: str) -> tuple[Label, ...]:
        slugs = source.get(facet) or ()
        slugs = [slugs] if isinstance(slugs, str) else slugs
        return tuple(Label(slug, vocabulary[facet].get(slug, slug)) for slug in slugs)

    return hit_build(
        SimpleNamespace(**source),
        page_id=source["page_id"],
        evidence_rank=source["evidence_rank"],
        labels=labels,
        title_html=_marked(highlight, ("title", "title.folded", "title.prefix"), source["title"]),
        summary_html=_marked(highlight, ("summary", "summary.folded"), source["summary"]),
        score=hit.get("_score"),
    )


def _hits(response: Response) -> list[dict[str, Any]]:
    return response.to_dict()["hits"]["hits"]


def _total(response: Response) -> int:
    # Not `response.hits.total`: touching `response.hits` wraps every hit in a document.
    return response.to_dict()["hits"]["total"]["value"]


def facet_counts(response: Response) -> dict[str, dict[str, int]]:
    """Each facet's value counts, read from the plain JSON of FacetedSearch's aggregations
    (`_filter_<facet>` → `<facet>` → buckets: each facet counted without its own filter)."""
    aggregations = response.to_dict().get("aggregations", {})
    return {
        name: {
            bucket["key"]: bucket["doc_count"]
            for bucket in aggregations[f"_filter_{name}"][name]["buckets"]
        }
        for name in PracticeFacetedSearch.facets
    }


def did_you_mean(
    text: str, response: Response, *, known: Callable[[str], bool] = lambda word: False
) -> str:
    """The user's text with each unknown word replaced by its best spelling suggestion;
    words for which `known` is true are kept as typed."""
    suggest = getattr(response, "suggest", None)
    corrections = {
        entry.text: entry.options[0].text
        for entry in (suggest.spelling if suggest is not None else [])
        if entry.options and not known(entry.text)
    }
    if not corrections:
        return ""
    corrected = " ".join(corrections.get(word, word) for word in words(text))
    return corrected if corrected != " ".join(words(text)) else ""


def known_word(word: str) -> bool:
    """A correct Dutch word (the lexicon knows it, inflections too) or one a practice uses."""
    if lexicon.is_word(word):
        return True
    search = PracticeDocument.search(using=elasticsearch_client(), index=index_alias()).query(
        Q("multi_match", query=word, fields=FOLDED_FIELDS)
    )
    try:
        return search.count() > 0
    except (ApiError, TransportError) as error:
        raise _unavailable(error) from error


def _execute(search: Search | FacetedSearch) -> Response:
    try:
        return search.execute()
    except (ApiError, TransportError) as error:
        raise _unavailable(error) from error


def suggest_search(text: str, *, limit: int) -> Search:
    """The completion request behind `suggest` (also sent as is by the benchmark)."""
    return (
        PracticeDocument.search(using=elasticsearch_client(), index=index_alias())
        .source(["slug", "url", "title"])
        .suggest(
            "titles",
            text,
            completion={
                "field": "suggest",
                "size": limit,
                "skip_duplicates": True,
                "fuzzy": {"fuzziness": "AUTO", "prefix_length": 1},
            },
        )
        .extra(size=0)
        .params(request_cache=True)
    )


# Words in more than this share of the practices say little about likeness and cost the most
# (the longest postings): more-like-this leaves them out, and takes the RELATED_WORDS most
# telling words of the practice. At 100,000 practices that is 2-4x faster than 20 % and 40
# words (docs/benchmarks.md). A small catalogue (up to COMMON_WORDS_FLOOR practices per
# word) keeps every word.
COMMON_WORDS_SHARE = 0.05
COMMON_WORDS_FLOOR = 50
RELATED_WORDS = 25
CATALOGUE_SIZE_SECONDS = 60
_catalogue_size: dict[str, float] = {}


def catalogue_size() -> int:
    """How many practices the index holds, asked at most once a minute per process."""
    now = time.monotonic()
    if _catalogue_size.get("until", 0) < now:
        count = _execute_count()
        _catalogue_size.update(value=count, until=now + CATALOGUE_SIZE_SECONDS)
    return int(_catalogue_size["value"])


def _execute_count() -> int:
    try:
        return elasticsearch_client().count(index=index_alias())["count"]
    except (ApiError, TransportError) as error:
        raise _unavailable(error) from error


def related_search(page_id: int, *, limit: int, catalogue: int = 0) -> Search:
    """The more-like-this request behind `related` (also sent as is by the benchmark);
    `catalogue`: how many practices the index holds (for the common-words cut-off)."""
    like = {"_index": index_alias(), "_id": str(page_id)}
    common = max(COMMON_WORDS_FLOOR, int(catalogue * COMMON_WORDS_SHARE))
    query = Q(
        "bool",
        should=[
            Q(
                "more_like_this",
                fields=["title", "summary", "body_text", "themes_text", "target_text"],
                like=[like],
                min_term_freq=1,
                min_doc_freq=1,
                max_query_terms=RELATED_WORDS,
                max_doc_freq=common,
                minimum_should_match="10%",
            ),
            Q(
                "more_like_this",
                fields=["theme", "domain", "target_group"],
                like=[like],
                min_term_freq=1,
                min_doc_freq=1,
                minimum_should_match=1,
                boost=0.5,
            ),
        ],
        minimum_should_match=1,
        must_not=[Q("ids", values=[str(page_id)])],
    )
    return (
        PracticeDocument.search(using=elasticsearch_client(), index=index_alias())
        .query(query)
        .source(SOURCE_FIELDS)
        # Related practices change only when the index does: the shard request cache keeps
        # them until the next refresh that changes it (as for searches).
        .params(request_cache=True)[:limit]
    )


class ElasticsearchEngine:
    name = "elasticsearch"

    def ranked(self, request: SearchRequest) -> tuple[PracticeFacetedSearch, Response, int]:
        """The search that answered (exact first; typo-tolerant on few hits), its response,
        and how many practices the exact pass found.

        The relevance measurement (`search.relevance`) sends the same search to `_rank_eval`.
        """
        window = slice(request.offset, request.offset + request.page_size)
        faceted = PracticeFacetedSearch(request)
        response = _execute(faceted[window])
        exact_total = _total(response)
        if request.text and exact_total < FEW_HITS:
            faceted = PracticeFacetedSearch(request, fuzzy=True)
            response = _execute(faceted[window])
        return faceted, response, exact_total

    def correction(self, request: SearchRequest, response: Response, exact_total: int) -> str:
        """ "Bedoelde je": only for words unknown to the lexicon and to the catalogue, and
        only if the corrected text finds more practices than the text as typed."""
        suggestion = did_you_mean(request.text, response, known=known_word)
        if not suggestion:
            return ""
        corrected = _execute(PracticeFacetedSearch(replace(request, text=suggestion))[0:0])
        return suggestion if _total(corrected) > exact_total else ""

    def search(self, request: SearchRequest) -> SearchResults:
        """Exact (stemmed, synonyms) first; typo-tolerant with spelling help on few hits."""
        _faceted, response, exact_total = self.ranked(request)
        vocabulary = facet_vocabulary()
        counts = facet_counts(response)
        return SearchResults(
            request=request,
            total=_total(response),
            hits=[hit_from_source(hit, vocabulary) for hit in _hits(response)],
            facets=facet_results(counts, request, vocabulary),
            engine=self.name,
            did_you_mean=(self.correction(request, response, exact_total) if request.text else ""),
        )

    def suggest(self, text: str, *, limit: int) -> list[Suggestion]:
        """Titles completing what the user has typed so far (typo-tolerant)."""
        search = suggest_search(text, limit=limit)
        options = _execute(search).suggest.titles[0].options
        seen: dict[str, Suggestion] = {}
        for option in options:
            doc = option._source
            seen.setdefault(doc.slug, Suggestion(doc.title, doc.slug, doc.url))
        return list(seen.values())[:limit]

    def related(self, page_id: int, *, limit: int) -> list[Hit]:
        """Practices most like this one in words, themes and domains (more like this)."""
        search = related_search(page_id, limit=limit, catalogue=catalogue_size())
        vocabulary = facet_vocabulary()
        return [hit_from_source(hit, vocabulary) for hit in _hits(_execute(search))]
