"""The Community of Practice's writes: invitations, notes, proposals, comparisons, follows.

Everything a member submits becomes a draft with a revision and enters the editorial workflow;
the workflow's own notifications tell the reviewers (the Hoofdredacteur group) by e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from wagtail.models import Workflow

from practices.community.models import MEMBER_GROUP, ExperienceNote, Member, SavedComparison
from practices.community.selectors import Digest
from practices.models import PracticeIndexPage, PracticePage, PracticeSource
from practices.taxonomy import City


class NoWorkflowError(RuntimeError):
    """Submitting needs the editorial workflow; without it nothing may be published."""


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@dataclass(frozen=True)
class Invitation:
    member: Member
    link: str


@transaction.atomic
def member_invite(
    *, email: str, full_name: str, city: City, organisation: str, invited_by: AbstractBaseUser
) -> Invitation:
    """An account in the group CoP-lid without a password, and an e-mail to choose one."""
    first, _, last = full_name.strip().partition(" ")
    user = get_user_model().objects.create_user(
        username=email.lower(), email=email.lower(), first_name=first[:150], last_name=last[:150]
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=MEMBER_GROUP))
    member = Member.objects.create(
        user=user, city=city, organisation=organisation, invited_by=invited_by
    )
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = absolute_url(reverse("community:welcome", args=[uid, token]))
    send_mail(
        "Uitnodiging: Community of Practice van Wat Werkt in de Wijk",
        f"Beste {first or email},\n\n"
        f"De redactie van Wat Werkt in de Wijk nodigt u uit als lid van de Community of "
        f"Practice, namens {organisation} in {city}.\n\n"
        f"Kies via deze link een wachtwoord (de link werkt één keer):\n{link}\n\n"
        f"Als lid deelt u ervaringen met aanpakken, stelt u praktijken voor, bewaart u "
        f"vergelijkingen en volgt u thema's en steden.\n",
        None,
        [user.email],
    )
    return Invitation(member=member, link=link)


def _submit_for_review(obj, user: AbstractBaseUser) -> None:
    """Save a revision and start the object's workflow: a draft waiting for the editors."""
    workflow: Workflow | None = obj.get_workflow()
    if workflow is None:
        raise NoWorkflowError("Er is geen redactionele workflow ingesteld.")
    obj.save_revision(user=user)
    workflow.start(obj, user)


@transaction.atomic
def note_submit(
    *,
    member: Member,
    practice: PracticePage,
    city: City,
    tried: str,
    happened: str,
    contact_organisation: str,
) -> ExperienceNote:
    note = ExperienceNote(
        practice=practice,
        member=member,
        city=city,
        tried=tried,
        happened=happened,
        contact_organisation=contact_organisation,
        live=False,
    )
    note.full_clean()
    note.save()
    _submit_for_review(note, member.user)
    return note


def _free_slug(parent: PracticeIndexPage, title: str) -> str:
    base = slugify(title)[:70] or "voorstel"
    taken = set(PracticePage.objects.child_of(parent).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def proposal_submit(
    *, member: Member, page: PracticePage, categories: dict, source: PracticeSource | None
) -> PracticePage:
    """A proposed practice: a draft page under the catalogue, owned by the member, in review.

    `page` is the unsaved, validated page (the form ran the model's rules); `categories` maps
    a many-valued taxonomy field to its chosen categories.
    """
    parent = PracticeIndexPage.objects.get()
    page.slug = _free_slug(parent, page.title)
    page.live = False
    page.has_unpublished_changes = True
    page.owner = member.user
    page.evidence_assessed_by = f"voorstel van {member.organisation}"[:120]
    for field_name, chosen in categories.items():
        getattr(page, field_name).set(chosen)
    if source is not None:
        page.sources = [source]
    parent.add_child(instance=page)
    _submit_for_review(page, member.user)
    return page


def comparison_save(*, member: Member, name: str, slugs: list[str]) -> SavedComparison:
    return SavedComparison.objects.create(member=member, name=name.strip(), slugs=slugs)


def follows_set(*, member: Member, themes, cities, digest_enabled: bool) -> None:
    member.followed_themes.set(themes)
    member.followed_cities.set(cities)
    member.digest_enabled = digest_enabled
    member.save(update_fields=["digest_enabled"])


def unsubscribe(token: str) -> Member | None:
    """One click from the digest: no login, the token in the link is the proof."""
    member = Member.objects.filter(unsubscribe_token=token).first()
    if member is not None and member.digest_enabled:
        member.digest_enabled = False
        member.save(update_fields=["digest_enabled"])
    return member


@transaction.atomic
def account_delete(member: Member) -> None:
    """AVG: the account, its notes (published or not), comparisons and follows go.

    Proposed practices stay as editorial content, no longer linked to the person.
    """
    PracticePage.objects.filter(owner=member.user).update(owner=None)
    member.user.delete()  # cascades to the member, notes, comparisons and follows


def digest_send(digest: Digest) -> bool:
    """E-mail one member's weekly digest; False (and nothing sent) when nothing is new.

    The unsubscribe link works in one click (GET), and the List-Unsubscribe headers let a
    mail program offer the same (RFC 8058, POST).
    """
    member = digest.member
    now = timezone.now()
    if not digest.practices:
        member.last_digest_at = now
        member.save(update_fields=["last_digest_at"])
        return False
    unsubscribe_link = absolute_url(
        reverse("community:unsubscribe", args=[member.unsubscribe_token])
    )
    lines = [
        f"- {page.title} ({', '.join(city.name for city in page.cities.all())})\n"
        f"  {absolute_url(page.url)}"
        for page in digest.practices
    ]
    body = (
        f"Nieuw of bijgewerkt sinds {digest.since:%d-%m-%Y} in de thema's en steden die u "
        f"volgt:\n\n" + "\n".join(lines) + "\n\n"
        f"Wat u volgt, wijzigt u op {absolute_url(reverse('community:follow'))}\n"
        f"Geen samenvatting meer ontvangen? Eén klik: {unsubscribe_link}\n"
    )
    message = EmailMessage(
        f"Wat Werkt in de Wijk: {len(digest.practices)} nieuwe of bijgewerkte praktijken",
        body,
        to=[member.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()
    member.last_digest_at = now
    member.save(update_fields=["last_digest_at"])
    return True
