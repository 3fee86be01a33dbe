"""The Community of Practice's reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import WorkflowState

from practices.community.models import MEMBER_GROUP, ExperienceNote, Member
from practices.models import PracticePage

DIGEST_INTERVAL = timedelta(days=7)


def member_for(user: AbstractBaseUser) -> Member | None:
    """The user's member profile, if the user is an active member of the group CoP-lid."""
    if not user.is_authenticated:
        return None
    members = Member.objects.select_related("city", "user")
    return members.filter(user=user, user__groups__name=MEMBER_GROUP).first()


def notes_published(practices: list[PracticePage]) -> dict[int, list[ExperienceNote]]:
    """Approved notes per practice id, newest first."""
    notes: dict[int, list[ExperienceNote]] = {practice.pk: [] for practice in practices}
    for note in ExperienceNote.objects.published().filter(practice__in=practices):
        notes[note.practice_id].append(note)
    return notes


def review_status(obj) -> str:
    """How a member's contribution stands, in Dutch."""
    if obj.live and not obj.has_unpublished_changes:
        return "gepubliceerd"
    state = WorkflowState.objects.for_instance(obj).order_by("-created_at").first()
    if state is None:
        return "concept"
    return {
        WorkflowState.STATUS_IN_PROGRESS: "ter beoordeling",
        WorkflowState.STATUS_NEEDS_CHANGES: "teruggestuurd door de redactie",
        WorkflowState.STATUS_APPROVED: "gepubliceerd",
        WorkflowState.STATUS_CANCELLED: "ingetrokken",
    }.get(state.status, "concept")


def member_proposals(member: Member) -> QuerySet[PracticePage]:
    return PracticePage.objects.filter(owner=member.user).order_by("-first_published_at", "-pk")


@dataclass(frozen=True)
class Digest:
    member: Member
    since: datetime
    practices: list[PracticePage]


def members_due_a_digest(now: datetime | None = None) -> QuerySet[Member]:
    """Members who follow something, want the digest and had none in the last week."""
    now = now or timezone.now()
    follows = Q(followed_themes__isnull=False) | Q(followed_cities__isnull=False)
    due = Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - DIGEST_INTERVAL)
    return (
        Member.objects.filter(follows, due, digest_enabled=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .distinct()
    )


def digest_for(member: Member, now: datetime | None = None) -> Digest:
    """Practices published or updated since the member's last digest (at most a week back)."""
    now = now or timezone.now()
    since = max(filter(None, [member.last_digest_at, now - DIGEST_INTERVAL]))
    followed = Q(themes__in=member.followed_themes.all()) | Q(
        cities__in=member.followed_cities.all()
    )
    practices = (
        PracticePage.objects.live()
        .filter(followed, last_published_at__gt=since)
        .distinct()
        .order_by("-last_published_at")
        .prefetch_related("cities")  # each digest line names the practice's cities
    )
    return Digest(member=member, since=since, practices=list(practices[:50]))


def member_data(member: Member) -> dict:
    """AVG inzage: every personal record we keep about this member, as plain data."""
    user = member.user
    return {
        "account": {
            "naam": user.get_full_name(),
            "e-mail": user.email,
            "organisatie": member.organisation,
            "stad": member.city.name,
            "uitgenodigd_op": member.invited_at.isoformat(),
            "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
        },
        "ervaringen": [
            {
                "praktijk": note.practice.title,
                "stad": note.city.name,
                "wat_we_probeerden": note.tried,
                "wat_er_gebeurde": note.happened,
                "contactorganisatie": note.contact_organisation,
                "status": review_status(note),
                "ingediend_op": note.created_at.isoformat(),
            }
            for note in member.notes.select_related("practice", "city").order_by("created_at")
        ],
        "voorstellen": [
            {"titel": page.title, "status": review_status(page)}
            for page in member_proposals(member)
        ],
        "bewaarde_vergelijkingen": [
            {"naam": saved.name, "praktijken": saved.slugs} for saved in member.comparisons.all()
        ],
        "volgt": {
            "themas": [theme.name for theme in member.followed_themes.all()],
            "steden": [city.name for city in member.followed_cities.all()],
            "wekelijkse_samenvatting": member.digest_enabled,
        },
    }
