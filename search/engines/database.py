"""The database engine: the same filters, facets and counts as Elasticsearch, simpler relevance.

It matches stemmed, folded Dutch terms (with the curated synonyms and the parts of known
compounds) in SearchEntry rows, scores title matches above body matches, and computes each
facet's counts without its own selection, exactly like the Elasticsearch engine. Works on
SQLite and PostgreSQL alike.

A search looks each term of the query up once (search/engines/postings.py: one query on
PostgreSQL, answered from an index), then matches and scores the clauses in Python over
those page sets. Filters, facet counts and the order are computed over the catalogue
snapshot (search/engines/snapshot.py), bitsets of the live practices read once per index
generation; only the page of results shown is read from the database.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import reduce
from operator import and_

from django.core.cache import cache
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from practices.models import PracticePage
from search.engines.postings import Found, Lookup, pages_with
from search.engines.snapshot import Snapshot, catalogue_snapshot, has_bit, positions_of
from search.facets import FACETS, FACETS_BY_NAME, facet_vocabulary
from search.lexicon import compound_split, is_word
from search.models import SearchEntry
from search.query import SearchRequest
from search.results import Hit, Label, SearchResults, Suggestion, facet_results, hit_build
from search.synonyms import synonym_groups
from search.text import DUTCH_STOP_WORDS, fold, minimum_should_match, stem, terms, words

MIN_PREFIX = 3
# Fewer hits than this, and the engine offers a spelling correction (as Elasticsearch does).
FEW_HITS = 3
_VOCABULARY_KEY = "search:database-spelling-vocabulary:v1"
# Related practices: each shared theme counts twice, each shared domain or target group once.
RELATED_WEIGHTS = {"theme": 2, "domain": 1, "target_group": 1}
TITLE, BODY = "title_terms", "terms"


# --- Text matching --------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One word of the query (or one synonym phrase) as the database engine matches it.

    `alternatives`: the stem sequences that stand for it (the word, or each spelling of its
    synonym group), one of which a practice must contain in full; `parts`: the stems of a
    compound's parts, head last (any of them also matches); `prefix`: the last word as typed,
    matched as a word beginning (as-you-type).
    """

    alternatives: tuple[tuple[str, ...], ...]
    parts: tuple[str, ...] = ()
    prefix: str = ""

    def lookups(self) -> list[Lookup]:
        """What `pages` and `add_scores` need looked up."""
        stems = {term for alternative in self.alternatives for term in alternative}
        found = [Lookup(field, term) for term in stems | set(self.parts) for field in (TITLE, BODY)]
        return found + ([Lookup(BODY, self.prefix, prefix=True)] if self.prefix else [])

    def whole(self, found: Found, field: str = BODY) -> set[int]:
        """Pages with every term of one of the alternatives in `field`."""
        pages: set[int] = set()
        for alternative in self.alternatives:
            pages.update(frozenset.intersection(*(found[Lookup(field, t)] for t in alternative)))
        return pages

    def pages(self, found: Found) -> set[int]:
        """Pages matching the clause: a whole alternative, any compound part, or the prefix."""
        pages = self.whole(found)
        for part in self.parts:
            pages |= found[Lookup(BODY, part)]
        if self.prefix:
            pages |= found[Lookup(BODY, self.prefix, prefix=True)]
        return pages

    def add_scores(self, scores: Counter, found: Found, among: set[int], total: int) -> None:
        """Six for the whole in the title, two elsewhere; compound parts add their own."""
        in_title = self.whole(found, TITLE)
        _add(scores, among & in_title, 6)
        _add(scores, among & (self.whole(found) - in_title), 2)
        # Rare parts count more (gezondheid in "gezondheidsverschillen" over verschil), and
        # the head (last part, what the compound is) one more; triple in titles.
        for i, part in enumerate(self.parts):
            weight = _rarity(len(found[Lookup(BODY, part)]), total) + (i == len(self.parts) - 1)
            part_in_title = found[Lookup(TITLE, part)]
            _add(scores, among & part_in_title, 3 * weight)
            _add(scores, among & (found[Lookup(BODY, part)] - part_in_title), weight)


