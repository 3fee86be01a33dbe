"""The content model: the catalogue's page types (category lists are in taxonomy.py).

Page tree: HomePage → PracticeIndexPage ("/praktijken/") → PracticePage. Theme and city
pages are routes of the index page, so a new theme or city needs no new page in the tree.
The model is the schema: its fields, validators and `clean()` are the rules the admin, the
loader and the API all apply.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from practices.compare import practices_compare
from practices.editor import (
    JUSTIFICATION_NEEDED,
    RESULTS_NEEDED,
    SOURCE_NEEDED,
    PracticePageForm,
    level_needs_support,
    outcome_needs_results,
    practice_edit_handler,
    results_described,
)
from practices.geo import outline
from practices.markdown import markdown_search_text
from practices.taxonomy import (
    TAXONOMY,
    TAXONOMY_BY_NAME,
    City,
    Domain,
    EvidenceLevel,
    Outcome,
    TargetGroup,
    Theme,
)

FIRST_YEAR = 1990
LAST_YEAR = 2100
year_validators = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def year_field(verbose_name: str, help_text: str = "") -> models.PositiveSmallIntegerField:
    """An optional year between FIRST_YEAR and LAST_YEAR."""
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=year_validators, help_text=help_text
    )


def amount_field(verbose_name: str, max_digits: int, help_text: str = "") -> models.DecimalField:
    """An optional amount of money, in euros with cents, never negative."""
    return models.DecimalField(
        verbose_name,
        max_digits=max_digits,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=help_text,
    )


__all__ = ["City", "Domain", "EvidenceLevel", "Outcome", "TargetGroup", "Theme"]


def period_label(start: int | None, end: int | None, *, start_derived: bool = False) -> str:
    """How a period reads: '2008–2011', '2013', 'sinds 2015', 'sinds 2009 (afgeleid)'."""
    if start is None:
        return f"onbekend–{end}" if end is not None else "onbekend"
    first = f"{start} (afgeleid)" if start_derived else str(start)
    if end is None:
        return f"sinds {first}"
    if end == start:
        return first
    return f"{first}–{end}"


class HomePage(Page):
    intro = models.TextField("introductie", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["practices.PracticeIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "startpagina"

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(
            themes=Theme.objects.with_practice_counts(),
            evidence_levels=EvidenceLevel.objects.with_practice_counts(),
            practice_count=PracticePage.objects.live().count(),
            city_count=City.objects.with_practice_counts().filter(practice_count__gt=0).count(),
        )
        return context


def _cities_with_practices() -> models.QuerySet:
    return City.objects.with_practice_counts().filter(practice_count__gt=0)


class PracticeIndexPage(RoutablePageMixin, Page):
    """The catalogue: every practice, and a route per theme and per city.

    The lists themselves are search results (templates ask for them through the search
    app's tags), so every list of practices shows the same card from the same data.
    """

    intro = models.TextField("introductie", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["practices.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count = 1

    class Meta:
        verbose_name = "catalogus"

    @path("", name="catalogue")
    def catalogue(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("thema/", name="themes")
    def theme_list(self, request: HttpRequest) -> HttpResponse:
        return self._render_with(request, "theme_list", themes=Theme.objects.with_practice_counts())

    @path("thema/<slug:slug>/", name="theme")
    def theme(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self._category_page(request, "theme", slug)

    @path("stad/", name="cities")
    def city_list(self, request: HttpRequest) -> HttpResponse:
        return self._render_with(request, "city_list", cities=_cities_with_practices())

    @path("vergelijk/", name="compare")
    def compare(self, request: HttpRequest) -> HttpResponse:
        comparison = practices_compare(
            request.GET.getlist("praktijk"), pages=PracticePage.objects.live()
        )
        choices = (
            PracticePage.objects.live()
            .child_of(self)
            .exclude(slug__in=comparison.slugs)
            .order_by("title")
            .only("title", "slug")
        )
        return self._render_with(request, "compare", comparison=comparison, choices=choices)

    @path("overzicht/", name="overview")
    def overview(self, request: HttpRequest) -> HttpResponse:
        return self._render_with(request, "overview")

    @path("kaart/", name="map")
    def map(self, request: HttpRequest) -> HttpResponse:
        return self._render_with(request, "map", cities=_cities_with_practices(), outline=outline())

    @path("stad/<slug:slug>/", name="city")
    def city(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self._category_page(request, "city", slug)

    def _category_page(self, request: HttpRequest, kind_name: str, slug: str) -> HttpResponse:
        """The page of one theme or city: its definition and its practices."""
        category = get_object_or_404(TAXONOMY_BY_NAME[kind_name].model, slug=slug)
        return self._render_with(request, kind_name, **{kind_name: category})

    def _render_with(self, request: HttpRequest, name: str, **context) -> HttpResponse:
        """Render the route's template, practices/<name>_page.html, with extra context."""
        return self.render(
            request, template=f"practices/{name}_page.html", context_overrides=context
        )


def _card_relations() -> tuple:
    return (
        Prefetch("cities", queryset=City.objects.order_by("name")),
        Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
    )


# What the search text and facets of a practice need beyond a card (see search_texts()).
_SEARCH_RELATIONS = ("domains", "target_groups", "partners")
_DETAIL_RELATIONS = (*_SEARCH_RELATIONS, "figures", "sources", "recognitions")


class PracticePageQuerySet(PageQuerySet):
    def for_cards(self) -> PracticePageQuerySet:
        """What a result card shows: evidence, outcome, cities and themes."""
        return self.select_related("evidence_level", "outcome").prefetch_related(*_card_relations())

    def for_search(self) -> PracticePageQuerySet:
        """What the search indexes take from a practice (no figures, sources, recognitions:
        a rebuild loads every practice, so each relation it does not need is time saved)."""
        return self.for_cards().prefetch_related(*_SEARCH_RELATIONS)

    def with_relations(self) -> PracticePageQuerySet:
        """Everything a practice page, document or API answer shows, in a fixed few queries."""
        return self.for_cards().prefetch_related(*_DETAIL_RELATIONS)


# What the search engines index of a practice, with the weight of a match there: one
# declaration for Elasticsearch, the database engine and Wagtail's admin index. Each name is
# a field or property of PracticePage that gives plain text. Weights tuned on the judged
# queries (search/relevance, docs/relevance.md): theme labels 1, so they do not outrank words.
SEARCH_TEXT: tuple[tuple[str, float], ...] = (
    ("title", 4),
    ("summary", 2),
    ("themes_text", 1),
    ("places_text", 2),
    ("target_text", 1),
    ("organisations_text", 1),
    ("evidence_justification", 1),
    ("body_text", 1),
)

# The admin's page search is an autocomplete query (Wagtail's `_edgengrams` field): these
# SEARCH_TEXT fields feed it, so a city name or a theme word finds its practices there.
ADMIN_AUTOCOMPLETE: tuple[str, ...] = ("title", "summary", "themes_text", "places_text")


class PracticePage(Page):
    """One good practice (or an approach that did not work), with structured evidence."""

    summary = models.TextField(
        "samenvatting",
        validators=[MinLengthValidator(40), MaxLengthValidator(400)],
        help_text="Twee à drie zinnen, zonder opmaak (40 tot 400 tekens).",
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
        help_text="Hoe sterk het bewijs in de geciteerde bronnen is, naar onderzoeksopzet.",
    )
    outcome = models.ForeignKey(
        Outcome, on_delete=models.PROTECT, related_name="practices", verbose_name="uitkomst"
    )
    evidence_justification = models.TextField(
        "onderbouwing van het bewijsniveau",
        validators=[MinLengthValidator(40)],
        help_text="Waarom dit niveau en deze uitkomst, met de passage uit de bron.",
    )
    evidence_assessed_by = models.CharField(
        "bewijs beoordeeld door", max_length=120, default="redactie"
    )
    evidence_assessed_on = models.DateField("bewijs beoordeeld op", default=date.today)

    period_start = year_field("startjaar", "Leeg als de bronnen het startjaar niet noemen.")
    period_start_derived = models.BooleanField(
        "startjaar afgeleid",
        default=False,
        help_text="Aan als het startjaar uit de bron is afgeleid en er niet letterlijk staat.",
    )
    period_end = year_field("eindjaar", "Leeg als de aanpak nog loopt of het eindjaar onbekend is.")
    lead_organisation = models.CharField(
        "trekker",
        max_length=200,
        blank=True,
        help_text="Alleen als een bron de trekker noemt; anders leeg laten.",
    )

    approach = models.TextField("aanpak", help_text="Markdown.")
    results = models.TextField("resultaten", help_text="Markdown. Ook wat níet lukte.")
    costs_description = models.TextField("kosten (toelichting)", blank=True, help_text="Markdown.")
    cost_amount_eur = amount_field("kosten in euro", max_digits=14)
    mkba_return_per_euro = amount_field(
        "MKBA: opbrengst per geïnvesteerde euro",
        max_digits=6,
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

    objects = PageManager.from_queryset(PracticePageQuerySet)()

    base_form_class = PracticePageForm
    edit_handler = practice_edit_handler()

    search_fields = [
        *Page.search_fields,  # ours come later and win for `title`
        *(index.SearchField(name, boost=weight) for name, weight in SEARCH_TEXT),
        *(index.AutocompleteField(name) for name in ADMIN_AUTOCOMPLETE),
        *(index.FilterField(kind.page_field) for kind in TAXONOMY if not kind.many),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "praktijk"
        verbose_name_plural = "praktijken"

    def clean(self) -> None:
        super().clean()
        self.clean_content()

    def clean_content(self, *, source_count: int | None = None) -> None:
        """Rules across fields that need no page tree (the content loader runs them too).

        The honesty rules apply once the evidence level and outcome are set; the source rule
        when the caller knows how many sources there will be (`source_count`): the admin
        form counts its inline rows, which the page itself does not hold yet while cleaning.
        """
        problems: dict[str, str] = {}
        if None not in (self.period_start, self.period_end) and self.period_end < self.period_start:
            problems["period_end"] = "Het eindjaar ligt vóór het startjaar."
        level = self.evidence_level if self.evidence_level_id else None
        if level_needs_support(level):
            if not self.evidence_justification.strip():
                problems["evidence_justification"] = JUSTIFICATION_NEEDED
            if source_count == 0:
                problems[NON_FIELD_ERRORS] = SOURCE_NEEDED
        outcome = self.outcome if self.outcome_id else None
        if outcome_needs_results(outcome) and not results_described(self.results):
            problems["results"] = RESULTS_NEEDED
        if problems:
            raise ValidationError(problems)

    @property
    def period_label(self) -> str:
        return period_label(
            self.period_start, self.period_end, start_derived=self.period_start_derived
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # Wagtail routes to a bare page: load what the template shows in a few queries.
        prefetch_related_objects([self], *_card_relations(), *_DETAIL_RELATIONS)
        context["evidence_ladder"] = list(EvidenceLevel.objects.all())
        return context

    # --- Searchable text (see SEARCH_TEXT) ---------------------------------------------------

    def search_texts(self) -> dict[str, str]:
        """Every SEARCH_TEXT field as plain text, each computed once (both indexes use it)."""
        return {name: getattr(self, name) for name, _weight in SEARCH_TEXT}

    @property
    def body_text(self) -> str:
        """Approach, results, costs and lessons as plain text (no Markdown link URLs)."""
        parts = (self.approach, self.results, self.costs_description, self.lessons)
        texts = [markdown_search_text(part) for part in parts if part]
        return "\n\n".join([*texts, self.mkba_summary]).strip()

    @property
    def themes_text(self) -> str:
        themes = self.themes.all()
        return " ".join(part for theme in themes for part in (theme.name, *theme.keyword_list))

    @property
    def places_text(self) -> str:
        return " ".join([*(city.name for city in self.cities.all()), self.wijk]).strip()

    @property
    def organisations_text(self) -> str:
        partners = (partner.name for partner in self.partners.all())
        return " ".join([self.lead_organisation, *partners]).strip()

    @property
    def target_text(self) -> str:
        groups = (group.name for group in self.target_groups.all())
        return " ".join([*groups, self.target_group_description]).strip()


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
    year = year_field("jaar")

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
    file = models.CharField(
        "bronbestand",
        max_length=120,
        blank=True,
        help_text="Naam van het brondocument in de bronnenmap, voor de broncontrole.",
    )
    lines = models.CharField(
        "regels",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\d+(-\d+)?$", "Schrijf regels als 120 of 120-134.")],
        help_text="Regelnummers van de passage in het bronbestand, bijvoorbeeld 120-134.",
    )
    url = models.URLField("link", blank=True)

    panels = [
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("section"), FieldPanel("page_number")]),
        FieldRowPanel([FieldPanel("file"), FieldPanel("lines")]),
        FieldPanel("url"),
    ]

    def clean(self) -> None:
        super().clean()
        if self.lines and not self.file:
            raise ValidationError({"file": "Noem het bronbestand bij de regelnummers."})

    def __str__(self) -> str:
        return f"{self.document} ({self.publisher}, {self.year}), {self.section}"


class PracticeRecognition(Orderable):
    """A formal recognition by a named outside body; shown only where one exists."""

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="recognitions")
    body = models.CharField(
        "erkend door",
        max_length=200,
        help_text="Bijvoorbeeld de Erkenningscommissie Interventies of de databank van het NJi.",
    )
    level = models.CharField(
        "erkenningsniveau", max_length=120, help_text="Bijvoorbeeld 'Goed onderbouwd'."
    )
    date = models.DateField("datum")
    url = models.URLField("link")

    panels = [
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("date")]),
        FieldPanel("url"),
    ]

    def __str__(self) -> str:
        return f"{self.level} ({self.body}, {self.date:%Y})"
