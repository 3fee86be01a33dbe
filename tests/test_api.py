"""The JSON API: answers, OpenAPI description, and a 400 (never a 500) for bad input."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search"


def test_search_returns_hits_and_facets(client):
    response = client.get(SEARCH, {"q": "bewonersbedrijf", "page_size": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] >= 1
    assert body["results"][0]["url"].startswith("/praktijken/")
    assert [facet["name"] for facet in body["facets"]] == [
        "theme",
        "city",
        "evidence_level",
        "outcome",
        "domain",
        "target_group",
        "period",
    ]


def test_repeated_filter_parameters_combine_with_or(client):
    one = client.get(SEARCH, {"city": "rotterdam"}).json()["total"]
    other = client.get(SEARCH, {"city": "leeuwarden"}).json()["total"]
    both = client.get(f"{SEARCH}?city=rotterdam&city=leeuwarden").json()
    assert max(one, other) <= both["total"] <= one + other
    selected = [
        v["value"]
        for f in both["facets"]
        if f["name"] == "city"
        for v in f["values"]
        if v["selected"]
    ]
    assert sorted(selected) == ["leeuwarden", "rotterdam"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("theme=zweefvliegen", "theme"),
        ("city=atlantis", "city"),
        ("page=0", "page"),
        ("page=-3", "page"),
        ("page=abc", "page"),
        ("page=99999999999999999999999", "page"),
        ("page=1000", "page"),
        ("page_size=500", "page_size"),
        ("page_size=1.5", "page_size"),
        ("sort=random", "sort"),
        ("kleur=rood", "kleur"),
        (f"q={'x' * 300}", "q"),
    ],
)
def test_bad_parameters_get_a_clear_400(client, query, field):
    response = client.get(f"{SEARCH}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field
    assert body["detail"]


@pytest.mark.parametrize(
    "text", ["%00", "%FF%FE", "'; DROP TABLE", "<script>", "🏘️", "a" * 150, "%E2%80%AE", "\\u0000"]
)
def test_odd_query_text_never_breaks_the_search(client, text):
    response = client.get(f"{SEARCH}?q={text}")
    assert response.status_code in (200, 400)


def test_facets_endpoint_counts_the_catalogue(client):
    body = client.get("/api/v1/facets", {"theme": "frontlijnsturing"}).json()
    theme = next(f for f in body["facets"] if f["name"] == "theme")
    counts = {v["value"]: v["count"] for v in theme["values"]}
    assert body["total"] == counts["frontlijnsturing"]


def test_practice_by_slug_has_all_fields(client):
    body = client.get("/api/v1/practices/bewonersbedrijf-heechterp-schieringen-leeuwarden").json()
    assert body["title"]
    assert body["evidence"]["justification"]
    assert body["sources"] and body["sources"][0]["year"]
    assert "<script" not in body["approach_html"]


def test_unknown_practice_is_a_404_with_a_message(client):
    response = client.get("/api/v1/practices/bestaat-niet")
    assert response.status_code == 404
    assert "bestaat-niet" in response.json()["detail"]


def test_related_and_suggest(client):
    related = client.get(
        "/api/v1/practices/bewonersbedrijf-heechterp-schieringen-leeuwarden/related"
    ).json()
    assert related and all(
        r["slug"] != "bewonersbedrijf-heechterp-schieringen-leeuwarden" for r in related
    )
    suggestions = client.get("/api/v1/suggest", {"q": "bewonersbed"}).json()
    assert any("ewonersbedrijf" in s["title"].lower() for s in suggestions)
    assert client.get("/api/v1/suggest", {"q": "x", "limit": 0}).status_code == 400


def test_openapi_describes_every_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/search",
        "/api/v1/facets",
        "/api/v1/suggest",
        "/api/v1/practices/{slug}",
        "/api/v1/practices/{slug}/related",
    } <= set(schema["paths"])
    assert "400" in schema["paths"]["/api/v1/search"]["get"]["responses"]


def test_search_page_works_without_javascript(client):
    response = client.get("/zoeken/", {"q": "bewonersbedrijf", "thema": "bewonersbetrokkenheid"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>" in html
    assert 'name="thema"' in html and "checked" in html


def test_search_page_explains_a_bad_filter(client):
    response = client.get("/zoeken/", {"stad": "atlantis"})
    assert response.status_code == 400
    assert "Stad: onbekende waarde" in response.content.decode()


def test_compare_returns_the_practices_in_order_with_messages(client):
    a, b = "wijkbedrijf-selwerd-groningen", "bewonersbedrijf-heechterp-schieringen-leeuwarden"
    body = client.get(f"/api/v1/compare?practice={a}&practice={b}&practice=bestaat-niet").json()
    assert [p["slug"] for p in body["practices"]] == [a, b]
    assert any("bestaat-niet" in message for message in body["messages"])
    assert body["practices"][0]["evidence"]["justification"]


def test_compare_caps_at_four_and_needs_a_practice(client):
    from practices.models import PracticePage

    slugs = list(PracticePage.objects.live().values_list("slug", flat=True)[:6])
    body = client.get("/api/v1/compare?" + "&".join(f"practice={s}" for s in slugs)).json()
    assert [p["slug"] for p in body["practices"]] == slugs[:4]
    assert any("maximaal 4" in message for message in body["messages"])
    assert client.get("/api/v1/compare").status_code == 400
    assert client.get("/api/v1/compare?practice=a&kleur=rood").status_code == 400
