"""Elasticsearch-only behaviour: typo tolerance, the alias, the index lifecycle and fallback."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from modelsearch.backends import get_search_backend

from practices.models import PracticePage
from practices.taxonomy import Theme
from search.client import elasticsearch_client, elasticsearch_reset
from search.documents import PracticeDocument, index_alias, practices_for_indexing
from search.engines.elasticsearch import ElasticsearchEngine
from search.facets import facet_vocabulary
from search.indexing import (
    entries_verify,
    index_rebuild,
    index_repair,
    index_verify,
    indices_behind_alias,
    strays_remove,
)
from search.query import search_request_build
from search.selectors import FALLBACK_NOTICE, practice_search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("require_elasticsearch")]


def search(text="", **filters):
    return ElasticsearchEngine().search(
        search_request_build(text=text, filters=filters, vocabulary=facet_vocabulary())
    )


@pytest.mark.parametrize(
    ("typo", "expected_slug"),
    [
        ("frontlijnstruing", "frontlijnteam-heechterp-schieringen-leeuwarden"),
        ("bewonersbedrjif", "bewonersbedrijf-heechterp-schieringen-leeuwarden"),
        ("crowdfundnig", "crowdfunding-voorjebuurt-bruisplaats-gouda"),
    ],
)
def test_typos_still_find_the_practice(typo, expected_slug):
    assert expected_slug in [hit.slug for hit in search(typo).hits]


def test_as_you_type_prefix_finds_the_practice():
    slugs = [hit.slug for hit in search("vakmans").hits]
    assert "rotterdam-vakmanstad-bloemhof-rotterdam" in slugs


def test_the_alias_points_at_one_versioned_index():
    indices = indices_behind_alias()
    assert len(indices) == 1
    assert indices[0].startswith(index_alias() + "-")


def test_rebuild_swaps_the_alias_while_searches_keep_answering():
    before = indices_behind_alias()
    errors: list[Exception] = []
    answered = []
    stop = threading.Event()

    def keep_searching():
        try:
            while not stop.is_set():
                try:
                    answered.append(search("wijk").total)
                except Exception as error:  # any failure at all is what we look for
                    errors.append(error)
        finally:
            connection.close()  # this thread's own database connection

    worker = threading.Thread(target=keep_searching)
    worker.start()
    try:
        report = index_rebuild()
    finally:
        stop.set()
        worker.join()
    assert errors == []
    assert len(answered) > 1 and min(answered) > 0
    assert indices_behind_alias() == [report.index] != before
    assert not elasticsearch_client().indices.exists(index=before[0])


def test_publish_unpublish_and_delete_reach_the_index(django_capture_on_commit_callbacks):
    page = PracticePage.objects.live().get(slug="wijkbedrijf-selwerd-groningen")
    # The test database rolls back afterwards; the index must then match it again.
    original = PracticeDocument.from_page(practices_for_indexing().get(pk=page.pk))
    admin_original = PracticePage.objects.get(pk=page.pk)  # for Wagtail's admin index
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Wijkbedrijf Selwerd Zonnebloemproef"
        page.save_revision().publish()
    assert [h.slug for h in search("zonnebloemproef").hits] == [page.slug]

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert search("zonnebloemproef").total == 0
    assert index_verify().total == 0

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert search("zonnebloemproef").total == 1

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert search("zonnebloemproef").total == 0
    assert index_verify().total == 0
    original.save(using=elasticsearch_client(), index=index_alias(), refresh=True)
    get_search_backend().add(admin_original)


def test_verify_reports_drift_and_repair_fixes_it(capsys):
    page = PracticePage.objects.live().get(slug="wijkbedrijf-selwerd-groningen")
    client = elasticsearch_client()
    client.delete(index=index_alias(), id=str(page.pk), refresh=True)
    client.index(index=index_alias(), id="999999", document={"revision_id": 1}, refresh=True)

    with pytest.raises(CommandError, match="2 afwijking"):
        call_command("search_index", "verify")
    output = capsys.readouterr().out
    assert f"ontbreekt (gepubliceerd, niet geïndexeerd): pagina's {page.pk}" in output
    assert "overbodig (geïndexeerd, niet gepubliceerd): pagina's 999999" in output

    call_command("search_index", "verify", "--repair")
    assert index_verify().total == 0


def test_an_unreachable_elasticsearch_falls_back_to_the_database(settings):
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": "http://127.0.0.1:9", "TIMEOUT": 1}
    elasticsearch_reset()
    try:
        results = practice_search(
            search_request_build(text="bewonersbedrijf", vocabulary=facet_vocabulary())
        )
    finally:
        elasticsearch_reset()
    assert results.engine == "database"
    assert results.notice == FALLBACK_NOTICE
    assert "bewonersbedrijf-heechterp-schieringen-leeuwarden" in [h.slug for h in results.hits]


def test_verify_compares_content_so_a_rename_without_update_shows_as_stale(capsys):
    """A rename whose index update never ran (a lost task) is stale, not "in orde"."""
    theme = Theme.objects.get(slug="frontlijnsturing")
    pages = set(theme.practices.live().values_list("pk", flat=True))
    assert pages
    try:
        Theme.objects.filter(pk=theme.pk).update(name="Frontlijnsturing (hernoemd)")  # no signal
        drift = index_verify()
        assert set(drift.stale) == pages
        assert set(entries_verify().stale) == pages
        with pytest.raises(CommandError, match="afwijking"):
            call_command("search_index", "verify")
        assert "verouderd (inhoud wijkt af van de pagina)" in capsys.readouterr().out

        call_command("search_index", "verify", "--repair")
        assert index_verify().total == 0 and entries_verify().total == 0
        assert search("hernoemd").total == len(pages)
    finally:
        Theme.objects.filter(pk=theme.pk).update(name=theme.name)
        index_repair(index_verify())
        index_repair(entries_verify())


def test_a_rebuild_removes_the_stray_index_of_a_killed_rebuild(monkeypatch):
    client = elasticsearch_client()
    stray = f"{index_alias()}-19990101000000000000"  # what a rebuild killed midway leaves
    client.indices.create(index=stray)
    time.sleep(1.5)
    monkeypatch.setattr("search.indexing.STRAY_MIN_AGE_SECONDS", 1.0)
    try:
        report = index_rebuild()
        assert not client.indices.exists(index=stray)
        assert indices_behind_alias() == [report.index]
    finally:
        client.options(ignore_status=404).indices.delete(index=stray)


def test_the_only_rebuild_removes_a_stray_of_any_age():
    """On PostgreSQL a rebuild knows it is the only one (an advisory lock), so the index a
    rebuild killed a minute ago goes at once, not after STRAY_MIN_AGE_SECONDS."""
    client = elasticsearch_client()
    stray = f"{index_alias()}-19990101000000000000"
    client.indices.create(index=stray)
    try:
        report = index_rebuild()
        assert not client.indices.exists(index=stray)
        assert indices_behind_alias() == [report.index]
    finally:
        client.options(ignore_status=404).indices.delete(index=stray)


def test_stray_removal_spares_the_index_of_a_rebuild_still_running():
    client = elasticsearch_client()
    stray = f"{index_alias()}-19990101000000000000"
    busy = f"{index_alias()}-29990101000000000000"  # a rebuild busy in another process
    client.indices.create(index=stray)
    time.sleep(1.5)
    client.indices.create(index=busy)
    try:
        assert strays_remove(keep="", min_age_seconds=1.0) == [stray]
        assert client.indices.exists(index=busy)
        assert client.indices.exists(index=indices_behind_alias()[0])  # the live index
    finally:
        for name in (stray, busy):
            client.options(ignore_status=404).indices.delete(index=name)
