"""The Community of Practice: invitation, notes and proposals through moderation, saved
comparisons, following with a weekly digest, and the member's own data (AVG)."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from practices.community.models import ExperienceNote, Member, SavedComparison
from practices.community.services import member_invite
from practices.models import PracticePage
from practices.taxonomy import City, EvidenceLevel, Outcome, Theme

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-voor-de-cop"


@pytest.fixture
def hoofdredacteur():
    user = get_user_model().objects.create_user(
        "hoofd", "hoofdredactie@example.org", "geheim-genoeg-123"
    )
    user.groups.add(Group.objects.get(name="Hoofdredacteur"))
    return user


def _member(email: str = "lid@zwolle.example", city: str = "zwolle") -> Member:
    inviter = get_user_model().objects.create_user(f"inviter-{email}", "", "x")
    invitation = member_invite(
        email=email,
        full_name="Sanne de Vries",
        city=City.objects.get(slug=city),
        organisation="Gemeente Zwolle",
        invited_by=inviter,
    )
    invitation.member.user.set_password(PASSWORD)
    invitation.member.user.save()
    return invitation.member


@pytest.fixture
def member_client():
    """A member's browser session (apart from `client`, the anonymous visitor's)."""
    member = _member()
    member_session = Client()
    member_session.force_login(member.user)
    member_session.member = member
    return member_session


def _approve(obj, user) -> None:
    """What the Hoofdredacteur's 'Goedkeuren' in the admin does."""
    obj.refresh_from_db()
    obj.current_workflow_task_state.approve(user=user)


NOTE = {
    "city": "",
    "tried": "We hebben het wijkbedrijf overgenomen in Holtenbroek, met drie bewoners in dienst.",
    "happened": "Na een jaar draaien er vier buurtdiensten en betaalt de corporatie het beheer.",
    "contact_organisation": "Wijkbedrijf Holtenbroek",
}


def _note_data() -> dict:
    return {**NOTE, "city": City.objects.get(slug="zwolle").pk}


# --- Invitation and login ---------------------------------------------------------------------


