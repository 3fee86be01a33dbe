"""Realistic catalogues of any size for benchmarks: N published practices in minutes.

Text is recombined from the real corpus (its sentences and title words, so the vocabulary
is Dutch and the analysis has real work), with skew like a real catalogue: a few themes and
cities hold most practices, most practices sit on the lowest evidence rung. The pages are
written in bulk straight into Wagtail's tree (no revision per page), marked with
`source_file = "generated:<seed>"`, and removed again with `practices_generated_remove`.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
import uuid
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from practices.models import PracticeIndexPage, PracticePage, PracticeSource
from practices.taxonomy import TAXONOMY

MARK = "generated:"
BATCH = 2000
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class _Corpus:
    titles: list[str]
    sentences: dict[str, list[str]]  # field → sentences from every real practice
    wijken: list[str]


def _corpus() -> _Corpus:
    real = PracticePage.objects.live().exclude(source_file__startswith=MARK)
    fields = ("summary", "approach", "results", "lessons", "evidence_justification")
    sentences: dict[str, list[str]] = {name: [] for name in fields}
    titles, wijken = [], []
    for page in real.only("title", "wijk", *fields):
        titles.append(page.title)
        wijken.extend(w.strip() for w in page.wijk.split(",") if w.strip())
        for name in fields:
            sentences[name].extend(s for s in _SENTENCE.split(getattr(page, name)) if s)
    if not titles:
        raise ValueError("load the real corpus first (manage.py load_content)")
    return _Corpus(titles, sentences, wijken or ["Centrum"])


def _skewed(rng: random.Random, items: list, k: int) -> list:
    """k distinct items, the first ones far more often (Zipf-like, exponent 0.9)."""
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(items))]
    chosen: list = []
    while len(chosen) < min(k, len(items)):
        item = rng.choices(items, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def _text(rng: random.Random, pool: list[str], low: int, high: int, limit: int = 0) -> str:
    text = " ".join(rng.sample(pool, min(len(pool), rng.randint(low, high))))
    return text[:limit].rsplit(" ", 1)[0] + "." if limit and len(text) > limit else text


def _practice_fields(rng: random.Random, corpus: _Corpus, number: int) -> dict:
    words = rng.choice(corpus.titles).split()
    start = rng.randint(1995, 2025)
    return {
        "title": f"{' '.join(words[: rng.randint(2, 5)])} – {rng.choice(corpus.wijken)} {number}",
        "summary": _text(rng, corpus.sentences["summary"], 2, 3, limit=390),
        "wijk": rng.choice(corpus.wijken),
        "evidence_justification": _text(rng, corpus.sentences["evidence_justification"], 2, 3),
        "period_start": start,
        "period_end": None if rng.random() < 0.3 else min(2026, start + rng.randint(0, 8)),
        "approach": _text(rng, corpus.sentences["approach"], 4, 8),
        "results": _text(rng, corpus.sentences["results"], 3, 6),
        "lessons": _text(rng, corpus.sentences["lessons"], 2, 4),
    }


def practices_generate(*, count: int, seed: int = 1) -> int:
    """Create `count` published practices under the catalogue; returns how many."""
    rng = random.Random(seed)
    corpus = _corpus()
    parent = PracticeIndexPage.objects.get()
    choices = {kind.name: list(kind.model.objects.order_by("pk")) for kind in TAXONOMY}
    # Real skew: order the lists by how many real practices use each entry.
    for kind in TAXONOMY:
        if kind.name != "evidence_level":
            counts = dict(
                kind.model.objects.with_practice_counts().values_list("pk", "practice_count")
            )
            choices[kind.name].sort(key=lambda item: -counts.get(item.pk, 0))
    with transaction.atomic():
        created = 0
        while created < count:
            batch = min(BATCH, count - created)
            _create_batch(rng, corpus, parent, choices, first=created, size=batch, seed=seed)
            created += batch
    return created


def _create_batch(rng, corpus, parent, choices, *, first: int, size: int, seed: int) -> None:
    parent.refresh_from_db()
    last = parent.get_last_child()
    step = (Page._str2int(last.path[-Page.steplen :]) if last else 0) + 1
    now, locale = timezone.now(), Locale.get_default()
    content_type = ContentType.objects.get_for_model(PracticePage)
    pages, details = [], []
    for offset in range(size):
        fields = _practice_fields(rng, corpus, first + offset + 1)
        slug = f"gegenereerd-{seed}-{first + offset + 1}"
        pages.append(
            Page(
                title=fields["title"],
                draft_title=fields["title"],
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, step + offset),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale=locale,
                translation_key=uuid.UUID(int=rng.getrandbits(128)),
            )
        )
        details.append(fields)
    Page.objects.bulk_create(pages)
    _insert_practice_rows(rng, pages, details, choices, seed)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + size)


def _insert_practice_rows(rng, pages, details, choices, seed: int) -> None:
    """PracticePage is a child table of Page: its rows go in with one INSERT per batch."""
    levels = choices["evidence_level"]
    rung_weights = [0.7, 0.2, 0.07, 0.02, 0.01][: len(levels)]
    columns = list(PracticePage._meta.local_concrete_fields)
    rows, relations, sources = [], {kind.name: [] for kind in TAXONOMY if kind.many}, []
    for page, fields in zip(pages, details, strict=True):
        values = {
            **{f.attname: f.get_default() for f in columns},
            **fields,
            "page_ptr_id": page.pk,
            "evidence_level_id": rng.choices(levels, rung_weights)[0].pk,
            "outcome_id": _skewed(rng, choices["outcome"], 1)[0].pk,
            "evidence_assessed_on": date.today(),
            "source_file": f"{MARK}{seed}",
        }
        values.pop("title", None)
        rows.append([f.get_db_prep_save(values.get(f.attname), connection) for f in columns])
        for kind in TAXONOMY:
            if kind.many:
                most = 2 if kind.name == "city" else 3
                picked = _skewed(rng, choices[kind.name], rng.randint(1, most))
                relations[kind.name].extend((page.pk, item.pk) for item in picked)
        sources.append(
            PracticeSource(
                page_id=page.pk,
                document="Gegenereerde bron",
                publisher="benchmark",
                year=2020,
                section="§ 1",
                sort_order=0,
            )
        )
    table = PracticePage._meta.db_table
    names = ", ".join(connection.ops.quote_name(f.column) for f in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
    for kind in TAXONOMY:
        if kind.many:
            field = PracticePage._meta.get_field(kind.page_field)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.bulk_create(
                through(**{f"{source}_id": page_id, f"{target}_id": item_id})
                for page_id, item_id in relations[kind.name]
            )
    PracticeSource.objects.bulk_create(sources)


def practices_generated_remove() -> int:
    """Delete every generated practice (and only those); returns how many."""
    from search.signals import index_updates_deferred

    generated = PracticePage.objects.filter(source_file__startswith=MARK)
    ids = list(generated.values_list("pk", flat=True))
    # Not live first, so Wagtail does not unpublish (and log) them one by one on delete; the
    # caller rebuilds the indexes once instead of one update per page.
    with transaction.atomic(), index_updates_deferred():
        for start in range(0, len(ids), BATCH):
            batch = Page.objects.filter(pk__in=ids[start : start + BATCH])
            batch.update(live=False)
            batch.delete()
        parent = PracticeIndexPage.objects.get()
        Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
    return len(ids)
