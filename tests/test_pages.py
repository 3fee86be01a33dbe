"""The public pages render from the page tree, with the same cards, links and pagination."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from practices.models import HomePage, PracticeIndexPage, PracticePage

pytestmark = pytest.mark.django_db

# The practice page loads its relations in a fixed number of queries, however many cities,
# figures or sources it has (it took 27 before they were prefetched; 20 now, of which 8 are
# Wagtail's routing and 8 the prefetched relations; 1 more for the members' published
# experience notes). Related practices come from Elasticsearch.
PRACTICE_PAGE_QUERY_CEILING = 21


@pytest.mark.usefixtures("require_elasticsearch")
class PublicPagesTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.home = HomePage.objects.get()
        cls.catalogue = PracticeIndexPage.objects.get()
        cls.practice = PracticePage.objects.live().get(slug="wijkbedrijf-selwerd-groningen")

    def test_every_page_type_and_route_renders(self) -> None:
        self.assertPageIsRenderable(self.home)
        self.assertPageIsRenderable(self.practice)
        for route in ("", "thema/", "thema/frontlijnsturing/", "stad/", "stad/groningen/"):
            self.assertPageIsRoutable(self.catalogue, route)
            self.assertPageIsRenderable(self.catalogue, route)

    def test_the_tree_is_locked(self) -> None:
        self.assertAllowedParentPageTypes(PracticePage, {PracticeIndexPage})
        self.assertAllowedParentPageTypes(PracticeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PracticePage, set())
        self.assertAllowedSubpageTypes(PracticeIndexPage, {PracticePage})
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_unknown_theme_or_city_is_a_404(self) -> None:
        for route in ("thema/zweefvliegen/", "stad/atlantis/"):
            response = self.client.get(self.catalogue.url + route)
            assert response.status_code == 404, route

    def test_practice_page_shows_evidence_sources_and_related_cards(self) -> None:
        html = self.client.get(self.practice.url).content.decode()
        assert "Waarom dit niveau" in html
        assert "Niet formeel erkend" in html
        assert "Bronnen" in html and "Vergelijkbare aanpakken" in html
        # Links follow the tree: the city link is the catalogue's city route.
        assert f'href="{self.catalogue.url}stad/groningen/"' in html
        assert html.count('class="card"') >= 1

    def test_practice_page_queries_do_not_grow_with_its_relations(self) -> None:
        self.client.get(self.practice.url)  # warm caches (site root, vocabulary)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.practice.url)
        assert response.status_code == 200
        assert len(queries) <= PRACTICE_PAGE_QUERY_CEILING, [q["sql"] for q in queries]

    def test_catalogue_lists_cards_and_paginates(self) -> None:
        total = PracticePage.objects.live().count()
        first = self.client.get(self.catalogue.url).content.decode()
        assert f"{total} praktijken" in first
        cards_on_first = first.count('class="card"')
        assert 0 < cards_on_first <= 20
        if total > 20:
            assert 'rel="next"' in first
            second = self.client.get(self.catalogue.url, {"pagina": 2}).content.decode()
            assert 'rel="prev"' in second
            assert cards_on_first + second.count('class="card"') == min(total, 40)
        # A hand-edited page number shows the first page, not an error.
        assert self.client.get(self.catalogue.url, {"pagina": "x"}).status_code == 200

    def test_theme_and_city_pages_list_only_their_practices(self) -> None:
        expected = PracticePage.objects.live().filter(cities__slug="groningen").count()
        html = self.client.get(self.catalogue.url + "stad/groningen/").content.decode()
        assert html.count('class="card"') == min(expected, 20)
        assert re.search(rf"{expected} praktijk(en)?\b", html)
        themes = self.client.get(self.catalogue.url + "thema/").content.decode()
        assert f'href="{self.catalogue.url}thema/frontlijnsturing/"' in themes

    def test_navigation_links_come_from_the_tree(self) -> None:
        html = self.client.get(self.home.url).content.decode()
        assert f'href="{self.catalogue.url}"' in html
        assert 'href="/zoeken/"' in html

    def test_figures_and_money_read_the_dutch_way(self) -> None:
        page = PracticePage.objects.live().exclude(mkba_return_per_euro=None).first()
        html = self.client.get(page.url).content.decode()
        dutch = f"{page.mkba_return_per_euro:.2f}".replace(".", ",")
        assert f"€ {dutch} maatschappelijke baten" in html
