"""The practice editor in the admin: tabs, widgets, Dutch help texts and the honesty rules.

The rules live here as small functions so the page model (`PracticePage.clean_content`,
which the loader runs too) and the admin form (which alone knows the inline source rows
while validating) apply the same ones with the same messages.
"""

from __future__ import annotations

from django import forms
from django.db.models import Min
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Page

from practices.markdown import markdown_to_plain_text
from practices.taxonomy import EvidenceLevel, Outcome
from practices.widgets import MarkdownTextarea, SearchableCheckboxSelectMultiple

# Outcomes that claim an effect either way: they need described results.
OUTCOMES_NEEDING_RESULTS = frozenset({"werkt", "werkt-niet"})
MIN_RESULTS_WORDS = 5  # a sentence: "Zie boven." or "n.v.t." is not a result

JUSTIFICATION_NEEDED = (
    "Een bewijsniveau boven het laagste (praktijkvoorbeeld) vraagt een onderbouwing: "
    "waarom dit niveau, met de passage uit de bron."
)
SOURCE_NEEDED = "Een bewijsniveau boven het laagste vraagt minstens één bron."
RESULTS_NEEDED = (
    f"Bij de uitkomst 'werkt' of 'werkt niet' horen beschreven resultaten "
    f"(minstens {MIN_RESULTS_WORDS} woorden): wat is er gemeten of gezien?"
)


def level_needs_support(level: EvidenceLevel | None) -> bool:
    """Above the lowest rung of the ladder, a level must be justified and sourced."""
    if level is None:
        return False
    lowest = EvidenceLevel.objects.aggregate(lowest=Min("rank"))["lowest"]
    return lowest is not None and level.rank > lowest


def outcome_needs_results(outcome: Outcome | None) -> bool:
    return outcome is not None and outcome.slug in OUTCOMES_NEEDING_RESULTS


def results_described(markdown_text: str | None) -> bool:
    return len(markdown_to_plain_text(markdown_text).split()) >= MIN_RESULTS_WORDS


class PracticePageForm(WagtailAdminPageForm):
    """Adds the rule that needs the inline rows: a supported level needs a source."""

    def clean(self) -> dict:
        cleaned_data = super().clean()
        sources = self.formsets.get("sources")
        if sources is not None and level_needs_support(cleaned_data.get("evidence_level")):
            kept = [
                form
                for form in sources.forms
                if form.has_changed() or form.instance.pk
                if not (getattr(form, "cleaned_data", None) or {}).get("DELETE")
            ]
            if not kept:
                self.add_error(None, SOURCE_NEEDED)
        return cleaned_data


def _markdown(name: str, help_text: str) -> FieldPanel:
    return FieldPanel(name, widget=MarkdownTextarea, help_text=help_text)


def _checkboxes(name: str, help_text: str = "") -> FieldPanel:
    return FieldPanel(name, widget=forms.CheckboxSelectMultiple, help_text=help_text)


def _content_tab() -> ObjectList:
    return ObjectList(
        [
            *Page.content_panels,
            FieldPanel("summary"),
            MultiFieldPanel(
                [
                    FieldPanel(
                        "cities",
                        widget=SearchableCheckboxSelectMultiple,
                        help_text="Kies een of meer steden; typ in het zoekveld om te filteren.",
                    ),
                    FieldPanel("wijk", help_text="Bijvoorbeeld: Kanaleneiland, Overvecht."),
                    _checkboxes("themes", "Een of meer werkwijzen die werken."),
                    _checkboxes("domains", "De pijlers van de wijkaanpak waarop de aanpak werkt."),
                    _checkboxes("target_groups"),
                    FieldPanel("target_group_description"),
                ],
                heading="Waar, waarover en voor wie",
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("period_start"),
                            FieldPanel("period_start_derived"),
                            FieldPanel("period_end"),
                        ]
                    ),
                    FieldPanel("lead_organisation"),
                    InlinePanel("partners", label="Partner"),
                ],
                heading="Periode en organisatie",
            ),
            _markdown("approach", "Markdown. Wat is er gedaan, door wie, in welke stappen?"),
            _markdown("lessons", "Markdown. Wat kan een andere stad hiervan leren?"),
        ],
        heading="Inhoud",
    )


def _evidence_tab() -> ObjectList:
    return ObjectList(
        [
            FieldRowPanel(
                [
                    FieldPanel("evidence_level", widget=forms.RadioSelect),
                    FieldPanel(
                        "outcome",
                        widget=forms.RadioSelect,
                        help_text="Bij 'werkt' of 'werkt niet' horen beschreven resultaten.",
                    ),
                ]
            ),
            FieldPanel("evidence_justification"),
            FieldRowPanel([FieldPanel("evidence_assessed_by"), FieldPanel("evidence_assessed_on")]),
            InlinePanel(
                "recognitions",
                label="Formele erkenning",
                help_text="Alleen een erkenning die een externe instantie echt heeft gegeven.",
            ),
        ],
        heading="Bewijs",
    )


def _results_tab() -> ObjectList:
    return ObjectList(
        [
            _markdown("results", "Markdown. Wat de bronnen laten zien, ook wat níet lukte."),
            InlinePanel("figures", label="Resultaat in cijfers"),
            MultiFieldPanel(
                [
                    FieldPanel(
                        "cost_amount_eur", help_text="Totale kosten zoals de bron ze noemt."
                    ),
                    _markdown("costs_description", "Markdown. Waaraan het geld is besteed."),
                    FieldPanel("mkba_return_per_euro"),
                    FieldPanel("mkba_summary", help_text="Wie de MKBA maakte en wat erin telt."),
                ],
                heading="Kosten en MKBA",
            ),
        ],
        heading="Resultaten en kosten",
    )


def _sources_tab() -> ObjectList:
    return ObjectList(
        [
            InlinePanel(
                "sources",
                label="Bron",
                min_num=1,
                help_text="Document, uitgever, jaar en de passage waarop deze pagina steunt.",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("contact_organisation"),
                    FieldPanel("contact_name"),
                    FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                    FieldPanel("contact_url"),
                ],
                heading="Contact",
                help_text="Wie een andere stad kan bellen voor meer informatie.",
            ),
        ],
        heading="Bronnen en contact",
    )


def practice_edit_handler() -> TabbedInterface:
    """Inhoud · Bewijs · Resultaten en kosten · Bronnen en contact · Promotie · Instellingen.

    Instellingen keeps Wagtail's publishing schedule (go-live and expiry times).
    """
    return TabbedInterface(
        [
            _content_tab(),
            _evidence_tab(),
            _results_tab(),
            _sources_tab(),
            ObjectList(Page.promote_panels, heading="Promotie"),
            ObjectList(Page.settings_panels, heading="Instellingen"),
        ]
    )
