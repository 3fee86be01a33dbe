"""The practice document in Elasticsearch, behind an alias.

The alias (`<prefix>-practices`) always points at one versioned index
(`<prefix>-practices-<timestamp>`); a rebuild fills a new one and swaps the alias in one
atomic call (search/indexing.py). `_matches` lets hits from any versioned index load as a
PracticeDocument.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from fnmatch import fnmatch
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from elasticsearch.dsl import Completion, Date, Document, Integer, Keyword, Text, normalizer

from practices.markdown import markdown_to_plain_text
from practices.models import City, PracticePage, Theme
from search import analysis
from search.periods import period_buckets


def index_alias() -> str:
    return f"{settings.ELASTICSEARCH['INDEX_PREFIX']}-practices"


def index_pattern() -> str:
    return f"{index_alias()}-*"


# Sort key for titles. Lowercase only: the stable plugin API that provides asciifolding on
# the local engine cannot offer it to normalizers, and titles rarely start with an accent.
title_sort = normalizer("title_sort", filter=["lowercase"])


def _dutch_text(**extra_fields: Any) -> Text:
    return Text(
        analyzer=analysis.dutch_index,
        search_analyzer=analysis.dutch_search,
        fields={"folded": Text(analyzer=analysis.folded), **extra_fields},
    )


class PracticeDocument(Document):
    page_id = Integer()
    revision_id = Integer()
    slug = Keyword()
    url = Keyword(index=False)

    title = _dutch_text(
        prefix=Text(analyzer=analysis.word_prefixes, search_analyzer=analysis.folded),
        trigrams=Text(analyzer=analysis.word_trigrams),
        sort=Keyword(normalizer=title_sort),
    )
    summary = _dutch_text()
    body = _dutch_text()
    evidence_justification = _dutch_text()
    themes_text = _dutch_text()
    places_text = _dutch_text()
    organisations_text = _dutch_text()
    target_text = _dutch_text()

    # Facets: slugs; labels come from the category tables.
    theme = Keyword()
    city = Keyword()
    domain = Keyword()
    target_group = Keyword()
    evidence_level = Keyword()
    outcome = Keyword()
    period = Keyword()

    evidence_rank = Integer()
    period_start = Integer()
    period_end = Integer()
    published_at = Date()
    suggest = Completion(analyzer=analysis.folded, search_analyzer=analysis.folded)
    # Words as written in title, summary, themes and places: the vocabulary "did you mean"
    # corrects towards (body text would offer rare words and typos of its own).
    spelling = Text(analyzer=analysis.folded)

    class Index:
        name = index_alias()
        # One shard is plenty for tens of thousands of practices. One replica wherever there
        # is a second node to hold it (a single local node stays green).
        settings = {"number_of_shards": 1, "auto_expand_replicas": "0-1", "max_ngram_diff": 18}

    @classmethod
    def _matches(cls, hit: dict[str, Any]) -> bool:
        return fnmatch(hit["_index"], index_pattern())


def practices_for_indexing() -> QuerySet:
    """Live practices with everything a document needs loaded in a fixed number of queries."""
    return (
        PracticePage.objects.live()
        .select_related("evidence_level", "outcome")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.all()),
            Prefetch("cities", queryset=City.objects.all()),
            "domains",
            "target_groups",
            "partners",
        )
        .order_by("pk")
    )


def practice_document(page: PracticePage, *, today: date | None = None) -> PracticeDocument:
    themes = list(page.themes.all())
    cities = list(page.cities.all())
    target_groups = list(page.target_groups.all())
    partners = [partner.name for partner in page.partners.all()]
    body = "\n\n".join(
        markdown_to_plain_text(text)
        for text in (page.approach, page.results, page.lessons, page.costs_description)
        if text
    )
    if page.mkba_summary:
        body += "\n\n" + page.mkba_summary
    doc = PracticeDocument(
        meta={"id": page.pk},
        page_id=page.pk,
        revision_id=page.live_revision_id,
        slug=page.slug,
        url=page.url,
        title=page.title,
        summary=page.summary,
        body=body,
        evidence_justification=page.evidence_justification,
        themes_text=" ".join(
            part for theme in themes for part in (theme.name, *theme.keyword_list)
        ),
        places_text=" ".join([*(city.name for city in cities), page.wijk]).strip(),
        organisations_text=" ".join([page.lead_organisation, *partners]),
        target_text=" ".join(
            [*(group.name for group in target_groups), page.target_group_description]
        ).strip(),
        theme=[theme.slug for theme in themes],
        city=[city.slug for city in cities],
        domain=[domain.slug for domain in page.domains.all()],
        target_group=[group.slug for group in target_groups],
        evidence_level=page.evidence_level.slug,
        outcome=page.outcome.slug,
        period=period_buckets(page.period_start, page.period_end, today=today),
        evidence_rank=page.evidence_level.rank,
        period_start=page.period_start,
        period_end=page.period_end,
        published_at=page.last_published_at,
        suggest={"input": suggestion_inputs(page.title), "weight": page.evidence_level.rank},
    )
    doc.spelling = " ".join(
        [page.title, page.summary, doc.themes_text, doc.places_text, doc.target_text]
    )
    return doc


def suggestion_inputs(title: str) -> list[str]:
    """What the completion suggester should complete to this title.

    The whole title, the title from each later word on ("Malburgen" in "Bewonersbedrijf
    Malburgen") and from each known compound part inside a word ("bedrijf Malburgen"), so a
    suggestion is found from the middle of the title and inside Dutch compounds too.
    """
    words = title.split()
    inputs = [" ".join(words[start:]) for start in range(len(words))]
    for start, word in enumerate(words):
        lowered = word.lower()
        for part in analysis.COMPOUND_PARTS:
            position = lowered.find(part, 1)
            if position > 0:
                inputs.append(" ".join([word[position:], *words[start + 1 :]]))
    return list(dict.fromkeys(text for text in inputs if len(text) >= 2))


def documents_for(pages: Iterable[PracticePage]) -> Iterable[dict[str, Any]]:
    for page in pages:
        yield practice_document(page).to_dict(include_meta=True)