def _add(scores: Counter, pages: set[int], points: int) -> None:
    for page in pages:
        scores[page] += points


def _rarity(found: int, total: int) -> int:
    """1 for a term in more than a quarter of the practices, 2 up to a quarter, 3 up to a
    tenth: a coarse inverse document frequency."""
    return 1 + (found * 4 <= total) + (found * 10 <= total)


def _synonyms_at(tokens: list[str], position: int) -> tuple[tuple[str, ...], int] | None:
    """The longest synonym group with a spelling that starts at `position`, and its length."""
    matched = None
    for group in synonym_groups():
        for phrase in group:
            phrase_words = phrase.split()
            end = position + len(phrase_words)
            if tokens[position:end] == phrase_words and (
                matched is None or len(phrase_words) > matched[1]
            ):
                matched = (group, len(phrase_words))
    return matched


def query_clauses(text: str) -> tuple[list[Clause], set[str], str]:
    """One clause per word or synonym phrase of the text (most of which must match).

    Returns the clauses, the stems to highlight, and the last word as typed if it is matched
    as a prefix (as-you-type), else "".
    """
    tokens = words(text)
    clauses: list[Clause] = []
    stems: set[str] = set()
    position = 0
    while position < len(tokens):
        word = tokens[position]
        matched = _synonyms_at(tokens, position)
        length = matched[1] if matched else 1
        position += length
        if not matched and word in DUTCH_STOP_WORDS:
            continue
        phrases = matched[0] if matched else (word,)
        alternatives = tuple(
            dict.fromkeys(alt for phrase in phrases if (alt := tuple(terms(phrase))))
        )
        parts = tuple(stem(part) for part in compound_split(word)) if length == 1 else ()
        prefix = word if position == len(tokens) and len(word) >= MIN_PREFIX else ""
        if alternatives:
            clauses.append(Clause(alternatives, parts, "" if matched else prefix))
            stems.update(term for alt in alternatives for term in alt)
            stems.update(parts)
    prefix = clauses[-1].prefix if clauses else ""
    return clauses, stems, prefix


def text_lookups(text: str, clauses: list[Clause]) -> list[Lookup]:
    if not clauses:  # only stop words: matched as words
        return [Lookup("words", token) for token in words(text)]
    return [lookup for clause in clauses for lookup in clause.lookups()]


def text_matches(text: str, clauses: list[Clause], found: Found) -> set[int] | None:
    """Pages matching most of the clauses (minimum_should_match, as in Elasticsearch); None
    for text without a single word (every page)."""
    if not clauses:
        # Only stop words ("de", "van"): match them as words rather than return everything.
        tokens = words(text)
        if not tokens:
            return None
        return set.intersection(*(set(found[Lookup("words", token)]) for token in tokens))
    matched = [clause.pages(found) for clause in clauses]
    required = minimum_should_match(len(clauses))
    if required == len(clauses):
        return set.intersection(*matched)
    counted = Counter(page for pages in matched for page in pages)
    return {page for page, count in counted.items() if count >= required}


def text_scores(
    text: str, clauses: list[Clause], found: Found, among: set[int], total: int
) -> Counter:
    """The clauses' scores (Clause.add_scores) of the pages `among`; the words as a phrase
    in title or summary, 8. `total`: how many practices there are (for rarity)."""
    scores: Counter = Counter()
    for clause in clauses:
        clause.add_scores(scores, found, among, total)
    phrase = " ".join(words(text))
    if len(phrase.split()) > 1 and among:
        _add(scores, among & _phrase_pages(phrase), 8)
    return scores


def _phrase_pages(phrase: str) -> set[int]:
    """Live pages with the phrase in their title or summary. Two queries rather than one
    with OR across the two tables: on PostgreSQL each reads its trigram index (0007)."""
    live = _live_pages()
    found = set(live.filter(title__icontains=phrase).values_list("pk", flat=True))
    return found.union(live.filter(summary__icontains=phrase).values_list("pk", flat=True))


