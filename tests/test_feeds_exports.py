"""Following and getting data out: Atom feeds and CSV / JSON exports of a search."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from practices.models import City, PracticePage, Theme

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


def test_the_feed_of_all_practices_starts_with_the_latest_publication(client):
    page = PracticePage.objects.live().order_by("last_published_at").first()
    page.save_revision().publish()  # an update puts it back on top
    titles = _entries(client, "/feeds/praktijken/")
    assert titles[0] == page.title
    assert len(titles) == min(50, PracticePage.objects.live().count())


@pytest.mark.parametrize(
    ("kind", "model", "field"), [("stad", City, "cities"), ("thema", Theme, "themes")]
)
def test_a_feed_per_city_and_theme_holds_exactly_its_practices(client, kind, model, field):
    category = model.objects.get(slug="zwolle" if kind == "stad" else "frontlijnsturing")
    expected = (
        PracticePage.objects.live().filter(**{field: category}).values_list("title", flat=True)
    )
    assert sorted(_entries(client, f"/feeds/{kind}/{category.slug}/")) == sorted(expected)
    assert client.get(f"/feeds/{kind}/bestaat-niet/").status_code == 404


def test_a_search_exports_as_csv_for_dutch_excel(client):
    response = client.get("/zoeken/export.csv", {"stad": "rotterdam"})
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["titel", "link", "samenvatting"]
    expected = PracticePage.objects.live().filter(cities__slug="rotterdam").count()
    assert len(rows) - 1 == expected
    assert all("Rotterdam" in row[3] for row in rows[1:])


def test_a_search_exports_as_json_and_the_page_links_to_both(client):
    response = client.get("/zoeken/export.json", {"q": "bewonersbedrijf"})
    data = json.loads(response.content)
    assert data["aantal"] == len(data["praktijken"]) > 0
    assert any("Heechterp" in row["titel"] for row in data["praktijken"])
    page = client.get("/zoeken/", {"q": "bewonersbedrijf"}).content.decode()
    assert "/zoeken/export.csv?q=bewonersbedrijf" in page
    assert "/zoeken/export.json?q=bewonersbedrijf" in page
    assert client.get("/zoeken/export.csv", {"stad": "atlantis"}).status_code == 400
