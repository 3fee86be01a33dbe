"""Dutch compound splitting from the Hunspell lexicon, and what it gives both engines."""

from __future__ import annotations

import pytest

from search import lexicon
from search.documents import suggestion_inputs
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.facets import facet_vocabulary
from search.query import search_request_build

pytestmark = pytest.mark.skipif(
    not lexicon.lexicon_available(), reason="needs hunspell-nl and spylls (make install)"
)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("jeugdwerkloosheid", ("jeugd", "werkloosheid")),
        ("buurtbegroting", ("buurt", "begroting")),
        ("gezondheidsverschillen", ("gezondheid", "verschillen")),
        ("bewonersbedrijf", ("bewoner", "bedrijf")),
        ("wijkagenten", ("wijk", "agenten")),
        ("kantoorgebouw", ("kantoor", "gebouw")),
    ],
)
def test_compounds_split_into_dutch_words(word, parts):
    assert lexicon.compound_split(word) == parts


@pytest.mark.parametrize(
    "word",
    # The reviewed exceptions, and simple words a greedy splitter would cut.
    ["werkloze", "eindeloze", "redenering", "verschillen", "minister", "ouderen", "praktijk"],
)
def test_simple_words_stay_whole(word):
    assert lexicon.compound_split(word) == ()


def test_suggestions_start_inside_compounds():
    inputs = suggestion_inputs("BewonersBedrijf Heechterp-Schieringen (BBHS)")
    assert "Bedrijf Heechterp-Schieringen (BBHS)" in inputs


def _search(engine, text):
    return engine.search(search_request_build(text=text, vocabulary=facet_vocabulary()))


# Practices about werkloosheid (unemployment), for the compound "jeugdwerkloosheid".
UNEMPLOYMENT = {
    "extra-inzet-uwv-werkbedrijf-aandachtswijken",
    "werk-op-wijkniveau-wijkpunten-gemeente-uwv",
    "wijkenaanpak-40-aandachtswijken-outcomemonitor",
}


@pytest.mark.django_db
@pytest.mark.usefixtures("require_elasticsearch")
@pytest.mark.parametrize("engine", [ElasticsearchEngine(), DatabaseEngine()], ids=["es", "db"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("begroting", {"buurtbegroting-maatschappelijk-aanbesteden-amsterdam-oost"}),
        (
            "bedrijf",
            {"wijkbedrijf-selwerd-groningen", "bewonersbedrijf-heechterp-schieringen-leeuwarden"},
        ),
        ("gezondheidsverschillen", {"experiment-gezonde-wijk-negen-steden"}),
        ("jeugdwerkloosheid", UNEMPLOYMENT),
    ],
)
def test_parts_and_compounds_find_each_other(engine, text, expected):
    assert expected & {hit.slug for hit in _search(engine, text).hits[:3]}


@pytest.mark.django_db
@pytest.mark.usefixtures("require_elasticsearch")
@pytest.mark.parametrize("engine", [ElasticsearchEngine(), DatabaseEngine()], ids=["es", "db"])
def test_typing_a_part_suggests_the_compound_titles(engine):
    titles = [s.text for s in engine.suggest("bedrijf", limit=10)]
    assert "BewonersBedrijf Heechterp-Schieringen (BBHS)" in titles
    assert "Wijkbedrijf Selwerd – het projectbureau van de wijk" in titles


@pytest.fixture
def split_store(tmp_path, settings, monkeypatch):
    """An empty on-disk split store in a temporary VAR_DIR, and a cold in-process cache."""
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(lexicon, "_STORE", {})
    lexicon.compound_split.cache_clear()
    yield tmp_path / "lexicon-splits.json"
    lexicon.compound_split.cache_clear()


def test_splits_are_kept_on_disk_for_the_next_process(split_store, monkeypatch):
    assert lexicon.compound_split("buurtbegroting") == ("buurt", "begroting")
    assert lexicon.split_store_save() >= 1
    # A new process: nothing in memory, and the dictionary is not asked again.
    monkeypatch.setattr(lexicon, "_STORE", {})
    lexicon.compound_split.cache_clear()

    def not_again(*args):
        raise AssertionError("split again instead of read from the store")

    monkeypatch.setattr(lexicon, "_compound_split", not_again)
    assert lexicon.compound_split("buurtbegroting") == ("buurt", "begroting")


def test_stored_splits_are_dropped_when_the_exceptions_change(split_store, monkeypatch):
    lexicon.compound_split("buurtbegroting")
    lexicon.split_store_save()
    monkeypatch.setattr(lexicon, "_STORE", {})
    lexicon.compound_split.cache_clear()
    monkeypatch.setattr(lexicon, "_fingerprint", lambda: "another dictionary or exceptions")
    assert "buurtbegroting" not in lexicon._splits()
