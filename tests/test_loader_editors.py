"""Editors win: once a page or category lives in the admin, a load never undoes their work."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from practices.models import PracticePage
from practices.taxonomy import City
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

SAMPLE = "buurtbemiddeling-testdorp"
DRAFT = "Een concept van de redactie, nog niet gepubliceerd en nog in bespreking."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", target)
    return target


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("redacteur", password="x" * 12)


def load(path: Path, *extra: str) -> str:
    out = StringIO()
    call_command("load_content", "--path", str(path), *extra, stdout=out, stderr=out)
    return out.getvalue()


def edit_file(corpus: Path, old: str, new: str) -> None:
    path = corpus / "practices" / f"{SAMPLE}.md"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def page() -> PracticePage:
    return PracticePage.objects.get(slug=SAMPLE)


def test_an_untouched_page_follows_its_changed_file(corpus):
    load(corpus)
    edit_file(corpus, "wijk: Schilderswijk", "wijk: Transvaal")
    assert "1 updated" in load(corpus)
    assert page().wijk == "Transvaal"


def test_an_edit_published_in_the_admin_is_not_overwritten(corpus, editor):
    load(corpus)
    edited = page()
    edited.wijk = "Stationsbuurt"
    edited.save_revision(user=editor).publish(user=editor)
    edit_file(corpus, "wijk: Schilderswijk", "wijk: Transvaal")

    report = load(corpus)

    assert f"skipped: practices/{SAMPLE}.md: edited in the admin since" in report
    assert "1 skipped" in report
    assert page().wijk == "Stationsbuurt"


def test_an_unpublished_page_is_never_republished(corpus, editor):
    load(corpus)
    page().unpublish(user=editor)
    assert "1 unchanged" in load(corpus)  # same file
    edit_file(corpus, "wijk: Schilderswijk", "wijk: Transvaal")
    assert "1 skipped" in load(corpus)  # changed file
    assert not page().live
    assert page().wijk == "Schilderswijk"


def test_a_pending_draft_is_kept(corpus, editor):
    load(corpus)
    draft = page()
    draft.summary = DRAFT
    revision = draft.save_revision(user=editor)
    load(corpus)  # the same file
    edit_file(corpus, "wijk: Schilderswijk", "wijk: Transvaal")
    assert "1 skipped" in load(corpus)  # a changed file
    current = page()
    assert current.has_unpublished_changes
    assert current.latest_revision_id == revision.pk
    assert current.get_latest_revision_as_object().summary == DRAFT


def test_a_page_deleted_in_the_admin_is_not_recreated(corpus):
    load(corpus)
    page().delete()
    assert "deleted in the admin" in load(corpus)
    assert not PracticePage.objects.filter(slug=SAMPLE).exists()


def test_force_overwrites_one_file_on_purpose(corpus, editor):
    load(corpus)
    edited = page()
    edited.wijk = "Stationsbuurt"
    edited.save_revision(user=editor).publish(user=editor)
    edit_file(corpus, "wijk: Schilderswijk", "wijk: Transvaal")

    report = load(corpus, "--force", str(corpus / "practices" / f"{SAMPLE}.md"))

    assert "1 updated" in report
    assert page().wijk == "Transvaal" and page().live
    # And from then on the page follows its file again.
    edit_file(corpus, "wijk: Transvaal", "wijk: Moerwijk")
    assert "1 updated" in load(corpus)


def test_force_names_a_real_content_file(corpus):
    with pytest.raises(CommandError, match="not a content file"):
        load(corpus, "--force", str(corpus / "practices" / "bestaat-niet.md"))


def _rename_in_file(corpus: Path, old: str, new: str) -> None:
    cities = corpus / "taxonomy" / "cities.yaml"
    text = cities.read_text()
    assert old in text
    cities.write_text(text.replace(old, new, 1))


def test_a_category_renamed_in_the_admin_keeps_its_name(corpus):
    load(corpus)
    den_haag = City.objects.get(slug="den-haag")
    den_haag.name = "'s-Gravenhage"
    den_haag.save()

    load(corpus)  # the file still says Den Haag
    assert City.objects.get(slug="den-haag").name == "'s-Gravenhage"

    _rename_in_file(corpus, "name: Den Haag", "name: Den Haag (stad)")
    report = load(corpus)
    assert "skipped: taxonomy/cities.yaml [den-haag]: edited in the admin" in report
    assert City.objects.get(slug="den-haag").name == "'s-Gravenhage"


def test_an_untouched_category_follows_its_file_and_force_wins(corpus):
    load(corpus)
    _rename_in_file(corpus, "name: Den Haag", "name: Den Haag (stad)")
    load(corpus)
    assert City.objects.get(slug="den-haag").name == "Den Haag (stad)"

    den_haag = City.objects.get(slug="den-haag")
    den_haag.name = "'s-Gravenhage"
    den_haag.save()
    load(corpus, "--force", str(corpus / "taxonomy" / "cities.yaml"))
    assert City.objects.get(slug="den-haag").name == "Den Haag (stad)"
