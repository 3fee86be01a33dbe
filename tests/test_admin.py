"""Editors: the admin lists every seed practice, and its search runs on Elasticsearch."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend

from practices.models import PracticeIndexPage, PracticePage

pytestmark = pytest.mark.django_db


def test_the_admin_lists_every_seed_practice(editor_client):
    catalogue = PracticeIndexPage.objects.get()
    response = editor_client.get(f"/admin/pages/{catalogue.pk}/", {"ordering": "title"})
    assert response.status_code == 200
    html = response.content.decode()
    # The listing paginates; every practice must be on one of its pages.
    titles_seen = set()
    page_number = 1
    while True:
        for practice in PracticePage.objects.all():
            if escape(practice.title) in html:
                titles_seen.add(practice.pk)
        if "?p=" + str(page_number + 1) not in html and f"p={page_number + 1}" not in html:
            break
        page_number += 1
        html = editor_client.get(
            f"/admin/pages/{catalogue.pk}/", {"ordering": "title", "p": page_number}
        ).content.decode()
    assert titles_seen == set(PracticePage.objects.values_list("pk", flat=True))


@pytest.mark.usefixtures("require_elasticsearch")
def test_admin_search_uses_elasticsearch(editor_client):
    assert isinstance(get_search_backend(), Elasticsearch8SearchBackend)
    response = editor_client.get("/admin/pages/search/", {"q": "bewonersbedrijf"})
    assert response.status_code == 200
    assert "Heechterp-Schieringen" in response.content.decode()


def test_editors_see_the_evidence_rung_and_formal_recognition_apart(editor_client):
    page = PracticePage.objects.live().get(slug="wijkbedrijf-selwerd-groningen")
    html = editor_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Bewijsniveau" in html and "Onderbouwing van het bewijsniveau" in html
    assert "Formele erkenning" in html
    assert "Startjaar afgeleid" in html and "Bronbestand" in html


def _admin_search(client, query: str) -> tuple[set[int], str]:
    """Every page the admin search lists for `query` (all result pages), and the first page."""
    found: set[int] = set()
    first = ""
    for number in range(1, 20):
        html = client.get("/admin/pages/search/", {"q": query, "p": number}).content.decode()
        first = first or html
        pks = {int(pk) for pk in re.findall(r"/admin/pages/(\d+)/edit/", html)}
        if not pks - found:
            break
        found |= pks
    return found, first


@pytest.mark.usefixtures("require_elasticsearch")
@pytest.mark.parametrize("query", ["bewonersbedrijven", "Bewonersbedrijf", "bewonersbedr"])
def test_admin_search_finds_bewonersbedrijf_practices_in_any_form(editor_client, query):
    wanted = set(
        PracticePage.objects.filter(title__icontains="bewonersbedrijf").values_list("pk", flat=True)
    )
    assert wanted
    found, _ = _admin_search(editor_client, query)
    assert wanted <= found


@pytest.mark.usefixtures("require_elasticsearch")
@pytest.mark.parametrize("city", ["Rotterdam", "Zwolle", "Den Haag", "Groningen"])
def test_admin_search_on_a_city_finds_every_practice_there(editor_client, city):
    wanted = set(PracticePage.objects.filter(cities__name=city).values_list("pk", flat=True))
    found, html = _admin_search(editor_client, city)
    assert wanted and wanted <= found
    assert f"van {len(found)}" in html  # the header: "1–20 van 35", not "1-20van 35None"
    assert "None\n" not in html and "van 35None" not in html


@pytest.mark.usefixtures("require_elasticsearch")
def test_admin_search_knows_the_synonyms(editor_client):
    # frontlijnsturing and sociaal wijkteam are one idea (search/synonyms.txt).
    one, _ = _admin_search(editor_client, "frontlijnsturing")
    other, _ = _admin_search(editor_client, "frontlinieaanpak")
    assert one and one == other
