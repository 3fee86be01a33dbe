"""One analysis for both engines: Python's chain gives Elasticsearch's tokens, word for word."""

from __future__ import annotations

import pytest

from search.client import elasticsearch_client
from search.indexing import indices_behind_alias
from search.relevance.stemcheck import corpus_vocabulary
from search.text import DUTCH_STOP_WORDS, stem, stem_overrides

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("require_elasticsearch")]


def elasticsearch_stems(vocabulary: list[str]) -> dict[str, set[str]]:
    """Each word's tokens from `dutch_index`, found by offset in one `_analyze` call."""
    starts, text, position = {}, [], 0
    for word in vocabulary:
        starts[position] = word
        text.append(word)
        position += len(word) + 1
    response = elasticsearch_client().indices.analyze(
        index=indices_behind_alias()[0], analyzer="dutch_index", text=" ".join(text)
    )
    found: dict[str, set[str]] = {word: set() for word in vocabulary}
    for token in response["tokens"]:
        found[starts[token["start_offset"]]].add(token["token"])
    return found


def test_python_stems_every_corpus_word_as_elasticsearch_does():
    vocabulary = sorted(corpus_vocabulary())
    assert len(vocabulary) > 1000
    from_elasticsearch = elasticsearch_stems(vocabulary)
    expected = {word: set() if word in DUTCH_STOP_WORDS else {stem(word)} for word in vocabulary}
    differ = {
        w: (expected[w], from_elasticsearch[w])
        for w in vocabulary
        if expected[w] != from_elasticsearch[w]
    }
    assert differ == {}


def test_the_overrides_reach_elasticsearch():
    words = sorted(stem_overrides())
    from_elasticsearch = elasticsearch_stems(words)
    assert {word: {stem(word)} for word in words} == from_elasticsearch


@pytest.mark.parametrize(
    ("one", "other"),
    [("ouderen", "ouders"), ("steeds", "steden"), ("vaak", "vakken"), ("overheid", "overige")],
)
def test_over_stemmed_pairs_stay_apart(one, other):
    assert stem(one) != stem(other)


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("gezin", "gezinnen"),
        ("plan", "plannen"),
        ("corporatie", "corporaties"),
        ("bedrijf", "bedrijven"),
        ("kans", "kansen"),
        ("oudere", "ouderen"),
    ],
)
def test_singular_and_plural_meet_in_python(singular, plural):
    assert stem(singular) == stem(plural)
