"""The two editorial journeys end to end in Chromium, as people do them.

- Editor: a Redacteur changes a practice and submits it; the Hoofdredacteur approves it in the
  admin; the change is found in search.
- Member: a CoP member logs in on the public site, shares an experience and proposes a
  practice; the Hoofdredacteur approves both; the public sees the note on the practice page
  and finds the new practice in search.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect
from wagtail.models import Revision

from practices.community.models import ExperienceNote
from practices.community.services import member_invite
from practices.models import PracticePage
from practices.taxonomy import City, EvidenceLevel, Outcome
from search.models import SearchGap
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-voor-de-reis"
PRACTICE = "wijkbedrijf-selwerd-groningen"
PROPOSAL_TITLE = "Buurtkamer met bewonersbudget in Zwolle-Zuid"


@pytest.fixture(scope="module")
def accounts(django_db_setup, django_db_blocker) -> Iterator[dict[str, str]]:
    """Committed accounts, so the site's own process (gunicorn) can log them in.

    What the journeys change is committed by the site's process, so it is undone here, outside
    any test transaction: the practice's published version, the searches they counted, the
    proposal and the note.
    """
    users = get_user_model().objects
    with django_db_blocker.unblock():
        original = PracticePage.objects.get(slug=PRACTICE).latest_revision_id
        known_gaps = set(SearchGap.objects.values_list("pk", flat=True))
        names = {}
        for role in ("Redacteur", "Hoofdredacteur"):
            user = users.create_user(f"reis-{role.lower()}", f"{role.lower()}@example.org")
            user.set_password(PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=role))
            names[role] = user.username
        invitation = member_invite(
            email="reis-lid@zwolle.example",
            full_name="Sanne de Vries",
            city=City.objects.get(slug="zwolle"),
            organisation="Gemeente Zwolle",
            invited_by=users.get(username=names["Hoofdredacteur"]),
        )
        invitation.member.user.set_password(PASSWORD)
        invitation.member.user.save()
        names["member"] = invitation.member.user.username
    yield names
    with django_db_blocker.unblock():
        Revision.objects.get(pk=original).publish()
        SearchGap.objects.exclude(pk__in=known_gaps).delete()
        for page in PracticePage.objects.filter(title=PROPOSAL_TITLE):
            page.delete()  # and out of the index (the delete signal)
        ExperienceNote.objects.filter(member__user__username=names["member"]).delete()
        users.filter(username__in=names.values()).delete()


def _admin_login(page: Page, site_url: str, username: str) -> None:
    page.goto(f"{site_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site_url}/admin/")


def _found(page: Page, site_url: str, query: str) -> list[str]:
    """Titles the public search API finds for `query`."""
    answer = page.request.get(f"{site_url}/api/v1/search", params={"q": query}).json()
    return [hit["title"] for hit in answer["results"]]


def _admin_logout(page: Page) -> None:
    page.context.clear_cookies()


def _approve_in_editor(page: Page, edit_url: str) -> None:
    """The Hoofdredacteur's 'Goedkeuren en publiceren' in the editor's action menu."""
    page.goto(edit_url)
    approve = page.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).first
    expect(approve).to_have_count(1)
    screenshot(page, "redactie-goedkeuren")
    with page.expect_navigation():
        approve.evaluate("button => button.click()")


def test_editor_journey_draft_review_publish_found(page: Page, site_url: str, accounts):
    practice = PracticePage.objects.get(slug=PRACTICE)
    # A visitor searches for something the catalogue does not have.
    page.goto(f"{site_url}/zoeken/?q=kwantumverstrengeling+wijkkompas")
    expect(page.locator(".card__title")).to_have_count(0)
    _admin_login(page, site_url, accounts["Redacteur"])
    page.goto(f"{site_url}/admin/pages/{practice.pk}/edit/")
    summary = page.locator("textarea[name=summary]")
    summary.fill(summary.input_value() + " Ook toegepast in de Zonnebloemwijk.")
    submit = page.locator("button[name=action-submit]")
    with page.expect_navigation():
        submit.evaluate("button => button.click()")
    screenshot(page, "redactie-ingediend")
    practice.refresh_from_db()
    assert practice.workflow_in_progress
    # Not public yet.
    assert _found(page, site_url, "Zonnebloemwijk") == []

    _admin_logout(page)
    _admin_login(page, site_url, accounts["Hoofdredacteur"])
    expect(page.get_by_text(practice.title).first).to_be_visible()  # awaiting review
    _approve_in_editor(page, f"{site_url}/admin/pages/{practice.pk}/edit/")

    page.goto(f"{site_url}/zoeken/?q=Zonnebloemwijk")
    expect(page.locator(".card__title").first).to_contain_text(practice.title)
    screenshot(page, "redactie-gevonden")

    # The editors see the visitor's search in the report of searches without results.
    page.goto(f"{site_url}/admin/zoekopdrachten-zonder-resultaat/")
    expect(page.get_by_text("kwantumverstrengeling wijkkompas")).to_be_visible()
    screenshot(page, "redactie-zoekopdrachten-zonder-resultaat")


def test_member_journey_propose_note_moderated_published(page: Page, site_url: str, accounts):
    # The member, on the public site.
    page.goto(f"{site_url}/cop/inloggen/")
    page.get_by_label("E-mailadres").fill(accounts["member"])
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Mijn Community of Practice")).to_be_visible()

    page.goto(f"{site_url}/praktijken/{PRACTICE}/")
    page.get_by_role("link", name="Deel uw ervaring").click()
    page.get_by_label("Wat we probeerden").fill(
        "We namen het wijkbedrijf over in Holtenbroek, met drie bewoners in vaste dienst."
    )
    page.get_by_label("Wat er gebeurde").fill(
        "Na een jaar draaien er vier buurtdiensten en betaalt de corporatie het groenbeheer."
    )
    page.get_by_label("Contactorganisatie").fill("Wijkbedrijf Holtenbroek")
    screenshot(page, "lid-ervaring-delen")
    page.get_by_role("button", name="Naar de redactie sturen").click()
    expect(page.get_by_text("Uw ervaring is naar de redactie gestuurd")).to_be_visible()

    page.get_by_role("link", name="Stel een praktijk voor").click()
    _fill_proposal(page)
    screenshot(page, "lid-voorstel")
    page.get_by_role("button", name="Naar de redactie sturen").click()
    expect(page.get_by_text("niets wordt gepubliceerd zonder hun toets")).to_be_visible()
    expect(page.locator(".member-list .status").filter(has_text="ter beoordeling")).to_have_count(2)
    screenshot(page, "lid-mijn-cop")
    assert (
        page.request.get(f"{site_url}/zoeken/?q=bewonersbudget").text().count(PROPOSAL_TITLE) == 0
    )

    # The Hoofdredacteur, in the admin.
    page.context.clear_cookies()
    _admin_login(page, site_url, accounts["Hoofdredacteur"])
    note = ExperienceNote.objects.get(member__user__username=accounts["member"])
    proposal = PracticePage.objects.get(title=PROPOSAL_TITLE)
    _approve_in_editor(page, f"{site_url}/admin/snippets/community/experiencenote/edit/{note.pk}/")
    _approve_in_editor(page, f"{site_url}/admin/pages/{proposal.pk}/edit/")

    # The public.
    page.context.clear_cookies()
    page.goto(f"{site_url}/praktijken/{PRACTICE}/")
    notes = page.locator("section.experience-notes")
    expect(notes).to_contain_text("Onze ervaring in Zwolle")
    expect(notes).to_contain_text("vier buurtdiensten")
    notes.scroll_into_view_if_needed()
    screenshot(page, "publiek-ervaringen")
    page.goto(f"{site_url}/zoeken/?q=buurtkamer+bewonersbudget+Zwolle")
    expect(page.locator(".card__title", has_text=PROPOSAL_TITLE)).to_have_count(1)


def _fill_proposal(page: Page) -> None:
    page.get_by_label("Titel").fill(PROPOSAL_TITLE)
    page.get_by_label("Samenvatting").fill(
        "Bewoners beheren zelf een buurtkamer en beslissen over een klein budget voor "
        "activiteiten in de wijk."
    )
    page.locator("#id_cities").get_by_label("Zwolle", exact=True).check()
    for field in ("themes", "domains", "target_groups"):
        page.locator(f"#id_{field} input").first.check()
    lowest = EvidenceLevel.objects.order_by("rank").first()
    page.locator(f"#id_evidence_level input[value='{lowest.pk}']").check()
    unknown = Outcome.objects.get(slug="onbekend")
    page.locator(f"#id_outcome input[value='{unknown.pk}']").check()
    page.get_by_label("Onderbouwing van het bewijsniveau").fill(
        "Een beschrijving door de gemeente zelf, zonder meting van effecten."
    )
    page.get_by_label(re.compile("^Aanpak")).fill("Bewoners krijgen de sleutel en een budget.")
    page.get_by_label(re.compile("^Resultaten")).fill("Nog niet gemeten.")
    page.get_by_label(re.compile("^Lessen")).fill("Begin klein, met vaste openingstijden.")
    page.get_by_label(re.compile("^Document")).fill("Evaluatie buurtkamers Zwolle")
    page.get_by_label(re.compile("^Uitgever")).fill("Gemeente Zwolle")
    page.get_by_label(re.compile("^Jaar")).fill("2024")
    page.get_by_label(re.compile("^Hoofdstuk of paragraaf")).fill("Hoofdstuk 2")
