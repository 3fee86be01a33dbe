"""Who may do what, per role: anonymous, CoP member, Redacteur, Hoofdredacteur.

Each row is what that person gets over HTTP (or, for workflow actions, what Wagtail offers
them in the admin): drafts, submitting, publishing, moderating notes, the search-gap report,
exports, inviting members. Plus CSRF on every form and limits on uploads.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from practices.community.models import ExperienceNote
from practices.community.services import member_invite, note_submit
from practices.models import PracticePage
from practices.taxonomy import City

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "member", "redacteur", "hoofdredacteur")


def _user(role: str):
    users = get_user_model().objects
    if role == "anonymous":
        return None
    if role == "member":
        existing = users.filter(email="lid@example.org").first()
        if existing is not None:
            return existing
        invitation = member_invite(
            email="lid@example.org",
            full_name="Lid Lid",
            city=City.objects.get(slug="zwolle"),
            organisation="Gemeente Zwolle",
            invited_by=users.create_user("uitnodiger", "", "x"),
        )
        return invitation.member.user
    user = users.create_user(role, f"{role}@example.org", "x")
    user.groups.add(Group.objects.get(name=role.capitalize()))
    return user


@pytest.fixture
def draft() -> PracticePage:
    """A practice with an unpublished change."""
    page = PracticePage.objects.live().first()
    page.title = "Conceptversie van de redactie"
    page.save_revision()
    return page


@pytest.fixture
def pending_note() -> ExperienceNote:
    member = _user("member").cop_member
    return note_submit(
        member=member,
        practice=PracticePage.objects.live().first(),
        city=member.city,
        tried="Een proef in twee straten met een vaste wijkcoach en een budget.",
        happened="Na een half jaar kenden bewoners de coach; de overlast daalde iets.",
        contact_organisation="Gemeente Zwolle",
    )


def _client(role: str) -> tuple[Client, object]:
    client = Client()
    user = _user(role)
    if user is not None:
        client.force_login(user)
    return client, user


ALLOWED = {
    # what: the roles that get it
    "see drafts": {"redacteur", "hoofdredacteur"},
    "submit": {"redacteur", "hoofdredacteur"},
    "publish": {"hoofdredacteur"},
    "moderate notes": {"hoofdredacteur"},
    "search-gap report": {"redacteur", "hoofdredacteur"},
    "invite members": {"redacteur", "hoofdredacteur"},
    "member pages": {"member"},
    "export search results": set(ROLES),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_rights(role, draft, pending_note):
    client, user = _client(role)
    got = set()
    if client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk])).status_code == 200:
        got.add("see drafts")
    if user is not None:
        permissions = draft.permissions_for_user(user)
        editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
        if editor.status_code == 200 and permissions.can_submit_for_moderation():
            got.add("submit")
        if permissions.can_publish():
            got.add("publish")
        pending_note.refresh_from_db()
        task = pending_note.current_workflow_task
        if any(action == "approve" for action, *_ in task.get_actions(pending_note, user)):
            got.add("moderate notes")
    if client.get(reverse("search_gaps_report")).status_code == 200:
        got.add("search-gap report")
    if client.get(reverse("community_members")).status_code == 200:
        got.add("invite members")
    if client.get(reverse("community:home")).status_code == 200:
        got.add("member pages")
    if client.get(reverse("search_export_csv") + "?q=wijk").status_code == 200:
        got.add("export search results")
    expected = {what for what, roles in ALLOWED.items() if role in roles}
    assert got == expected


def test_a_redacteur_who_presses_publish_only_submits(draft):
    client, _ = _client("redacteur")
    client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        {"action-publish": "publish"},
    )
    draft.refresh_from_db()
    assert draft.title != "Conceptversie van de redactie"  # the public version is unchanged


def test_an_editor_cannot_moderate_through_the_member_site(pending_note):
    """The member pages are for members only: an editor sees 'Alleen voor leden', not data."""
    client, _ = _client("hoofdredacteur")
    response = client.get(reverse("community:home"))
    assert response.status_code == 403 and "Alleen voor leden" in response.text


# --- CSRF on every form ---------------------------------------------------------------------


def _forms(practice: PracticePage) -> list[str]:
    return [
        reverse("community:login"),
        reverse("community:logout"),
        reverse("community:note_create", args=[practice.slug]),
        reverse("community:proposal_create"),
        reverse("community:comparison_save"),
        reverse("community:comparison_delete", args=[1]),
        reverse("community:follow"),
        reverse("community:my_data"),
        reverse("community_members"),
        "/admin/login/",
    ]


@pytest.mark.parametrize("role", ["member", "hoofdredacteur"])
def test_every_form_refuses_a_post_without_its_csrf_token(role):
    client = Client(enforce_csrf_checks=True)
    client.force_login(_user(role))
    practice = PracticePage.objects.live().first()
    for url in _forms(practice):
        response = client.post(url, {"name": "x"})
        assert response.status_code == 403, url


# --- Uploads --------------------------------------------------------------------------------


def _upload(client: Client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_uploads_are_limited_in_type_and_size(settings):
    client, _ = _client("hoofdredacteur")
    client.force_login(get_user_model().objects.create_superuser("beheer", "b@example.org", "x"))
    settings.WWDW_DOCUMENT_MAX_BYTES = 1000
    refused_type = _upload(client, "virus.exe", b"MZ" + b"0" * 10)
    assert refused_type.status_code == 200 and "virus.exe" not in str(
        list(client.get(reverse("wagtaildocs:index")).context or [])
    )
    assert "bestandsextensie" in refused_type.text.lower() or "extension" in refused_type.text
    refused_size = _upload(client, "groot.pdf", b"%PDF" + b"0" * 2000)
    assert "het maximum is 1000" in refused_size.text.replace("\xa0", " ")
    accepted = _upload(client, "klein.pdf", b"%PDF" + b"0" * 100)
    assert accepted.status_code == 302
