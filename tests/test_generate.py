"""The benchmark catalogue generator: real pages in the tree, deterministic, removable."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from practices.models import PracticePage
from search.engines.database import DatabaseEngine
from search.facets import facet_vocabulary
from search.query import search_request_build

pytestmark = pytest.mark.django_db


def generated() -> list[tuple[str, str]]:
    pages = PracticePage.objects.filter(source_file__startswith="generated:").order_by("slug")
    return list(pages.values_list("slug", "title"))


def test_generated_practices_are_published_valid_and_searchable(client):
    real = PracticePage.objects.live().count()
    call_command("generate_practices", "40", "--seed", "7", stdout=StringIO())
    assert PracticePage.objects.live().count() == real + 40
    assert all(not problems for problems in Page.find_problems())
    page = PracticePage.objects.filter(source_file__startswith="generated:").first()
    page.full_clean()
    assert client.get(page.url).status_code == 200
    found = DatabaseEngine().search(
        search_request_build(text=page.title.split(" – ")[0], vocabulary=facet_vocabulary())
    )
    assert found.total >= 1


def test_the_same_seed_gives_the_same_catalogue_and_remove_takes_only_generated():
    real = PracticePage.objects.live().count()
    call_command("generate_practices", "15", "--seed", "3", stdout=StringIO())
    first = generated()
    call_command("generate_practices", "--remove", stdout=StringIO())
    assert PracticePage.objects.live().count() == real
    call_command("generate_practices", "15", "--seed", "3", stdout=StringIO())
    assert generated() == first
