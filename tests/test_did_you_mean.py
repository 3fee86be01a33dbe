"""An honest "Bedoelde je" on both engines: only for unknown words, only if it finds more."""

from __future__ import annotations

import pytest

from search import lexicon
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.facets import facet_vocabulary
from search.query import search_request_build

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("require_elasticsearch"),
    pytest.mark.skipif(not lexicon.lexicon_available(), reason="needs hunspell-nl and spylls"),
]
ENGINES = pytest.mark.parametrize(
    "engine", [ElasticsearchEngine(), DatabaseEngine()], ids=["es", "db"]
)


def _search(engine, text):
    return engine.search(search_request_build(text=text, vocabulary=facet_vocabulary()))


@ENGINES
@pytest.mark.parametrize(
    "text",
    [
        "huisuitzettingen",  # correct Dutch, in the body of two practices
        "hondenbelasting",  # correct Dutch, in no practice
        "gezinnen",  # a correct plural
        "Selwerd",  # a name the lexicon does not know, but the catalogue does
    ],
)
def test_correct_words_are_not_corrected(engine, text):
    assert _search(engine, text).did_you_mean == ""


@ENGINES
def test_a_typo_is_corrected_and_the_correction_finds_more(engine):
    typed = _search(engine, "bewonersbedrjf in leeuwarden")
    assert typed.did_you_mean == "bewonersbedrijf in leeuwarden"
    assert _search(engine, typed.did_you_mean).total >= typed.total > 0
