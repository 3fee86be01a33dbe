"""The practice document in Elasticsearch, behind an alias.

The alias (`<prefix>-practices`) always points at one versioned index
(`<prefix>-practices-<timestamp>`); a rebuild fills a new one and swaps the alias in one
atomic call (search/indexing.py). `_matches` lets hits from any versioned index load as a
PracticeDocument.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from fnmatch import fnmatch
from typing import Any

from django.conf import settings
from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    Text,
    normalizer,
)

from practices.models import SEARCH_TEXT, PracticePage, PracticePageQuerySet
from practices.taxonomy import TAXONOMY
from search import analysis, lexicon
from search.periods import period_buckets
from search.text import words


def index_alias() -> str:
    return f"{settings.ELASTICSEARCH['INDEX_PREFIX']}-practices"


def index_pattern() -> str:
    return f"{index_alias()}-*"


# Sort key for titles. Lowercase only: the stable plugin API that provides asciifolding on
# the local engine cannot offer it to normalizers, and titles rarely start with an accent.
title_sort = normalizer("title_sort", filter=["lowercase"])


# Fields the result cards show highlighted store their offsets, so the unified highlighter
# reads positions from the index instead of analysing the text again for every hit.
OFFSETS = {"index_options": "offsets"}


def _dutch_text(*, shown: bool = False, **extra_fields: Any) -> Text:
    offsets = OFFSETS if shown else {}
    return Text(
        analyzer=analysis.dutch_index,
        search_analyzer=analysis.dutch_search,
        fields={"folded": Text(analyzer=analysis.folded, **offsets), **extra_fields},
        **offsets,
    )


def _facet() -> Keyword:
    # Global ordinals built at refresh rather than by the first aggregation after it.
    return Keyword(eager_global_ordinals=True)


# The text "did you mean" corrects towards, in both engines: names and short texts people see
# in lists (body text would offer rare words and typos of its own).
SPELLING_TEXT = ("title", "summary", "themes_text", "places_text", "target_text")


class PracticeDocument(Document):
    """A published practice as Elasticsearch holds it.

    The text fields are PracticePage.SEARCH_TEXT (`title`, `summary`, `body_text`, …), so
    what is searchable is declared once, on the model. `suggest` and `spelling` are derived
    from the other fields in `clean()`.
    """

    page_id = Integer()
    revision_id = Integer()
    slug = Keyword()
    url = Keyword(index=False)

    title = _dutch_text(
        shown=True,
        prefix=Text(analyzer=analysis.word_prefixes, search_analyzer=analysis.folded, **OFFSETS),
        trigrams=Text(analyzer=analysis.word_trigrams),
        sort=Keyword(normalizer=title_sort),
    )
    summary = _dutch_text(shown=True)
    themes_text = _dutch_text()
    places_text = _dutch_text()
    target_text = _dutch_text()
    organisations_text = _dutch_text()
    evidence_justification = _dutch_text()
    body_text = _dutch_text()
    # The parts of every compound in the title, and in all the text above
    # (search/lexicon.py): "begroting" for "buurtbegroting", so a part finds the compound.
    title_parts = Text(analyzer=analysis.dutch_index, search_analyzer=analysis.dutch_search)
    compound_parts = Text(analyzer=analysis.dutch_index, search_analyzer=analysis.dutch_search)

    # Facets (one keyword field per taxonomy kind, plus period): slugs; labels come from the
    # category tables.
    theme = _facet()
    city = _facet()
    domain = _facet()
    target_group = _facet()
    evidence_level = _facet()
    outcome = _facet()
    period = _facet()

    evidence_rank = Integer()
    period_start = Integer()
    period_start_derived = Boolean()
    period_end = Integer()
    published_at = Date()
    suggest = Completion(analyzer=analysis.folded, search_analyzer=analysis.folded)
    spelling = Text(analyzer=analysis.folded)
    # A hash of everything above, so `search_index verify` sees any stale document (a renamed
    # category, a lost update), not only an older revision.
    content_hash = Keyword(index=False)

    class Index:
        name = index_alias()
        # One shard is plenty for tens of thousands of practices. One replica wherever there
        # is a second node to hold it (a single local node stays green).
        settings = {"number_of_shards": 1, "auto_expand_replicas": "0-1", "max_ngram_diff": 18}

    @classmethod
    def _matches(cls, hit: dict[str, Any]) -> bool:
        return fnmatch(hit["_index"], index_pattern())

    @classmethod
    def from_page(
        cls, page: PracticePage, *, today: date | None = None, texts: dict[str, str] | None = None
    ) -> PracticeDocument:
        """The document for a live page loaded with `PracticePage.objects.with_relations()`
        (`texts`: its `search_texts()`, when the caller has them already)."""
        doc = cls(
            meta={"id": page.pk},
            page_id=page.pk,
            revision_id=page.live_revision_id,
            slug=page.slug,
            url=page.url,
            evidence_rank=page.evidence_level.rank,
            period=period_buckets(page.period_start, page.period_end, today=today),
            period_start=page.period_start,
            period_start_derived=page.period_start_derived,
            period_end=page.period_end,
            published_at=page.last_published_at,
            **(texts if texts is not None else page.search_texts()),
        )
        for kind in TAXONOMY:
            value = getattr(page, kind.page_field)
            setattr(
                doc, kind.name, [item.slug for item in value.all()] if kind.many else value.slug
            )
        return doc

    def clean(self) -> None:
        self.suggest = {"input": suggestion_inputs(self.title), "weight": self.evidence_rank}
        self.spelling = " ".join(getattr(self, name) for name in SPELLING_TEXT)
        text = " ".join(getattr(self, name) for name, _weight in SEARCH_TEXT)
        self.compound_parts = lexicon.parts_text(list(dict.fromkeys(words(text))))
        self.title_parts = lexicon.parts_text(words(self.title))
        self.content_hash = document_hash(self)  # last: it covers every other field


def document_hash(doc: PracticeDocument) -> str:
    """The hash of a document's content (without the hash itself)."""
    content = {key: value for key, value in doc.to_dict().items() if key != "content_hash"}
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def practices_for_indexing() -> PracticePageQuerySet:
    """Live practices with everything a document needs, in a fixed number of queries."""
    return PracticePage.objects.live().for_search().order_by("pk")


def suggestion_inputs(title: str) -> list[str]:
    """What the completion suggester should complete to this title.

    The whole title, the title from each later word on ("Malburgen" in "Bewonersbedrijf
    Malburgen") and from each compound part inside a word ("Bedrijf Malburgen", split by
    the Dutch lexicon), so a suggestion is found from the middle of the title and inside
    Dutch compounds too.
    """
    title_words = title.split()
    inputs = [" ".join(title_words[start:]) for start in range(len(title_words))]
    for start, word in enumerate(title_words):
        lowered = word.lower()
        for part in lexicon.compound_split("".join(words(lowered))):
            position = lowered.rfind(part)
            if position > 0:
                inputs.append(" ".join([word[position:], *title_words[start + 1 :]]))
    return list(dict.fromkeys(text for text in inputs if len(text) >= 2))
