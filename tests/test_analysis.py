"""Dutch analysis on the real Elasticsearch (our plugin locally, analysis-common in production)."""

from __future__ import annotations

import pytest

from search import lexicon
from search.client import elasticsearch_client
from search.indexing import indices_behind_alias

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("require_elasticsearch")]


def tokens(analyzer: str, text: str) -> list[str]:
    response = elasticsearch_client().indices.analyze(
        index=indices_behind_alias()[0], analyzer=analyzer, text=text
    )
    return [token["token"] for token in response["tokens"]]


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("bewoner", "bewoners"),
        ("wijk", "wijken"),
        ("bedrijf", "bedrijven"),
        ("gezin", "gezinnen"),
        ("school", "scholen"),
        ("huis", "huizen"),
        ("jongere", "jongeren"),
    ],
)
def test_singular_and_plural_share_a_stem(singular, plural):
    assert set(tokens("dutch_index", singular)) <= set(tokens("dutch_index", plural))


def test_compound_parts_meet_the_part_searched_for():
    # The parts come from search/lexicon.py (Python), analysed like any text field.
    parts = lexicon.parts_text(["bewonersbedrijf"])
    assert set(tokens("dutch_index", parts)) >= set(tokens("dutch_search", "bedrijf"))


def test_case_and_accents_are_folded_and_stop_words_dropped():
    assert tokens("folded", "Één Café") == ["een", "cafe"]
    assert tokens("dutch_index", "de wijk van het jaar") == tokens("dutch_index", "wijk jaar")


def test_synonyms_apply_at_search_time():
    searched = set(tokens("dutch_search", "wijkonderneming"))
    assert set(tokens("dutch_index", "bewonersbedrijf")) & searched
    assert set(tokens("dutch_index", "frontlijnteam")) & set(
        tokens("dutch_search", "sociaal wijkteam")
    )
