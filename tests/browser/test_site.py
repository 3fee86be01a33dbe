"""What users do on the public site, in a real browser, with and without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from practices.models import PracticePage
from tests.browser.conftest import AXE, PHONE, screenshot

pytestmark = pytest.mark.django_db

PRACTICE = "wijkbedrijf-selwerd-groningen"
OTHER = "bewonersbedrijf-heechterp-schieringen-leeuwarden"
# One path per page type.
PAGE_TYPES = {
    "home": "/",
    "catalogus": "/praktijken/",
    "themas": "/praktijken/thema/",
    "thema": "/praktijken/thema/bewonersbetrokkenheid/",
    "steden": "/praktijken/stad/",
    "stad": "/praktijken/stad/groningen/",
    "praktijk": f"/praktijken/{PRACTICE}/",
    "zoeken": "/zoeken/?q=bewonersbedrijf",
    "vergelijk": f"/praktijken/vergelijk/?praktijk={PRACTICE}&praktijk={OTHER}",
    "overzicht": "/praktijken/overzicht/",
    "kaart": "/praktijken/kaart/",
    "niet-gevonden": "/praktijken/bestaat-niet/",
    "cop-inloggen": "/cop/inloggen/",
}


def first_city_filter(page: Page) -> tuple[str, str]:
    """Check the first city in the Stad filter; its slug and name."""
    box = page.locator("fieldset.facet", has_text="Stad").locator("input[type=checkbox]").first
    slug = box.get_attribute("value")
    name = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text().split(" (")[0]
    box.check()
    return slug, name


def test_search_filter_chip_practice_compare_and_print(page: Page, site_url: str):
    page.goto(f"{site_url}/zoeken/?q=bewonersbedrijf")
    page.evaluate("window.__sameDocument = true")
    total = page.locator("[data-search-count]").inner_text()

    # A filter updates results, counts and URL in place: no apply button, no reload.
    slug, name = first_city_filter(page)
    expect(page).to_have_url(re.compile(f"stad={slug}"))
    expect(page.locator("[data-search-count]")).not_to_have_text(total)
    expect(page.locator("[data-search-status]")).to_contain_text("praktijk")
    assert page.evaluate("window.__sameDocument") is True
    chip = page.locator(".chip", has_text=f"Stad: {name}")
    expect(chip).to_be_visible()

    # Removing the chip restores the earlier results; so does the back button.
    chip.click()
    expect(page.locator("[data-search-count]")).to_have_text(total)
    page.go_back()
    expect(page).to_have_url(re.compile(f"stad={slug}"))
    expect(page.locator(".chip", has_text=f"Stad: {name}")).to_be_visible()

    # Open a practice, add it to the comparison; the tray follows to the next page.
    page.locator(".card__title a").first.click()
    expect(page.locator("h1")).to_be_visible()
    page.get_by_role("link", name="Vergelijk met andere praktijken").click()
    expect(page.locator("[data-compare-count]")).to_have_text("1")
    page.goto(f"{site_url}/zoeken/?q=wijk")
    page.locator("input[data-compare]:not(:checked)").first.check()
    expect(page.locator("[data-compare-count]")).to_have_text("2")
    page.locator("[data-compare-link]").click()
    expect(page.locator(".compare-table > thead > tr > th")).to_have_count(2)
    screenshot(page, "vergelijk-desktop")

    # Printing leaves out navigation and controls.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".compare-add")).to_be_hidden()
    expect(page.locator(".compare-table")).to_be_visible()


def test_the_same_journey_without_javascript(page_without_js: Page, site_url: str):
    page = page_without_js
    page.goto(f"{site_url}/zoeken/?q=bewonersbedrijf")
    slug, name = first_city_filter(page)
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page).to_have_url(re.compile(f"stad={slug}"))
    page.locator(".chip", has_text=f"Stad: {name}").click()
    expect(page).not_to_have_url(re.compile(f"stad={slug}"))

    boxes = page.locator("input[data-compare]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Vergelijk de aangevinkte praktijken").click()
    expect(page.locator(".compare-table > thead > tr > th")).to_have_count(2)
    # Adding a third with the form, still without JavaScript.
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator(".compare-table > thead > tr > th")).to_have_count(3)


def test_compare_explains_bad_input(page: Page, site_url: str):
    page.goto(f"{site_url}/praktijken/vergelijk/?praktijk=bestaat-niet&praktijk={PRACTICE}")
    expect(page.locator(".notice", has_text="Niet gevonden")).to_contain_text("bestaat-niet")
    slugs = "&".join(f"praktijk={p.slug}" for p in PracticePage.objects.live()[:5])
    page.goto(f"{site_url}/praktijken/vergelijk/?{slugs}")
    expect(page.locator(".notice", has_text="maximaal")).to_contain_text("maximaal 4")
    expect(page.locator(".compare-table > thead > tr > th")).to_have_count(4)


def test_a_matrix_cell_opens_the_filtered_search(page: Page, site_url: str):
    page.goto(f"{site_url}/praktijken/overzicht/")
    cell = page.locator(".matrix td a").first
    count = int(cell.inner_text())
    cell.click()
    query = parse_qs(urlparse(page.url).query)
    assert query["thema"] and query["stad"]
    expect(page.locator("[data-search-count]")).to_contain_text(f"{count} praktijk")


def test_the_matrix_narrows_and_sorts_without_javascript(page_without_js: Page, site_url: str):
    page = page_without_js
    page.goto(f"{site_url}/praktijken/overzicht/?rijen=aantal")
    totals = [int(t) for t in page.locator(".matrix tbody td:last-child").all_inner_texts()]
    assert totals == sorted(totals, reverse=True) and totals
    page.locator("input[name=bewijs][value=voor-en-nameting]").check()
    page.get_by_role("button", name="Toon overzicht").click()
    expect(page).to_have_url(re.compile(r"bewijs=voor-en-nameting"))


def test_a_map_marker_opens_its_city(page: Page, site_url: str):
    page.goto(f"{site_url}/praktijken/kaart/")
    markers = page.locator(".map__marker")
    assert markers.count() >= 10, "cities need coordinates in content/taxonomy/cities.yaml"
    href = markers.first.get_attribute("href")
    markers.first.click()
    expect(page).to_have_url(re.compile(re.escape(href)))
    expect(page.locator("h1")).to_be_visible()


def test_suggestions_work_with_the_keyboard(page: Page, site_url: str):
    page.goto(site_url)
    box = page.locator("#header-q")
    box.press_sequentially("bewonersbed", delay=30)
    expect(page.get_by_role("listbox")).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile(r"-0$"))
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/praktijken/[a-z0-9-]+/$"))


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_horizontal_scrolling_at_320_px(phone: Page, site_url: str, name: str):
    phone.goto(site_url + PAGE_TYPES[name])
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: {width}px wide"
    screenshot(phone, f"{name}-telefoon")


def test_results_come_before_filters_on_a_phone(phone: Page, site_url: str):
    phone.goto(f"{site_url}/zoeken/?q=wijk")
    results = phone.locator(".search-results").bounding_box()
    filters = phone.locator(".search-filters").bounding_box()
    assert results["y"] < filters["y"]
    expect(phone.locator("[data-filters-panel]")).not_to_have_attribute("open", "")


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_serious_accessibility_violations(axe_page: Page, site_url: str, name: str):
    axe_page.goto(site_url + PAGE_TYPES[name])
    axe_page.add_script_tag(path=str(AXE))
    found = axe_page.evaluate("async () => (await axe.run(document)).violations")
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}×)"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], name
    screenshot(axe_page, f"{name}-desktop")


def test_pages_load_nothing_from_third_parties(page: Page, site_url: str):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    for path in [*PAGE_TYPES.values(), "/api/v1/docs"]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert hosts == {urlparse(site_url).netloc}
    expect(page.locator(".swagger-ui")).to_be_visible()


def test_a_missing_page_is_dutch(page: Page, site_url: str):
    response = page.goto(f"{site_url}/praktijken/bestaat-niet/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Deze pagina bestaat niet (meer)")


def test_a_content_security_policy_violation_is_caught(page: Page, site_url: str):
    """The watch on every page (conftest.CspWatch) sees what the policy blocks."""
    page.goto(f"{site_url}/zoeken/?q=wijk")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.body.append(script);
        }"""
    )

    def seen(source: str) -> bool:  # the page's event, and Chromium's console error
        return any(v.startswith("console:") == (source == "console") for v in caught)

    caught = page.csp_watch.violations
    for _ in range(60):
        if seen("event") and seen("console"):
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(200)
    caught = list(page.csp_watch.violations)
    page.csp_watch.violations.clear()  # this test's violation is on purpose
    assert seen("event") and seen("console"), caught
    assert any("script-src" in violation for violation in caught), caught
    assert page.evaluate("window.__injected") is None
