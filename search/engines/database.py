"""The database engine: the same filters, facets and counts as Elasticsearch, simpler relevance.

It matches stemmed, folded Dutch terms (with the curated synonyms and the parts of known
compounds) in SearchEntry rows, scores title matches above body matches, and computes each
facet's counts without its own selection, exactly like the Elasticsearch engine. Works on
SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import reduce
from operator import and_, or_

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from practices.models import PracticePage
from search.facets import FACETS, FACETS_BY_NAME, facet_vocabulary
from search.lexicon import compound_split, is_word
from search.models import SearchEntry
from search.periods import period_bucket_range
from search.query import SearchRequest
from search.results import Hit, Label, SearchResults, Suggestion, facet_results, hit_build
from search.synonyms import synonym_groups
from search.text import DUTCH_STOP_WORDS, fold, minimum_should_match, stem, terms, words

MIN_PREFIX = 3
# Fewer hits than this, and the engine offers a spelling correction (as Elasticsearch does).
FEW_HITS = 3
_VOCABULARY_KEY = "search:database-spelling-vocabulary:v1"


# --- Text matching --------------------------------------------------------------------------


def _contains(field: str, term: str, *, prefix: bool = False) -> Q:
    needle = f" {term}" if prefix else f" {term} "
    return Q(**{f"{field}__contains": needle})


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

    def whole(self, field: str = "terms") -> Q:
        return reduce(
            or_,
            (reduce(and_, (_contains(field, t) for t in alt)) for alt in self.alternatives),
        )

    def q(self, field: str = "terms") -> Q:
        """Matches the clause: a whole alternative, any compound part, or the prefix."""
        found = self.whole(field)
        for part in self.parts:
            found |= _contains(field, part)
        if self.prefix:
            found |= _contains(field, self.prefix, prefix=True)
        return found

    def score(self) -> Case:
        """Six for the whole in the title, two elsewhere; compound parts add their own."""
        title, body = "search_entry__title_terms", "search_entry__terms"
        whole = Case(
            When(self.whole(title), then=Value(6)),
            When(self.whole(body), then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        )
        # Rare parts count more (gezondheid in "gezondheidsverschillen" over verschil), and
        # the head (last part, what the compound is) one more; triple in titles.
        weights = [_rarity(part) + (i == len(self.parts) - 1) for i, part in enumerate(self.parts)]
        parts = [
            Case(
                When(_contains(title, part), then=Value(3 * weight)),
                When(_contains(body, part), then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for part, weight in zip(self.parts, weights, strict=False)
        ]
        return reduce(lambda a, b: a + b, parts, whole)


def _rarity(term: str) -> int:
    """1 for a term in more than a quarter of the practices, 2 up to a quarter, 3 up to a
    tenth: a coarse inverse document frequency, cached like the spelling vocabulary."""
    key = f"search:database-rarity:v1:{term}"
    rarity = cache.get(key)
    if rarity is None:
        total = SearchEntry.objects.count() or 1
        found = SearchEntry.objects.filter(terms__contains=f" {term} ").count()
        rarity = 1 + (found * 4 <= total) + (found * 10 <= total)
        cache.set(key, rarity, 300)
    return rarity


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
        alternatives = tuple(alt for phrase in phrases if (alt := tuple(terms(phrase))))
        parts = tuple(stem(part) for part in compound_split(word)) if length == 1 else ()
        prefix = word if position == len(tokens) and len(word) >= MIN_PREFIX else ""
        if alternatives:
            clauses.append(Clause(alternatives, parts, "" if matched else prefix))
            stems.update(term for alt in alternatives for term in alt)
            stems.update(parts)
    prefix = clauses[-1].prefix if clauses else ""
    return clauses, stems, prefix


def _text_filter(text: str, clauses: list[Clause]) -> QuerySet:
    """Entries matching most of the clauses (minimum_should_match, as in Elasticsearch)."""
    if not clauses:
        # Only stop words ("de", "van"): match them as words rather than return everything.
        tokens = words(text)
        return SearchEntry.objects.filter(
            *(Q(words__contains=f" {token} ") for token in tokens)
        ).values("page_id")
    required = minimum_should_match(len(clauses))
    if required == len(clauses):
        return SearchEntry.objects.filter(*(c.q() for c in clauses)).values("page_id")
    matched = reduce(
        lambda a, b: a + b,
        (Case(When(clause.q(), then=Value(1)), default=Value(0)) for clause in clauses),
    )
    return (
        SearchEntry.objects.annotate(matched=matched)
        .filter(matched__gte=required)
        .values("page_id")
    )


def _score(text: str, clauses: list[Clause]) -> Case | Value:
    """The clauses' scores (Clause.score); the words as a phrase in title or summary, 8."""
    parts = [clause.score() for clause in clauses]
    phrase = " ".join(words(text))
    if len(phrase.split()) > 1:
        parts.append(
            Case(
                When(Q(title__icontains=phrase) | Q(summary__icontains=phrase), then=Value(8)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    return reduce(lambda a, b: a + b, parts) if parts else Value(0)


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


# --- Facets ---------------------------------------------------------------------------------


def _period_q(bucket: str, this_year: int) -> Q:
    """Practices active in the bucket's years; an open end runs up to this year.

    The same rule as search.periods.period_buckets, which the Elasticsearch engine indexes.
    """
    first, last = period_bucket_range(bucket)
    # Start unknown: only the end year counts (and with no end either, no bucket).
    unknown_start = Q(period_start__isnull=True, period_end__lte=last)
    if first is None:
        return Q(period_start__lte=last) | unknown_start
    unknown_start &= Q(period_end__gte=first)
    still_running = Q(period_end__isnull=True)
    if this_year < first:
        still_running &= Q(period_start__gte=first)
    known_start = Q(period_start__lte=last) & (Q(period_end__gte=first) | still_running)
    return known_start | unknown_start


def facet_filter(name: str, values: tuple[str, ...], this_year: int) -> Q:
    kind = FACETS_BY_NAME[name].kind
    if kind is None:
        return reduce(or_, (_period_q(bucket, this_year) for bucket in values))
    if not kind.many:
        return Q(**{f"{kind.page_field}__slug__in": values})
    field = PracticePage._meta.get_field(kind.page_field)
    page_ids = field.remote_field.through.objects.filter(
        **{f"{field.m2m_reverse_field_name()}__slug__in": values}
    ).values(field.m2m_field_name())
    return Q(pk__in=page_ids)


def facet_counts(name: str, pages: QuerySet, buckets: list[str], this_year: int) -> dict:
    kind = FACETS_BY_NAME[name].kind
    if kind is not None and kind.many:
        field = PracticePage._meta.get_field(kind.page_field)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = (
            through.objects.filter(**{f"{source}__in": pages.order_by().values("pk")})
            .order_by()
            .values(f"{target}__slug")
            .annotate(count=Count(source, distinct=True))
        )
        return {row[f"{target}__slug"]: row["count"] for row in rows}
    if kind is not None:
        key = f"{kind.page_field}__slug"
        # order_by(): the page model's default ordering would split the groups.
        rows = pages.order_by().values(key).annotate(count=Count("pk"))
        return {row[key]: row["count"] for row in rows}
    totals = pages.aggregate(
        **{
            f"b{index}": Count("pk", filter=_period_q(bucket, this_year))
            for index, bucket in enumerate(buckets)
        }
    )
    return {bucket: totals[f"b{index}"] for index, bucket in enumerate(buckets)}


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
    corrected = []
    for word in words(text):
        if (
            word in known
            or word in DUTCH_STOP_WORDS
            or is_word(word)
            or len(word) < 3
            or SearchEntry.objects.filter(terms__contains=f" {stem(word)} ").exists()
        ):
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
    suggestion = " ".join(corrected)
    return suggestion if suggestion != " ".join(words(text)) else ""


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
        vocabulary = facet_vocabulary()
        this_year = (today or date.today()).year
        matched = _live_pages()
        stems: set[str] = set()
        prefix = ""
        clauses: list[Clause] = []
        if request.text:
            clauses, stems, prefix = query_clauses(request.text)
            matched = matched.filter(pk__in=_text_filter(request.text, clauses))

        filters = {
            name: facet_filter(name, values, this_year) for name, values in request.filters.items()
        }
        hits_query = matched.filter(*filters.values())
        total = hits_query.count()

        counts = {}
        for spec in FACETS:
            others = [q for name, q in filters.items() if name != spec.name]
            counts[spec.name] = facet_counts(
                spec.name, matched.filter(*others), list(vocabulary["period"]), this_year
            )
        facets = facet_results(counts, request, vocabulary)

        if request.sort == "newest":
            ordering = [F("period_start").desc(nulls_last=True), "-last_published_at", "title"]
        elif request.sort == "evidence":
            ordering = ["-evidence_level__rank", "-score", "title"]
        else:
            ordering = ["-score", "-evidence_level__rank", "title"]
        page_query = hits_query.annotate(
            score=_score(request.text, clauses) if request.text else Value(0)
        ).order_by(*ordering)
        window = page_query[request.offset : request.offset + request.page_size]
        hits = [_hit(page, stems, prefix) for page in window.for_cards()]
        return SearchResults(
            request=request, total=total, hits=hits, facets=facets, engine=self.name
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
        page = _live_pages().filter(pk=page_id).first()
        if page is None:
            return []
        theme_ids = list(page.themes.values_list("pk", flat=True))
        domain_ids = list(page.domains.values_list("pk", flat=True))
        group_ids = list(page.target_groups.values_list("pk", flat=True))
        candidates = (
            _live_pages()
            .exclude(pk=page_id)
            .annotate(
                shared=Coalesce(
                    Count("themes", filter=Q(themes__in=theme_ids), distinct=True) * 2, 0
                )
                + Count("domains", filter=Q(domains__in=domain_ids), distinct=True)
                + Count("target_groups", filter=Q(target_groups__in=group_ids), distinct=True)
            )
            .filter(shared__gt=0)
            .order_by("-shared", "-evidence_level__rank", "title")
        )
        ids = list(candidates.values_list("pk", flat=True)[:limit])
        pages = {p.pk: p for p in _live_pages().filter(pk__in=ids).for_cards()}
        return [_hit(pages[pk], set(), "") for pk in ids if pk in pages]
