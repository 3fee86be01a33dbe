"""Zoekopdrachten zonder resultaat: counted without personal data, reported to editors."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from search.gaps import GapBuffer, gap_key
from search.models import SearchGap

pytestmark = pytest.mark.django_db
REPORT = "/admin/zoekopdrachten-zonder-resultaat/"


def test_a_public_search_with_few_results_is_counted_by_normalised_text_and_filters(client):
    client.get("/zoeken/", {"q": "Qwxzylofant  Zwerfvuil", "stad": "zwolle"})
    client.get("/zoeken/", {"q": "qwxzylofant zwerfvuil", "stad": "zwolle"})
    client.get("/zoeken/", {"q": "qwxzylofant zwerfvuil"})
    client.get("/zoeken/", {"q": "bewonersbedrijf"})  # many results: not a gap
    client.get("/zoeken/", {"q": "qwxzylofant zwerfvuil", "pagina": "2"})  # same search, paged
    rows = {(gap.text, gap.filters): gap.count for gap in SearchGap.objects.all()}
    assert rows == {
        ("qwxzylofant zwerfvuil", '{"city": ["zwolle"]}'): 2,
        ("qwxzylofant zwerfvuil", ""): 1,
    }


def test_the_api_search_is_counted_too_and_nothing_personal_is_stored(client):
    client.get("/api/v1/search", {"q": "qwxzylofant"}, REMOTE_ADDR="192.0.2.7")
    gap = SearchGap.objects.get()
    assert (gap.text, gap.count, gap.last_total) == ("qwxzylofant", 1, 0)
    stored = {field.name for field in SearchGap._meta.get_fields()}
    assert stored == {"id", "text", "filters", "count", "last_total", "first_seen", "last_seen"}


def test_counts_are_buffered_and_written_in_one_batch():
    buffer = GapBuffer(interval=3600)  # no write until flushed (the thread would wait an hour)
    now = timezone.now()
    for _ in range(3):
        buffer.add(gap_key("buurtmoestuin", {}), 0, now)
    assert not SearchGap.objects.exists()
    assert buffer.flush() == 3
    assert SearchGap.objects.get().count == 3


@pytest.fixture
def redacteur_client(client):
    user = get_user_model().objects.create_user("redacteur", "r@example.org", "geheim")
    user.groups.add(Group.objects.get(name="Redacteur"))
    client.force_login(user)
    return client


def test_editors_see_the_report_sorted_by_frequency_with_replay_and_create_links(
    client, redacteur_client
):
    for _ in range(3):
        client.get("/zoeken/", {"q": "qwxzylofant", "thema": "nieuwe-verdienmodellen"})
    client.get("/zoeken/", {"q": "zwerfvuilrace"})
    html = redacteur_client.get(REPORT).content.decode()
    assert html.index("qwxzylofant") < html.index("zwerfvuilrace")
    assert "/zoeken/?q=qwxzylofant&amp;thema=nieuwe-verdienmodellen" in html
    assert "Maak een praktijk aan" in html
    assert "/admin/pages/add/practices/practicepage/" in html
    assert "Zoekopdrachten zonder resultaat" in redacteur_client.get("/admin/").content.decode()


def test_the_report_is_closed_to_others(client):
    assert client.get(REPORT).status_code == 302  # to the admin login
    user = get_user_model().objects.create_user("lid", "l@example.org", "geheim")
    client.force_login(user)
    assert client.get(REPORT).status_code in (302, 403)


def test_searches_not_seen_for_180_days_are_removed():
    now = timezone.now()
    for text, age in (("oud", 181), ("recent", 179)):
        seen = now - timedelta(days=age)
        SearchGap.objects.create(text=text, count=1, first_seen=seen, last_seen=seen)
    out = StringIO()
    call_command("search_gaps_prune", stdout=out)
    assert list(SearchGap.objects.values_list("text", flat=True)) == ["recent"]
    assert "1 zoekopdrachten verwijderd" in out.getvalue()