_WORD_SPANS = re.compile(r"\w+", re.UNICODE)


def highlight(text: str, stems: set[str], prefix: str) -> SafeString:
    """Escape `text`, wrapping words whose stem matches (or that begin with the prefix)."""
    if not stems and not prefix:
        return escape(text)
    out = []
    last = 0
    for match in _WORD_SPANS.finditer(text):
        word = fold(match.group())
        if stem(word) in stems or (prefix and word.startswith(prefix)):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece escaped above


# --- Facets and order -----------------------------------------------------------------------


def facet_counts(snapshot: Snapshot, base: int, selected: dict[str, int]) -> dict:
    """Each facet's counts within `base` and the other facets' selections, not its own
    (`selected`: per facet, the practices with any of its selected values)."""
    everywhere = reduce(and_, selected.values(), base)
    counts = {}
    for spec in FACETS:
        scope = everywhere
        if spec.name in selected:
            others = (bits for name, bits in selected.items() if name != spec.name)
            scope = reduce(and_, others, base)
        counts[spec.name] = {
            value: (bits & scope).bit_count() for value, bits in snapshot.values[spec.name].items()
        }
    return counts


def ordered_window(
    snapshot: Snapshot, hits: int, scores: Counter, request: SearchRequest
) -> list[int]:
    """The page ids of the requested page of results, in the requested order.

    Positions already run by evidence, then title; "relevance" puts score first, "evidence"
    puts it between evidence and title, "newest" uses the snapshot's own order.
    """
    end = request.offset + request.page_size
    positions = positions_of(hits)
    page_ids = snapshot.page_ids
    if request.sort == "newest":
        ordered = heapq.nsmallest(end, positions, key=snapshot.newest.__getitem__)
    elif not scores:
        ordered = positions
    elif request.sort == "evidence":
        ranks = snapshot.ranks
        ordered = heapq.nsmallest(
            end, positions, key=lambda p: (-ranks[p], -scores[page_ids[p]], p)
        )
    else:
        ordered = heapq.nsmallest(end, positions, key=lambda p: (-scores[page_ids[p]], p))
    return [page_ids[position] for position in ordered[request.offset : end]]


# --- The engine -----------------------------------------------------------------------------


def _spelling_vocabulary() -> list[str]:
    vocabulary = cache.get(_VOCABULARY_KEY)
    if vocabulary is None:
        found: set[str] = set()
        for row in SearchEntry.objects.values_list("words", flat=True).iterator():
            found.update(row.split())
        vocabulary = sorted(word for word in found if len(word) >= 3)
        cache.set(_VOCABULARY_KEY, vocabulary, 300)
    return vocabulary


def did_you_mean(text: str) -> str:
    """The text with each word that neither the catalogue nor the Dutch lexicon knows
    replaced by the closest catalogue word (the engine shows it only if it finds more)."""
    vocabulary = _spelling_vocabulary()
    known = set(vocabulary)
    typed = words(text)
    unsure = [
        word
        for word in typed
        if not (word in known or word in DUTCH_STOP_WORDS or is_word(word) or len(word) < 3)
    ]
    found = pages_with(Lookup(BODY, stem(word)) for word in unsure)
    corrected = []
    for word in typed:
        if word not in unsure or found[Lookup(BODY, stem(word))]:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
    suggestion = " ".join(corrected)
    return suggestion if suggestion != " ".join(typed) else ""


def _live_pages() -> QuerySet:
    return PracticePage.objects.live()


def _hit(page: PracticePage, stems: set[str], prefix: str) -> Hit:
    def labels(facet: str) -> tuple[Label, ...]:
        kind = FACETS_BY_NAME[facet].kind
        value = getattr(page, kind.page_field)
        return tuple(
            Label(item.slug, item.name) for item in (value.all() if kind.many else [value])
        )

    return hit_build(
        page,
        page_id=page.pk,
        evidence_rank=page.evidence_level.rank,
        labels=labels,
        title_html=highlight(page.title, stems, prefix),
        summary_html=highlight(page.summary, stems, prefix),
    )


