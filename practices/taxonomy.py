"""The catalogue's category lists and their one registry.

Each kind of category (theme, city, domain, target group, evidence level, outcome) is an
editable list with plain-language definitions. `TAXONOMY` declares each kind once: its model,
where it sits on a practice, its key in content files, its search parameter and its label.
The loader, the admin, both search engines, the API and the pages all read it from here, so
a seventh kind needs this registry, a model and a migration, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from wagtail.admin.panels import FieldPanel


class CategoryQuerySet(models.QuerySet):
    def with_practice_counts(self) -> CategoryQuerySet:
        """Each entry with `practice_count`: how many published practices carry it."""
        return self.annotate(
            practice_count=Count("practices", filter=Q(practices__live=True), distinct=True)
        )


class Category(models.Model):
    """An entry of an editable list (theme, domain, city, …) with a plain-language definition."""

    slug = models.SlugField("slug", max_length=80, unique=True)
    name = models.CharField("naam", max_length=120)
    definition = models.TextField("omschrijving", blank=True)
    sort_order = models.PositiveIntegerField("volgorde", default=0)

    objects = CategoryQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("definition")]
    # Columns of the admin listing.
    admin_list_display = ["name", "slug", "sort_order"]

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

    panels = [*Category.panels, FieldPanel("keywords"), FieldPanel("sort_order")]

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


def _coordinate(verbose_name: str, minimum: int, maximum: int) -> models.DecimalField:
    """Degrees (WGS84) of a city centre in the Netherlands, for the map."""
    return models.DecimalField(
        verbose_name,
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(minimum), MaxValueValidator(maximum)],
        help_text=f"In graden (WGS84) van het centrum, tussen {minimum} en {maximum}.",
    )


class City(Category):
    province = models.CharField("provincie", max_length=60)
    latitude = _coordinate("breedtegraad", 50, 54)
    longitude = _coordinate("lengtegraad", 3, 8)

    panels = [
        *Category.panels,
        FieldPanel("province"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
    ]
    admin_list_display = ["name", "province", "slug"]

    class Meta(Category.Meta):
        verbose_name = "stad"
        verbose_name_plural = "steden"
        ordering = ["name"]


class TargetGroup(Category):
    class Meta(Category.Meta):
        verbose_name = "doelgroep"
        verbose_name_plural = "doelgroepen"


class Outcome(Category):
    """What the sources say about the direction of the effect (works, mixed, does not work…)."""

    class Meta(Category.Meta):
        verbose_name = "uitkomst"
        verbose_name_plural = "uitkomsten"


class EvidenceLevel(Category):
    """A rung of the editors' evidence ladder, by study design; `rank` orders it from 1 up.

    Not a formal recognition: that is a separate record on the practice (PracticeRecognition).
    """

    rank = models.PositiveSmallIntegerField("trede", unique=True)

    panels = [*Category.panels, FieldPanel("rank")]
    admin_list_display = ["rank", "name", "slug"]

    class Meta:
        ordering = ["rank"]
        verbose_name = "bewijsniveau"
        verbose_name_plural = "bewijsniveaus"


@dataclass(frozen=True)
class TaxonomyKind:
    name: str  # facet, API parameter and index field: "theme"
    plural: str  # content/taxonomy/<plural>.yaml and the page field if `many`: "themes"
    model: type[Category]
    many: bool  # several per practice (many-to-many) or exactly one (foreign key)
    front_matter: str  # key in a practice file; dotted inside a mapping: "evidence.level"
    param: str  # parameter of the public search page: "thema"
    label: str  # what users read: "Thema"
    icon: str  # admin menu icon

    @property
    def page_field(self) -> str:
        """The field on PracticePage: `themes` (many-to-many) or `evidence_level`."""
        return self.plural if self.many else self.name

    @property
    def file_name(self) -> str:
        return f"{self.plural}.yaml"


# In the order users see the filters.
TAXONOMY: tuple[TaxonomyKind, ...] = (
    TaxonomyKind("theme", "themes", Theme, True, "themes", "thema", "Thema", "tag"),
    TaxonomyKind("city", "cities", City, True, "cities", "stad", "Stad", "site"),
    TaxonomyKind(
        "evidence_level",
        "evidence_levels",
        EvidenceLevel,
        False,
        "evidence.level",
        "bewijs",
        "Bewijsniveau",
        "list-ol",
    ),
    TaxonomyKind(
        "outcome", "outcomes", Outcome, False, "evidence.outcome", "uitkomst", "Uitkomst", "success"
    ),
    TaxonomyKind(
        "domain", "domains", Domain, True, "domains", "domein", "Domein", "folder-open-inverse"
    ),
    TaxonomyKind(
        "target_group",
        "target_groups",
        TargetGroup,
        True,
        "target_groups",
        "doelgroep",
        "Doelgroep",
        "group",
    ),
)
TAXONOMY_BY_NAME = {kind.name: kind for kind in TAXONOMY}
