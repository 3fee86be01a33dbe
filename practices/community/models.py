"""What Community of Practice members keep here: a profile, notes, comparisons and follows.

Nothing a member writes is published by itself: an experience note is a snippet with drafts
and revisions that goes through the editorial workflow ("Redactionele toets"), exactly like a
proposed practice page does. Only a note an editor approved is `live`.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from practices.models import PracticePage
from practices.taxonomy import City, Theme

MEMBER_GROUP = "CoP-lid"


def _token() -> str:
    return secrets.token_urlsafe(24)


class Member(models.Model):
    """A CoP member: a user of the public site (never of the admin) with city and organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cop_member"
    )
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="members", verbose_name="stad"
    )
    organisation = models.CharField("organisatie", max_length=200)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="uitgenodigd door",
    )
    invited_at = models.DateTimeField("uitgenodigd op", auto_now_add=True)
    followed_themes = models.ManyToManyField(
        Theme, blank=True, related_name="followers", verbose_name="gevolgde thema's"
    )
    followed_cities = models.ManyToManyField(
        City, blank=True, related_name="followers", verbose_name="gevolgde steden"
    )
    digest_enabled = models.BooleanField("wekelijkse samenvatting", default=True)
    # The one-click unsubscribe link carries this token instead of a login.
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=_token)
    last_digest_at = models.DateTimeField("laatste samenvatting", null=True, blank=True)

    class Meta:
        verbose_name = "CoP-lid"
        verbose_name_plural = "CoP-leden"

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.email} ({self.organisation}, {self.city})"


class ExperienceNoteQuerySet(models.QuerySet):
    def published(self) -> ExperienceNoteQuerySet:
        return self.filter(live=True).select_related("city").order_by("-first_published_at")


class ExperienceNote(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """'Onze ervaring in Zwolle': what a city tried with a practice and what happened."""

    practice = models.ForeignKey(
        PracticePage,
        on_delete=models.CASCADE,
        related_name="experience_notes",
        verbose_name="praktijk",
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name="lid",
        null=True,
        blank=True,
    )
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="experience_notes", verbose_name="stad"
    )
    tried = models.TextField(
        "wat we probeerden",
        validators=[MinLengthValidator(40), MaxLengthValidator(3000)],
        help_text="Wat jullie van deze aanpak hebben overgenomen of aangepast (40–3000 tekens).",
    )
    happened = models.TextField(
        "wat er gebeurde",
        validators=[MinLengthValidator(40), MaxLengthValidator(3000)],
        help_text="Wat het opleverde, ook wat niet lukte (40–3000 tekens).",
    )
    contact_organisation = models.CharField(
        "contactorganisatie",
        max_length=200,
        help_text="Bij welke organisatie anderen meer kunnen horen.",
    )
    created_at = models.DateTimeField("ingediend op", auto_now_add=True)

    objects = ExperienceNoteQuerySet.as_manager()

    panels = [
        FieldPanel("practice", read_only=True),
        FieldPanel("city"),
        FieldPanel("tried"),
        FieldPanel("happened"),
        FieldPanel("contact_organisation"),
    ]

    class Meta:
        verbose_name = "ervaring"
        verbose_name_plural = "ervaringen"

    def __str__(self) -> str:
        return f"Onze ervaring in {self.city}: {self.practice.title}"


class SavedComparison(models.Model):
    """A comparison a member keeps under a name; anyone with its link can read it."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="comparisons")
    name = models.CharField("naam", max_length=120)
    slugs = models.JSONField("praktijken", default=list)
    share_token = models.CharField(max_length=64, unique=True, default=_token)
    created_at = models.DateTimeField("bewaard op", auto_now_add=True)

    class Meta:
        verbose_name = "bewaarde vergelijking"
        verbose_name_plural = "bewaarde vergelijkingen"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name
