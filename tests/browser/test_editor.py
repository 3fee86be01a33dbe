"""The practice editor in a real browser: the Markdown preview and the city search work."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from practices.models import PracticePage
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db
USERNAME = "browser-hoofdredacteur"
PASSWORD = "een-lang-wachtwoord-voor-de-browsertest"


@pytest.fixture(scope="module")
def hoofdredacteur(django_db_setup, django_db_blocker) -> Iterator[str]:
    """A committed account, so the site's own process (gunicorn) can log it in."""
    with django_db_blocker.unblock():
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name="Hoofdredacteur"))
    yield USERNAME
    with django_db_blocker.unblock():
        get_user_model().objects.filter(username=USERNAME).delete()


def _log_in(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/admin/login/")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site_url}/admin/")


def test_the_editor_previews_markdown_and_filters_cities(
    page: Page, site_url: str, hoofdredacteur: str
):
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security" in message.text else None
        ),
    )
    _log_in(page, site_url)
    practice = PracticePage.objects.get(slug="wijkbedrijf-selwerd-groningen")
    page.goto(f"{site_url}/admin/pages/{practice.pk}/edit/")

    expect(page.get_by_role("tab", name="Resultaten en kosten")).to_be_visible()
    search = page.get_by_placeholder("Typ om te filteren, bijvoorbeeld Zwolle")
    search.fill("zwol")
    cities = page.locator("[data-searchable-choices] label")
    expect(cities.filter(has_text="Zwolle")).to_be_visible()
    expect(cities.filter(has_text="Rotterdam")).to_be_hidden()
    expect(cities.filter(has_text="Groningen")).to_be_visible()  # chosen cities stay in view

    approach = page.locator("textarea[name=approach]")
    approach.fill("Eerst **bewoners** vragen.\n\n<script>alert(1)</script>")
    preview = page.locator("#id_approach ~ .wwdw-markdown-preview")
    expect(preview.locator("strong")).to_have_text(["bewoners"])  # the old text is replaced
    expect(preview).to_contain_text("<script>alert(1)</script>")  # shown as text, not run
    expect(preview.locator("script")).to_have_count(0)
    screenshot(page, "editor-markdown-voorbeeld")
    assert blocked == []
