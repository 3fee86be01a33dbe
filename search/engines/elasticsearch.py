"""The Elasticsearch engine: a FacetedSearch over the practice alias.

Facets are multi-select: a facet's own selection narrows the hits (post_filter) and every
other facet's counts, but not its own counts, so users can widen a choice. User text only
ever enters queries as the `query` value of match-type queries, never as query syntax.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from elasticsearch import ApiError, TransportError
from elasticsearch.dsl import FacetedSearch, Q, Search, TermsFacet

from search.client import elasticsearch_client
from search.documents import PracticeDocument, index_alias
from search.facets import FACETS, facet_vocabulary
from search.query import SearchRequest
from search.results import Hit, Label, SearchResults, Suggestion, facet_results
from search.text import DUTCH_STOP_WORDS, words

logger = logging.getLogger(__name__)

# Fields a word may match in, with how much a match there counts.
TEXT_FIELDS = [
    "title^4",
    "summary^2",
    "themes_text^2",
    "places_text^2",
    "target_text",
    "organisations_text",
    "evidence_justification",
    "body",
]
# The same fields as written (not stemmed): for typo tolerance and phrases.
FOLDED_FIELDS = [
    "title.folded^4",
    "summary.folded^2",
    "themes_text.folded^2",
    "places_text.folded^2",
    "target_text.folded",
    "organisations_text.folded",
    "body.folded",
]
HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"]}
FACET_BUCKETS = 500
# Fewer exact hits than this, and the search is repeated with typo tolerance.
FEW_HITS = 3
SOURCE_FIELDS = [
    "page_id",
    "slug",
    "url",
    "title",
    "summary",
    "theme",
    "city",
    "evidence_level",
    "evidence_rank",
    "outcome",
    "period_start",
    "period_end",
]


def text_query(text: str, *, fuzzy: bool = False) -> Q:
    """Relevance for the user's words: all words must match, in any field, in some form.

    - stemmed Dutch with synonyms, all words across fields (the strongest signal);
    - the words as a phrase in title or summary (a boost);
    - word beginnings in the title, for as-you-type;
    - with `fuzzy`: each word on its own with typo tolerance (AUTO: 1 edit from 3 letters,
      2 from 6). Fuzzy matching costs most of a query's time, so it is a second pass.
    """
    significant = [word for word in words(text) if word not in DUTCH_STOP_WORDS] or words(text)
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
            Q(
                "multi_match",
                query=text,
                fields=TEXT_FIELDS,
                type="cross_fields",
                operator="and",
                boost=3,
            ),
            *([per_word_fuzzy] if fuzzy else []),
            Q(
                "multi_match",
                query=text,
                fields=["title.folded^2", "summary.folded"],
                type="phrase",
                slop=2,
                boost=2,
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
            .source(SOURCE_FIELDS)
            .extra(track_total_hits=True)
            .using(elasticsearch_client())
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


def _unavailable(error: Exception) -> Exception:
    from search.engines.base import EngineUnavailable

    if isinstance(error, ApiError) and error.status_code == 400:
        # Our query was wrong, not the user's input: worth an error in the log.
        logger.error("Elasticsearch rejected a query: %s", error)
    return EngineUnavailable(f"Elasticsearch: {error.__class__.__name__}: {error}")


def _marked(highlight: Any, names: tuple[str, ...], plain: str) -> SafeString:
    """The highlighted variant with the most marks, else the escaped plain text."""
    best = max(
        (fragments[0] for name in names if (fragments := highlight.get(name)) if fragments),
        key=lambda text: text.count("<mark>"),
        default=None,
    )
    return (
        mark_safe(best) if best is not None else escape(plain)
    )  # escaped by Elasticsearch (encoder html)


def hit_from_source(
    source: dict, vocabulary: dict, *, highlight: Any = None, score: float | None = None
) -> Hit:
    highlight = highlight or {}

    def labels(facet: str, slugs: Any) -> tuple[Label, ...]:
        if isinstance(slugs, str):
            slugs = [slugs]
        return tuple(Label(slug, vocabulary[facet].get(slug, slug)) for slug in slugs or ())

    return Hit(
        page_id=source["page_id"],
        slug=source["slug"],
        url=source["url"],
        title=source["title"],
        summary=source["summary"],
        title_html=_marked(highlight, ("title", "title.folded", "title.prefix"), source["title"]),
        summary_html=_marked(highlight, ("summary", "summary.folded"), source["summary"]),
        cities=labels("city", source.get("city")),
        themes=labels("theme", source.get("theme")),
        evidence_level=labels("evidence_level", source["evidence_level"])[0],
        evidence_rank=source["evidence_rank"],
        outcome=labels("outcome", source["outcome"])[0],
        period_start=source["period_start"],
        period_end=source.get("period_end"),
        score=score,
    )


def did_you_mean(text: str, suggest: Any) -> str:
    """The user's text with each unknown word replaced by its best spelling suggestion."""
    corrections = {}
    for entry in suggest.get("spelling", []):
        if entry.get("options"):
            corrections[entry["text"]] = entry["options"][0]["text"]
    if not corrections:
        return ""
    corrected = " ".join(corrections.get(word, word) for word in words(text))
    return corrected if corrected != " ".join(words(text)) else ""


