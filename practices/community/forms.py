"""The members' forms. The proposal form is the practice model's own rules, as the loader's."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from practices.community.models import ExperienceNote
from practices.compare import MAX_COMPARED, MIN_COMPARED
from practices.models import PracticePage, PracticeSource
from practices.taxonomy import TAXONOMY, City, Theme

# What a member fills in for a proposed practice: the fields of a content file, without the
# editors' own (who assessed the evidence and when, whether a start year was derived).
PROPOSAL_FIELDS = (
    "title",
    "summary",
    *(kind.page_field for kind in TAXONOMY),
    "wijk",
    "target_group_description",
    "evidence_justification",
    "period_start",
    "period_end",
    "lead_organisation",
    "approach",
    "results",
    "costs_description",
    "cost_amount_eur",
    "lessons",
    "contact_organisation",
    "contact_name",
    "contact_email",
    "contact_url",
)
SOURCE_FIELDS = ("document", "publisher", "year", "section", "page_number", "url")


class NoteForm(forms.ModelForm):
    class Meta:
        model = ExperienceNote
        fields = ["city", "tried", "happened", "contact_organisation"]
        widgets = {
            "tried": forms.Textarea(attrs={"rows": 6, "maxlength": 3000}),
            "happened": forms.Textarea(attrs={"rows": 6, "maxlength": 3000}),
        }


class SourceForm(forms.ModelForm):
    """The one source a proposal needs (editors add more); prefixed 'bron'."""

    class Meta:
        model = PracticeSource
        fields = list(SOURCE_FIELDS)


class ProposalForm(forms.ModelForm):
    """A proposed practice: the model validates every field and the honesty rules."""

    class Meta:
        model = PracticePage
        fields = list(PROPOSAL_FIELDS)
        widgets = {
            **{
                kind.page_field: (forms.CheckboxSelectMultiple if kind.many else forms.RadioSelect)
                for kind in TAXONOMY
            },
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 400}),
            **{
                name: forms.Textarea(attrs={"rows": 6})
                for name in ("approach", "results", "costs_description", "lessons")
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in TAXONOMY:
            field = self.fields[kind.page_field]
            field.required = True
            field.empty_label = None
        self.fields["title"].help_text = "De naam van de aanpak, met de stad of wijk erin."

    def categories(self) -> dict:
        return {
            kind.page_field: self.cleaned_data[kind.page_field] for kind in TAXONOMY if kind.many
        }


class ComparisonSaveForm(forms.Form):
    """A name for the comparison on screen; its practices come as repeated `praktijk`."""

    name = forms.CharField(label="Naam van de vergelijking", max_length=120)

    def clean(self) -> dict:
        cleaned = super().clean()
        wanted = list(dict.fromkeys(self.data.getlist("praktijk")))
        live = set(
            PracticePage.objects.live().filter(slug__in=wanted).values_list("slug", flat=True)
        )
        slugs = [slug for slug in wanted if slug in live]
        if not MIN_COMPARED <= len(slugs) <= MAX_COMPARED:
            raise ValidationError(
                f"Een vergelijking bewaart {MIN_COMPARED} tot {MAX_COMPARED} "
                "gepubliceerde praktijken."
            )
        cleaned["slugs"] = slugs
        return cleaned


class FollowForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label="Thema's",
        queryset=Theme.objects.order_by("sort_order", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    cities = forms.ModelMultipleChoiceField(
        label="Steden",
        queryset=City.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    digest_enabled = forms.BooleanField(
        label="Stuur mij elke week een samenvatting per e-mail", required=False
    )


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label="Ja, verwijder mijn account, mijn ervaringen en mijn bewaarde vergelijkingen",
        required=True,
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label="E-mailadres")
    full_name = forms.CharField(label="Naam", max_length=150)
    city = forms.ModelChoiceField(label="Stad", queryset=City.objects.order_by("name"))
    organisation = forms.CharField(label="Organisatie", max_length=200)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        users = get_user_model().objects
        if users.filter(email__iexact=email).exists() or users.filter(username=email).exists():
            raise ValidationError("Er bestaat al een account met dit e-mailadres.")
        return email