def test_an_invited_member_chooses_a_password_and_lands_on_their_page(client):
    inviter = get_user_model().objects.create_user("redactie", "r@example.org", "x")
    member_invite(
        email="Nieuw@Lid.example",
        full_name="Ahmed Yilmaz",
        city=City.objects.get(slug="rotterdam"),
        organisation="Buurtwerk Rotterdam",
        invited_by=inviter,
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nieuw@lid.example"]
    link = re.search(r"http\S+/cop/welkom/\S+", mail.outbox[0].body).group(0)
    path = link.split("//", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200 and "Kies een wachtwoord" in form_page.text
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert "Mijn Community of Practice" in response.text
    assert "Buurtwerk Rotterdam (Rotterdam)" in response.text
    user = get_user_model().objects.get(email="nieuw@lid.example")
    assert user.groups.filter(name="CoP-lid").exists() and not user.is_staff
    # The link works once.
    assert "al gebruikt of verlopen" in client.get("/" + path, follow=True).text


def test_members_log_in_on_the_site_and_not_in_the_admin(client):
    member = _member()
    response = client.post(
        reverse("community:login"), {"username": member.user.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("community:home")
    admin = client.get("/admin/")
    assert admin.status_code in (302, 403)
    assert "Mijn Community of Practice" in client.get(reverse("community:home")).text


def test_member_pages_ask_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("community:proposal_create"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("community:login") + "?next=")


def test_an_editor_invites_from_the_admin(client, hoofdredacteur):
    client.force_login(hoofdredacteur)
    page = client.get(reverse("community_members"))
    assert page.status_code == 200 and "Lid uitnodigen" in page.text
    response = client.post(
        reverse("community_members"),
        {
            "email": "wijkcoach@deventer.example",
            "full_name": "Lotte Jansen",
            "city": City.objects.get(slug="deventer").pk,
            "organisation": "Gemeente Deventer",
        },
        follow=True,
    )
    assert "Uitnodiging verstuurd naar wijkcoach@deventer.example" in response.text
    assert Member.objects.get(user__email="wijkcoach@deventer.example").invited_by == (
        hoofdredacteur
    )
    again = client.post(
        reverse("community_members"),
        {"email": "WIJKCOACH@deventer.example", "full_name": "x", "city": 1, "organisation": "y"},
    )
    assert "Er bestaat al een account met dit e-mailadres." in again.text


# --- Experience notes -------------------------------------------------------------------------


def test_a_note_waits_for_the_editors_and_then_shows_on_the_practice_and_in_comparisons(
    member_client, client, hoofdredacteur
):
    practice = PracticePage.objects.live().get(slug="wijkbedrijf-selwerd-groningen")
    url = reverse("community:note_create", args=[practice.slug])
    response = member_client.post(url, _note_data(), follow=True)
    assert "naar de redactie gestuurd" in response.text
    note = ExperienceNote.objects.get(practice=practice)
    assert not note.live
    assert "ter beoordeling" in member_client.get(reverse("community:home")).text
    # The reviewers hear of it; the public does not see it yet.
    assert any(hoofdredacteur.email in message.to for message in mail.outbox)
    assert "Holtenbroek" not in client.get(practice.url).text

    _approve(note, hoofdredacteur)
    note.refresh_from_db()
    assert note.live
    page = client.get(practice.url).text
    assert "Ervaringen uit andere steden" in page and "Onze ervaring in Zwolle" in page
    assert "Na een jaar draaien er vier buurtdiensten" in page
    other = PracticePage.objects.live().exclude(pk=practice.pk).first()
    compare = client.get(
        f"/praktijken/vergelijk/?praktijk={practice.slug}&praktijk={other.slug}"
    ).text
    assert "Ervaringen uit andere steden" in compare and "Wijkbedrijf Holtenbroek" in compare


def test_a_note_with_too_little_text_is_refused_with_the_reason(member_client):
    practice = PracticePage.objects.live().first()
    response = member_client.post(
        reverse("community:note_create", args=[practice.slug]), {**_note_data(), "tried": "Kort."}
    )
    assert response.status_code == 200
    assert "ten minste 40 tekens" in response.text
    assert not ExperienceNote.objects.exists()


def test_a_hostile_note_is_shown_as_text(member_client, client, hoofdredacteur):
    practice = PracticePage.objects.live().first()
    hostile = "<script>alert('x')</script> en <img src=x onerror=alert(1)> " * 2
    member_client.post(
        reverse("community:note_create", args=[practice.slug]),
        {**_note_data(), "happened": hostile},
    )
    _approve(ExperienceNote.objects.get(), hoofdredacteur)
    page = client.get(practice.url).text
    assert "<script>alert" not in page and "&lt;script&gt;" in page


# --- Proposals ---------------------------------------------------------------------------------


def _proposal(**changes) -> dict:
    lowest = EvidenceLevel.objects.order_by("rank").first()
    data = {
        "title": "Buurtkamer met bewonersbudget in Zwolle-Zuid",
        "summary": "Bewoners beheren zelf een buurtkamer en beslissen over een klein budget "
        "voor activiteiten in de wijk.",
        "cities": [City.objects.get(slug="zwolle").pk],
        "themes": [Theme.objects.first().pk],
        "domains": [PracticePage._meta.get_field("domains").related_model.objects.first().pk],
        "target_groups": [
            PracticePage._meta.get_field("target_groups").related_model.objects.first().pk
        ],
        "evidence_level": lowest.pk,
        "outcome": Outcome.objects.get(slug="onbekend").pk,
        "evidence_justification": "Een beschrijving van de aanpak door de gemeente zelf, "
        "zonder meting van effecten.",
        "approach": "Bewoners krijgen de sleutel en een budget.",
        "results": "Nog niet gemeten.",
        "lessons": "Begin klein.",
        "bron-document": "Evaluatie buurtkamers Zwolle",
        "bron-publisher": "Gemeente Zwolle",
        "bron-year": "2024",
        "bron-section": "Hoofdstuk 2",
    }
    data.update(changes)
    return data


def test_a_proposal_is_a_draft_in_review_until_approved(member_client, client, hoofdredacteur):
    response = member_client.post(reverse("community:proposal_create"), _proposal(), follow=True)
    assert "niets wordt gepubliceerd zonder hun toets" in response.text
    page = PracticePage.objects.get(title__startswith="Buurtkamer met bewonersbudget")
    assert not page.live and page.owner == member_client.member.user
    assert page.sources.get().publisher == "Gemeente Zwolle"
    assert (
        client.get("/praktijken/buurtkamer-met-bewonersbudget-in-zwolle-zuid/").status_code == 404
    )
    assert any(hoofdredacteur.email in message.to for message in mail.outbox)

    _approve(page, hoofdredacteur)
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    assert "gepubliceerd" in member_client.get(reverse("community:home")).text


def test_a_proposal_follows_the_honesty_rules_of_the_loader(member_client):
    higher = EvidenceLevel.objects.order_by("-rank").first()
    response = member_client.post(
        reverse("community:proposal_create"),
        _proposal(
            evidence_level=higher.pk,
            evidence_justification="",
            outcome=Outcome.objects.get(slug="werkt").pk,
            results="Goed.",
        ),
    )
    assert response.status_code == 200
    assert "vraagt een onderbouwing" in response.text
    assert "Bij de uitkomst" in response.text
    assert not PracticePage.objects.filter(title__startswith="Buurtkamer").exists()


def test_a_proposal_needs_a_source_and_every_category(member_client):
    data = _proposal(cities=[])
    del data["bron-document"]
    response = member_client.post(reverse("community:proposal_create"), data)
    assert response.status_code == 200
    assert response.text.count("Dit is een verplicht veld.") == 2
    assert not PracticePage.objects.filter(title__startswith="Buurtkamer").exists()


# --- Saved comparisons ---------------------------------------------------------------------


def test_a_member_saves_shares_and_deletes_a_comparison(member_client, client):
    slugs = list(PracticePage.objects.live().values_list("slug", flat=True)[:3])
    compare = member_client.get(
        "/praktijken/vergelijk/?" + "&".join(f"praktijk={s}" for s in slugs)
    )
    assert "Bewaar deze vergelijking als" in compare.text
    member_client.post(
        reverse("community:comparison_save"),
        {"name": "Wijkbedrijven voor Zwolle", "praktijk": slugs},
    )
    saved = SavedComparison.objects.get()
    assert saved.slugs == slugs
    shared_url = reverse("community:comparison_shared", args=[saved.share_token])
    shared = client.get(shared_url)  # anyone with the link, read-only
    assert shared.status_code == 200 and "Wijkbedrijven voor Zwolle" in shared.text
    assert "Verwijder" not in shared.text

    other = _member("ander@lid.example", city="deventer")
    client.force_login(other.user)
    delete_url = reverse("community:comparison_delete", args=[saved.pk])
    assert client.post(delete_url).status_code == 404
    assert member_client.post(delete_url).status_code == 302
    assert client.get(shared_url).status_code == 404


def test_a_comparison_needs_two_published_practices(member_client):
    member_client.post(
        reverse("community:comparison_save"), {"name": "Te klein", "praktijk": ["bestaat-niet"]}
    )
    assert not SavedComparison.objects.exists()


def test_visitors_do_not_get_the_save_form(client):
    slugs = PracticePage.objects.live().values_list("slug", flat=True)[:2]
    page = client.get("/praktijken/vergelijk/?" + "&".join(f"praktijk={s}" for s in slugs))
    assert "Bewaar deze vergelijking" not in page.text


# --- Following and the digest ---------------------------------------------------------------


def test_the_digest_lists_new_practices_in_what_a_member_follows_and_unsubscribes_in_one_click(
    member_client, client
):
    theme = Theme.objects.get(slug="bewonersbetrokkenheid")
    member_client.post(reverse("community:follow"), {"themes": [theme.pk], "digest_enabled": "on"})
    updated = PracticePage.objects.live().filter(themes=theme).first()
    updated.save_revision().publish()  # published now: inside the week
    unrelated = PracticePage.objects.live().exclude(themes=theme).first()
    unrelated.save_revision().publish()
    mail.outbox.clear()

    call_command("send_digests", stdout=StringIO())
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert updated.title in digest.body and unrelated.title not in digest.body
    unsubscribe = re.search(r"http\S+/cop/afmelden/\S+/", digest.body).group(0)
    assert digest.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"

    call_command("send_digests", stdout=StringIO())
    assert len(mail.outbox) == 1  # one a week

    path = "/" + unsubscribe.split("//", 1)[1].split("/", 1)[1]
    assert "U bent afgemeld" in client.get(path).text  # no login needed
    member = Member.objects.get(pk=member_client.member.pk)
    assert not member.digest_enabled
    member.last_digest_at = timezone.now() - timezone.timedelta(days=8)
    member.save()
    call_command("send_digests", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_a_mail_program_unsubscribes_with_a_post(client):
    member = _member()
    response = client.post(reverse("community:unsubscribe", args=[member.unsubscribe_token]))
    assert response.status_code == 200
    member.refresh_from_db()
    assert not member.digest_enabled
    assert client.get(reverse("community:unsubscribe", args=["onzin"])).status_code == 404


# --- AVG ----------------------------------------------------------------------------------------


def test_a_member_sees_downloads_and_deletes_their_data(member_client, client, hoofdredacteur):
    practice = PracticePage.objects.live().first()
    member_client.post(reverse("community:note_create", args=[practice.slug]), _note_data())
    _approve(ExperienceNote.objects.get(), hoofdredacteur)
    assert "Onze ervaring in Zwolle" in client.get(practice.url).text

    page = member_client.get(reverse("community:my_data"))
    assert "lid@zwolle.example" in page.text and "Holtenbroek" in page.text
    download = member_client.get(reverse("community:my_data") + "?formaat=json")
    assert download["Content-Disposition"] == 'attachment; filename="mijn-gegevens.json"'
    assert download.json()["ervaringen"][0]["status"] == "gepubliceerd"

    refused = member_client.post(reverse("community:my_data"), {})
    assert refused.status_code == 200 and ExperienceNote.objects.count() == 1
    member_client.post(reverse("community:my_data"), {"confirm": "on"})
    assert not get_user_model().objects.filter(email="lid@zwolle.example").exists()
    assert not ExperienceNote.objects.exists()
    assert "Onze ervaring in Zwolle" not in client.get(practice.url).text