def _hits(page_ids: list[int], stems: set[str], prefix: str) -> list[Hit]:
    """Result cards of these pages, in this order (pages unpublished meanwhile left out)."""
    pages = {page.pk: page for page in _live_pages().filter(pk__in=page_ids).for_cards()}
    return [_hit(pages[pk], stems, prefix) for pk in page_ids if pk in pages]


class DatabaseEngine:
    name = "database"

    def search(self, request: SearchRequest, *, today: date | None = None) -> SearchResults:
        """Stemmed terms, synonyms and compound parts; on few hits, the words spelled as the
        catalogue spells them ("Bedoelde je"), if that finds more (typo tolerance)."""
        results = self._search(request, today=today)
        if not request.text or results.total >= FEW_HITS:
            return results
        suggestion = did_you_mean(request.text)
        if not suggestion:
            return results
        corrected = self._search(replace(request, text=suggestion), today=today)
        if corrected.total <= results.total:
            return results
        return replace(corrected, request=request, did_you_mean=suggestion)

    def _search(self, request: SearchRequest, *, today: date | None = None) -> SearchResults:
        snapshot = catalogue_snapshot((today or date.today()).year)
        base = snapshot.everything
        scores: Counter = Counter()
        stems: set[str] = set()
        prefix = ""
        if request.text:
            clauses, stems, prefix = query_clauses(request.text)
            found = pages_with(text_lookups(request.text, clauses))
            matched = text_matches(request.text, clauses, found)
            if matched is not None:
                base = snapshot.bits_of_pages(matched)
                if request.sort != "newest":  # the only order without scores
                    scores = text_scores(request.text, clauses, found, matched, snapshot.size)

        selected = {
            name: snapshot.selection(name, values) for name, values in request.filters.items()
        }
        hits = reduce(and_, selected.values(), base)
        counts = facet_counts(snapshot, base, selected)
        return SearchResults(
            request=request,
            total=hits.bit_count(),
            hits=_hits(ordered_window(snapshot, hits, scores, request), stems, prefix),
            facets=facet_results(counts, request, facet_vocabulary()),
            engine=self.name,
        )

    def suggest(self, text: str, *, limit: int) -> list[Suggestion]:
        """Titles with a word beginning with each typed word (or its stem)."""
        typed = words(text)
        significant = [word for word in typed if word not in DUTCH_STOP_WORDS] or typed
        if not significant or len("".join(significant)) < 2:
            return []
        clauses = [
            Q(title_terms__contains=f" {word}") | Q(title_terms__contains=f" {stem(word)}")
            for word in significant
        ]
        entries = SearchEntry.objects.filter(*clauses).values("page_id")
        pages = (
            _live_pages()
            .filter(pk__in=entries)
            .annotate(
                starts=Case(
                    When(title__istartswith=text.strip(), then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .order_by("-starts", "-evidence_level__rank", "title")[:limit]
        )
        return [Suggestion(page.title, page.slug, page.url) for page in pages]

    def related(self, page_id: int, *, limit: int) -> list[Hit]:
        """Practices sharing the most themes (twice), domains and target groups; then the
        strongest evidence, then title."""
        snapshot = catalogue_snapshot(date.today().year)
        position = snapshot.positions.get(page_id)
        if position is None:
            return []
        shared: Counter = Counter()
        for facet, weight in RELATED_WEIGHTS.items():
            for bits in snapshot.values[facet].values():
                if has_bit(bits, position):
                    _add(shared, positions_of(bits), weight)
        del shared[position]
        best = heapq.nsmallest(limit, shared, key=lambda p: (-shared[p], p))
        return _hits([snapshot.page_ids[p] for p in best], set(), "")
