"""The content loader: good files load, broken files are reported and nothing is imported."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from content.models import LoadedItem
from practices.editor import RESULTS_NEEDED
from practices.models import PracticePage
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.django_db

SAMPLE = "buurtbemiddeling-testdorp"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the small test corpus (taxonomy + one practice)."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", target)
    return target


def load(path: Path) -> str:
    out = StringIO()
    call_command("load_content", "--path", str(path), stdout=out, stderr=out)
    return out.getvalue()


def load_fails(path: Path) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_content", "--path", str(path), stdout=StringIO(), stderr=err)
    return err.getvalue()


def practice_file(corpus: Path, slug: str = SAMPLE) -> Path:
    return corpus / "practices" / f"{slug}.md"


def test_the_seed_corpus_is_valid_and_broad():
    out = StringIO()
    call_command("load_content", "--check", stdout=out)
    assert "Valid:" in out.getvalue()
    pages = PracticePage.objects.live()
    assert pages.count() >= 30
    cities = {city for page in pages for city in page.cities.values_list("slug", flat=True)}
    themes = {theme for page in pages for theme in page.themes.values_list("slug", flat=True)}
    assert len(cities) >= 12
    assert len(themes) == 6


def test_a_good_file_loads_as_a_published_page_with_all_fields(corpus):
    assert "1 created" in load(corpus)
    page = PracticePage.objects.live().get(slug=SAMPLE)
    assert page.title == "Buurtbemiddeling in de Schilderswijk"
    assert [c.slug for c in page.cities.all()] == ["den-haag"]
    assert page.evidence_level.slug == "beredeneerd"
    assert page.period_start == 2008 and page.period_end == 2011
    assert page.cost_amount_eur == 85000
    assert float(page.mkba_return_per_euro) == 2.5
    assert page.figures.get().value == 140
    assert page.sources.get().page_number == "12"
    assert "getraind" in page.approach


def test_loading_twice_changes_nothing(corpus):
    load(corpus)
    page = PracticePage.objects.get(slug=SAMPLE)
    revisions = page.revisions.count()
    assert "0 created, 0 updated, 1 unchanged" in load(corpus)
    page.refresh_from_db()
    assert page.revisions.count() == revisions


def test_a_changed_file_becomes_a_new_revision(corpus):
    load(corpus)
    page = PracticePage.objects.get(slug=SAMPLE)
    revisions = page.revisions.count()
    path = practice_file(corpus)
    path.write_text(path.read_text().replace("wijk: Schilderswijk", "wijk: Transvaal", 1))
    assert "1 updated" in load(corpus)
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    assert page.wijk == "Transvaal"
    assert page.live_revision_id == page.latest_revision_id


BROKEN = {
    "bad YAML": ("cities: [den-haag]", "cities: [den-haag", "front matter"),
    "unknown theme": ("themes: [bewonersbetrokkenheid]", "themes: [zweefvliegen]", "themes"),
    "unknown city": ("cities: [den-haag]", "cities: [atlantis]", "cities"),
    "missing title": ("title: Buurtbemiddeling in de Schilderswijk\n", "", "title"),
    "bad number": ("amount_eur: 85000", "amount_eur: veel", "costs.amount_eur"),
    "bad year": ("start: 2008", "start: ooit", "period.start"),
    "unknown evidence level": ("level: beredeneerd", "level: heel-goed", "evidence.level"),
    "missing section": ("## Lessen\n", "## Iets anders\n", "body"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_file_is_reported_and_nothing_is_imported(corpus, kind):
    old, new, field = BROKEN[kind]
    # A second, valid practice in the same load must not be imported either.
    shutil.copy(practice_file(corpus), practice_file(corpus, "tweede-praktijk"))
    path = practice_file(corpus)
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))

    report = load_fails(corpus)
    assert f"{SAMPLE}.md" in report
    assert field in report
    assert not PracticePage.objects.filter(slug__in=[SAMPLE, "tweede-praktijk"]).exists()


def test_every_problem_in_a_file_is_listed_at_once(corpus):
    path = practice_file(corpus)
    text = path.read_text().replace("cities: [den-haag]", "cities: [atlantis]")
    path.write_text(text.replace("amount_eur: 85000", "amount_eur: veel"))
    report = load_fails(corpus)
    assert "cities" in report and "costs.amount_eur" in report


def test_the_real_corpus_files_cite_their_sources():
    for path in sorted((ROOT / "content" / "practices").glob("*.md")):
        text = path.read_text()
        assert "sources:" in text and "section:" in text, path.name


def test_a_value_the_model_rejects_is_reported_not_a_database_error(corpus):
    """The loader applies the model's own limits (City.province holds 60 characters)."""
    cities = corpus / "taxonomy" / "cities.yaml"
    text = cities.read_text()
    cities.write_text(text.replace("province: Zuid-Holland}", f"province: {'x' * 120}}}", 1))
    report = load_fails(corpus)
    assert "taxonomy/cities.yaml" in report
    assert "province" in report and "60" in report


def test_unknown_and_derived_start_years_and_traceable_sources(corpus):
    path = practice_file(corpus)
    text = path.read_text().replace("  start: 2008\n", "  start: 2008\n  start_derived: true\n")
    path.write_text(
        text.replace("    page: 12\n", "    page: 12\n    file: 002.txt\n    lines: 10-12\n")
    )
    load(corpus)
    page = PracticePage.objects.get(slug=SAMPLE)
    assert page.period_label == "2008 (afgeleid)–2011"
    assert (page.sources.get().file, page.sources.get().lines) == ("002.txt", "10-12")

    path.write_text(path.read_text().replace("  start: 2008\n  start_derived: true\n", ""))
    load(corpus)
    page.refresh_from_db()
    assert page.period_start is None and page.period_label == "onbekend–2011"


def test_a_line_range_needs_its_source_file(corpus):
    path = practice_file(corpus)
    path.write_text(path.read_text().replace("    page: 12\n", "    page: 12\n    lines: 10-12\n"))
    report = load_fails(corpus)
    assert "sources[0].file" in report


def test_check_applies_the_honesty_rules_that_judge_level_and_outcome(corpus):
    """'werkt' needs described results: --check says so, as the load does, and writes nothing."""
    path = practice_file(corpus)
    text = path.read_text()
    assert "outcome: werkt\n" in text
    path.write_text(text.replace("In 2010 werden 140 conflicten opgelost.", "Opgelost."))
    loaded = LoadedItem.objects.count()
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command(
            "load_content", "--path", str(corpus), "--check", stdout=StringIO(), stderr=err
        )
    assert f"practices/{SAMPLE}.md: body: Resultaten: {RESULTS_NEEDED}" in err.getvalue()
    assert f"practices/{SAMPLE}.md: body: Resultaten: {RESULTS_NEEDED}" in load_fails(corpus)
    assert LoadedItem.objects.count() == loaded
    assert not PracticePage.objects.filter(slug=SAMPLE).exists()

    # With an outcome that claims nothing, the same file is valid, and --check wrote nothing.
    path.write_text(path.read_text().replace("outcome: werkt\n", "outcome: onbekend\n"))
    out = StringIO()
    call_command("load_content", "--path", str(corpus), "--check", stdout=out)
    assert "nothing written" in out.getvalue()
    assert LoadedItem.objects.count() == loaded
    assert "1 created" in load(corpus)