class ElasticsearchEngine:
    name = "elasticsearch"

    def search(self, request: SearchRequest) -> SearchResults:
        """Exact (stemmed, synonyms) first; typo-tolerant with spelling help on few hits."""
        raw = self._execute(request, fuzzy=False)
        if request.text and raw["hits"]["total"]["value"] < FEW_HITS:
            raw = self._execute(request, fuzzy=True)
        return self._results(request, raw)

    def _execute(self, request: SearchRequest, *, fuzzy: bool) -> dict:
        window = slice(request.offset, request.offset + request.page_size)
        try:
            return PracticeFacetedSearch(request, fuzzy=fuzzy)[window].execute().to_dict()
        except (ApiError, TransportError) as error:
            raise _unavailable(error) from error

    def _results(self, request: SearchRequest, raw: dict) -> SearchResults:
        vocabulary = facet_vocabulary()
        hits = [
            hit_from_source(
                item["_source"],
                vocabulary,
                highlight=item.get("highlight"),
                score=item.get("_score"),
            )
            for item in raw["hits"]["hits"]
        ]
        total = raw["hits"]["total"]["value"]
        counts = {
            spec.name: {
                bucket["key"]: bucket["doc_count"]
                for bucket in raw["aggregations"][f"_filter_{spec.name}"][spec.name]["buckets"]
            }
            for spec in FACETS
        }
        facets = facet_results(counts, request, vocabulary, FACETS)
        # Words that occur nowhere in the catalogue get a correction, however many hits typo
        # tolerance then found for them.
        suggestion = did_you_mean(request.text, raw.get("suggest", {})) if request.text else ""
        return SearchResults(
            request=request,
            total=total,
            hits=hits,
            facets=facets,
            engine=self.name,
            did_you_mean=suggestion,
        )

    def suggest(self, text: str, *, limit: int) -> list[Suggestion]:
        """Titles completing what the user has typed so far (typo-tolerant)."""
        search = (
            Search(index=index_alias(), using=elasticsearch_client())
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
        )
        try:
            response = search.execute().to_dict()
        except (ApiError, TransportError) as error:
            raise _unavailable(error) from error
        seen: dict[str, Suggestion] = {}
        for option in response.get("suggest", {}).get("titles", [{}])[0].get("options", []):
            source = option["_source"]
            seen.setdefault(
                source["slug"], Suggestion(source["title"], source["slug"], source["url"])
            )
        return list(seen.values())[:limit]

    def related(self, page_id: int, *, limit: int) -> list[Hit]:
        """Practices most like this one in words, themes and domains (more like this)."""
        like = {"_index": index_alias(), "_id": str(page_id)}
        query = Q(
            "bool",
            should=[
                Q(
                    "more_like_this",
                    fields=["title", "summary", "body", "themes_text", "target_text"],
                    like=[like],
                    min_term_freq=1,
                    min_doc_freq=1,
                    max_query_terms=40,
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
        search = (
            Search(index=index_alias(), using=elasticsearch_client())
            .query(query)
            .source(SOURCE_FIELDS)[:limit]
        )
        try:
            response = search.execute().to_dict()
        except (ApiError, TransportError) as error:
            raise _unavailable(error) from error
        vocabulary = facet_vocabulary()
        return [
            hit_from_source(item["_source"], vocabulary, score=item.get("_score"))
            for item in response["hits"]["hits"]
        ]
