"""The content model: category lists (editable data) and the catalogue's page types.

Page tree: HomePage → PracticeIndexPage ("/praktijken/") → PracticePage. Theme and city
pages are routes of the index page, so a new theme or city needs no new page in the tree.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

FIRST_YEAR = 1990
LAST_YEAR = 2100
year_validators = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


# --- Category lists -------------------------------------------------------------------------


class Category(models.Model):
    """An entry of an editable list (theme, domain, city, …) with a plain-language definition."""

    slug = models.SlugField("slug", max_length=80, unique=True)
    name = models.CharField("naam", max_length=120)
    definition = models.TextField("omschrijving", blank=True)
    sort_order = models.PositiveIntegerField("volgorde", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Theme(Category):
    keywords = models.TextField(
        "trefwoorden",
        blank=True,
        help_text="Begrippen en schrijfwijzen die bij dit thema horen, één per regel. "
        "Praktijken in dit thema worden er ook op gevonden.",
    )

    panels = [*Category.panels, FieldPanel("keywords")]

    class Meta(Category.Meta):
        verbose_name = "thema"
        verbose_name_plural = "thema's"

    @property
    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]


class Domain(Category):
    class Meta(Category.Meta):
        verbose_name = "domein"
        verbose_name_plural = "domeinen"


class City(Category):
    province = models.CharField("provincie", max_length=60, blank=True)

    panels = [*Category.panels, FieldPanel("province")]

    class Meta(Category.Meta):
        verbose_name = "stad"
        verbose_name_plural = "steden"
        ordering = ["name"]


class TargetGroup(Category):
    class Meta(Category.Meta):
        verbose_name = "doelgroep"
        verbose_name_plural = "doelgroepen"


class Outcome(Category):
    """What the evidence says about the direction of the effect (works, mixed, does not work…)."""

    class Meta(Category.Meta):
        verbose_name = "uitkomst"
        verbose_name_plural = "uitkomsten"


class EvidenceLevel(Category):
    """A rung of the evidence ladder; `rank` orders the ladder from weakest (1) up."""

    rank = models.PositiveSmallIntegerField("trede", unique=True)
    group = models.CharField(
        "groep", max_length=60, help_text="Samenvattende groep, bijvoorbeeld 'Effectief'."
    )
    assessed_by = models.CharField("beoordeeld door", max_length=120)

    panels = [*Category.panels, FieldPanel("rank"), FieldPanel("group"), FieldPanel("assessed_by")]

    class Meta:
        ordering = ["rank"]
        verbose_name = "bewijsniveau"
        verbose_name_plural = "bewijsniveaus"


# --- Pages ------------------------------------------------------------------------------------


def period_label(start: int, end: int | None) -> str:
    """How a period reads: '2008–2011', '2013', 'sinds 2015'."""
    if end is None:
        return f"sinds {start}"
    if end == start:
        return str(start)
    return f"{start}–{end}"


class HomePage(Page):
    intro = models.TextField("introductie", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["practices.PracticeIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "startpagina"

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from practices.selectors import catalogue_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_overview())
        return context


class PracticeIndexPage(RoutablePageMixin, Page):
    """The catalogue: every practice, and a route per theme and per city."""

    intro = models.TextField("introductie", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["practices.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count = 1

    class Meta:
        verbose_name = "catalogus"

    @path("")
    def catalogue(self, request: HttpRequest) -> HttpResponse:
        from practices.selectors import practice_list

        return self.render(request, context_overrides={"practices": practice_list()})

    @path("thema/")
    def theme_list(self, request: HttpRequest) -> HttpResponse:
        from practices.selectors import theme_list_with_counts

        return self.render(
            request,
            template="practices/theme_list_page.html",
            context_overrides={"themes": theme_list_with_counts()},
        )

    @path("thema/<slug:slug>/")
    def theme(self, request: HttpRequest, slug: str) -> HttpResponse:
        from practices.selectors import practice_list

        theme = get_object_or_404(Theme, slug=slug)
        return self.render(
            request,
            template="practices/theme_page.html",
            context_overrides={"theme": theme, "practices": practice_list(theme=theme)},
        )

    @path("stad/")
    def city_list(self, request: HttpRequest) -> HttpResponse:
        from practices.selectors import city_list_with_counts

        return self.render(
            request,
            template="practices/city_list_page.html",
            context_overrides={"cities": city_list_with_counts()},
        )

    @path("stad/<slug:slug>/")
    def city(self, request: HttpRequest, slug: str) -> HttpResponse:
        from practices.selectors import practice_list

        city = get_object_or_404(City, slug=slug)
        return self.render(
            request,
            template="practices/city_page.html",
            context_overrides={"city": city, "practices": practice_list(city=city)},
        )


class PracticePage(Page):
    """One good practice (or an approach that did not work), with structured evidence."""

    summary = models.TextField(
        "samenvatting", max_length=400, help_text="Twee à drie zinnen, zonder opmaak."
    )
    cities = ParentalManyToManyField(City, related_name="practices", verbose_name="steden")
    wijk = models.CharField("wijk(en)", max_length=200, blank=True)
    themes = ParentalManyToManyField(Theme, related_name="practices", verbose_name="thema's")
    domains = ParentalManyToManyField(Domain, related_name="practices", verbose_name="domeinen")
    target_groups = ParentalManyToManyField(
        TargetGroup, related_name="practices", verbose_name="doelgroepen"
    )
    target_group_description = models.TextField("doelgroep (toelichting)", blank=True)

    evidence_level = models.ForeignKey(
        EvidenceLevel,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name="bewijsniveau",
    )
    outcome = models.ForeignKey(
        Outcome, on_delete=models.PROTECT, related_name="practices", verbose_name="uitkomst"
    )
    evidence_justification = models.TextField(
        "onderbouwing van het bewijsniveau",
        help_text="Waarom dit niveau en deze uitkomst: wat de bronnen wel en niet laten zien.",
    )

    period_start = models.PositiveSmallIntegerField("startjaar", validators=year_validators)
    period_end = models.PositiveSmallIntegerField(
        "eindjaar",
        null=True,
        blank=True,
        validators=year_validators,
        help_text="Leeg als de aanpak nog loopt of het eindjaar onbekend is.",
    )
    lead_organisation = models.CharField("trekker", max_length=200)

    approach = models.TextField("aanpak", help_text="Markdown.")
    results = models.TextField("resultaten", help_text="Markdown. Ook wat níet lukte.")
    costs_description = models.TextField("kosten (toelichting)", blank=True, help_text="Markdown.")
    cost_amount_eur = models.DecimalField(
        "kosten in euro",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    mkba_return_per_euro = models.DecimalField(
        "MKBA: opbrengst per geïnvesteerde euro",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Bijvoorbeeld 2,00 als elke euro ongeveer twee euro oplevert.",
    )
    mkba_summary = models.TextField("MKBA (toelichting)", blank=True)
    lessons = models.TextField("lessen", help_text="Markdown.")

    contact_organisation = models.CharField("contact: organisatie", max_length=200, blank=True)
    contact_name = models.CharField("contact: naam", max_length=200, blank=True)
    contact_email = models.EmailField("contact: e-mail", blank=True)
    contact_phone = models.CharField("contact: telefoon", max_length=40, blank=True)
    contact_url = models.URLField("contact: website", blank=True)

    # Where the loader imported this page from, so re-loading an unchanged file is a no-op.
    source_file = models.CharField(max_length=255, blank=True, editable=False)
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("cities"),
                FieldPanel("wijk"),
                FieldPanel("themes"),
                FieldPanel("domains"),
                FieldPanel("target_groups"),
                FieldPanel("target_group_description"),
            ],
            heading="Waar, waarover en voor wie",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("evidence_level"), FieldPanel("outcome")]),
                FieldPanel("evidence_justification"),
            ],
            heading="Bewijs",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("lead_organisation"),
                InlinePanel("partners", label="Partner"),
            ],
            heading="Periode en organisatie",
        ),
        FieldPanel("approach"),
        FieldPanel("results"),
        InlinePanel("figures", label="Resultaat in cijfers"),
        MultiFieldPanel(
            [
                FieldPanel("cost_amount_eur"),
                FieldPanel("costs_description"),
                FieldPanel("mkba_return_per_euro"),
                FieldPanel("mkba_summary"),
            ],
            heading="Kosten en MKBA",
        ),
        FieldPanel("lessons"),
        InlinePanel("sources", label="Bron", min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("contact_organisation"),
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("contact_url"),
            ],
            heading="Contact",
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("wijk"),
        index.SearchField("lead_organisation"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.AutocompleteField("title"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("cities", [index.SearchField("name")]),
        index.FilterField("evidence_level"),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "praktijk"
        verbose_name_plural = "praktijken"

    def clean(self) -> None:
        super().clean()
        if (
            self.period_end is not None
            and self.period_start
            and (self.period_end < self.period_start)
        ):
            raise ValidationError({"period_end": "Het eindjaar ligt vóór het startjaar."})

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from search.selectors import practice_related

        context = super().get_context(request, *args, **kwargs)
        context["related"] = practice_related(self.pk)
        context["evidence_ladder"] = list(EvidenceLevel.objects.order_by("rank"))
        return context


class PracticePartner(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField("naam", max_length=200)

    panels = [FieldPanel("name")]

    def __str__(self) -> str:
        return self.name


class PracticeFigure(Orderable):
    """A result with a number, as the source gives it (e.g. 120 jongeren aan het werk, 2011)."""

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField("wat", max_length=250)
    value = models.DecimalField("waarde", max_digits=16, decimal_places=2)
    unit = models.CharField("eenheid", max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(
        "jaar", null=True, blank=True, validators=year_validators
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("unit"), FieldPanel("year")]),
    ]

    def __str__(self) -> str:
        return f"{self.label}: {self.value} {self.unit}".strip()


class PracticeSource(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="sources")
    document = models.CharField("document", max_length=300)
    publisher = models.CharField("uitgever", max_length=200)
    year = models.PositiveSmallIntegerField("jaar", validators=year_validators)
    section = models.CharField("hoofdstuk of paragraaf", max_length=200)
    page_number = models.CharField("pagina", max_length=20, blank=True)
    url = models.URLField("link", blank=True)

    panels = [
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("section"), FieldPanel("page_number")]),
        FieldPanel("url"),
    ]

    def __str__(self) -> str:
        return f"{self.document} ({self.publisher}, {self.year}), {self.section}"
