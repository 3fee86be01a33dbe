"""The content model: validation rules editors meet, and the ladder's order."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from practices.models import EvidenceLevel, PracticePage

pytestmark = pytest.mark.django_db


def test_period_end_before_start_is_rejected():
    page = PracticePage.objects.live().first()
    page.period_start, page.period_end = 2012, 2010
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "period_end" in error.value.message_dict


@pytest.mark.parametrize("year", [1800, 2200])
def test_absurd_years_are_rejected(year):
    page = PracticePage.objects.live().first()
    page.period_start = year
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "period_start" in error.value.message_dict


def test_a_loaded_practice_validates():
    for page in PracticePage.objects.live():
        page.full_clean()


def test_period_label_reads_naturally():
    page = PracticePage(period_start=2008, period_end=2011)
    assert page.period_label == "2008–2011"
    assert PracticePage(period_start=2015, period_end=None).period_label == "sinds 2015"


def test_the_evidence_ladder_is_ordered_and_defined():
    ladder = list(EvidenceLevel.objects.order_by("rank"))
    assert len(ladder) >= 4
    assert [level.rank for level in ladder] == sorted({level.rank for level in ladder})
    assert all(level.definition.strip() for level in ladder)


def test_every_seed_practice_is_published_with_sources_and_justification():
    pages = PracticePage.objects.live()
    assert pages.count() >= 30
    for page in pages:
        assert page.sources.exists(), page.slug
        assert len(page.evidence_justification) > 40, page.slug


def test_the_migration_moves_pages_from_the_old_ladder_to_the_new_one():
    """Pages on an old rung land on the rung of the new ladder it implied at most."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("practices.migrations.0002_evidence_schema")
    page = PracticePage.objects.live().first()
    old = EvidenceLevel.objects.create(slug="effectief-eerste-aanwijzingen", rank=6, name="Oud")
    PracticePage.objects.filter(pk=page.pk).update(evidence_level=old)

    migration.move_to_new_ladder(apps, None)

    page.refresh_from_db()
    assert page.evidence_level.slug == "voor-en-nameting"
    assert not EvidenceLevel.objects.filter(slug="effectief-eerste-aanwijzingen").exists()
    assert list(EvidenceLevel.objects.values_list("rank", flat=True)) == [1, 2, 3, 4, 5]
