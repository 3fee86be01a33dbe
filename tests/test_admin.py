"""Editors: the admin lists every seed practice, and its search runs on Elasticsearch."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend

from practices.models import PracticeIndexPage, PracticePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redacteur", "r@example.org", "geheim")
    client.force_login(user)
    return client


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
