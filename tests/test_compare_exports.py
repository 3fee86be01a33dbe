"""Getting a comparison out: CSV for Dutch Excel and JSON, linked from the comparison page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from practices.compare import ROWS
from practices.models import PracticePage
from practices.taxonomy import City

pytestmark = pytest.mark.django_db

HEECHTERP = "bewonersbedrijf-heechterp-schieringen-leeuwarden"


@pytest.fixture
def pair() -> list[PracticePage]:
    """Two published practices, the second in Zwolle; in the order the user chose them."""
    zwolle = PracticePage.objects.live().filter(cities__slug="zwolle").first()
    return [PracticePage.objects.get(slug=HEECHTERP), zwolle]


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_a_comparison_downloads_as_csv_for_dutch_excel(client, pair):
    response = client.get("/vergelijk/export.csv", {"praktijk": [p.slug for p in pair]})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="vergelijking.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    header, *rows = _csv(response)
    assert header == ["titel", "link", *(label for label, _ in ROWS)]
    assert [row[0] for row in rows] == [p.title for p in pair]  # in the chosen order
    assert rows[0][1] == f"http://testserver{pair[0].url}"
    cell = dict(zip(header, rows[1], strict=True))
    assert "Zwolle" in cell["Stad en wijk"]
    assert cell["Uitkomst"] == pair[1].outcome.name
    # HTML of the page (lists, rendered Markdown) comes out as text, one item per line.
    sources = dict(zip(header, rows[0], strict=True))["Bronnen"]
    assert "<" not in sources and len(sources.splitlines()) == pair[0].sources.count()


def test_a_comparison_downloads_as_json_with_the_same_cells(client, pair):
    slugs = [p.slug for p in pair]
    response = client.get("/vergelijk/export.json", {"praktijk": [*slugs, "bestaat-niet"]})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="vergelijking.json"'
    data = json.loads(response.content)
    assert data["aantal"] == 2
    assert [row["titel"] for row in data["praktijken"]] == [p.title for p in pair]
    assert any("bestaat-niet" in message for message in data["meldingen"])
    _, *rows = _csv(client.get("/vergelijk/export.csv", {"praktijk": slugs}))
    assert [list(row.values()) for row in data["praktijken"]] == rows


def test_the_comparison_page_links_both_downloads_for_its_selection(client, pair):
    page = client.get("/praktijken/vergelijk/", {"praktijk": [p.slug for p in pair]})
    html = page.content.decode()
    query = f"praktijk={pair[0].slug}&amp;praktijk={pair[1].slug}"
    assert f'href="/vergelijk/export.csv?{query}"' in html
    assert f'href="/vergelijk/export.json?{query}"' in html
    empty = client.get("/praktijken/vergelijk/").content.decode()
    assert "/vergelijk/export.csv" not in empty


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)"])
def test_a_cell_that_would_be_a_formula_is_neutralised_in_both_exports(client, pair, hostile):
    page = pair[0]
    page.title = f"{hostile} – titel"
    page.lead_organisation = hostile
    page.save_revision().publish()
    header, row, _ = _csv(client.get("/vergelijk/export.csv", {"praktijk": [p.slug for p in pair]}))
    assert row[0] == f"'{hostile} – titel"
    assert dict(zip(header, row, strict=True))["Trekker"] == f"'{hostile}"
    # The search export: a city's name (the labels come from the category tables).
    City.objects.filter(slug="leeuwarden").update(name=hostile)
    header, *rows = _csv(client.get("/zoeken/export.csv", {"stad": "leeuwarden"}))
    cities = [row[header.index("steden")] for row in rows]
    assert any(cell.startswith(f"'{hostile}") for cell in cities)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    # JSON is data, not a spreadsheet: the text stays as written.
    data = json.loads(client.get("/vergelijk/export.json", {"praktijk": page.slug}).content)
    assert data["praktijken"][0]["titel"] == f"{hostile} – titel"


def test_numbers_stay_numbers_in_the_search_export(client):
    header, *rows = _csv(client.get("/zoeken/export.csv", {"bewijs": "praktijkvoorbeeld"}))
    ranks = {row[header.index("trede")] for row in rows}
    assert ranks == {"1"}


def test_comparison_downloads_are_rate_limited_like_the_search_export(settings, pair):
    settings.RATELIMIT_ENABLE = True
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "/zoeken/": "2/m", "/vergelijk/": "2/m"}
    client = Client(REMOTE_ADDR="192.0.2.9")
    query = {"praktijk": [p.slug for p in pair]}
    statuses = [client.get("/vergelijk/export.csv", query).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = client.get("/vergelijk/export.json", query)
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert Client(REMOTE_ADDR="192.0.2.10").get("/vergelijk/export.json", query).status_code == 200


def test_a_slug_with_a_nul_byte_is_not_found_rather_than_a_server_error(client, pair):
    """Found by the API fuzz test: PostgreSQL refuses NUL in a query."""
    query = {"praktijk": [pair[0].slug, "a\x00b"]}
    data = json.loads(client.get("/vergelijk/export.json", query).content)
    assert data["aantal"] == 1 and any("Niet gevonden" in m for m in data["meldingen"])
    api = client.get("/api/v1/compare", {"practice": [pair[0].slug, "\x00"]})
    assert api.status_code == 200
