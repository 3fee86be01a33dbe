"""export_content: the published catalogue back as content files the loader reads unchanged."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from content.exporter import practice_data, published_practices
from content.loader import CHILD_ROWS, FILE_ORDER, NESTED_FIELDS, TOP_LEVEL_FIELDS, corpus_read
from practices.models import PracticePage, PracticeRecognition
from practices.taxonomy import TAXONOMY, City, Theme
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


def export(target: Path, *extra: str) -> str:
    out = StringIO()
    call_command("export_content", "--output", str(target), *extra, stdout=out)
    return out.getvalue()


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.*"))}


def practices(root: Path) -> dict:
    """The corpus as the loader reads it: {slug: (fields, category sets, child rows)}."""
    return {
        data.slug: (
            data.fields,
            {name: sorted(slugs) for name, slugs in data.categories.items()},
            {name: [_filled(row) for row in rows] for name, rows in data.children.items()},
        )
        for data in corpus_read(root).practices
    }


def _filled(row: dict) -> dict:
    return {key: value for key, value in row.items() if value not in ("", None)}


def categories(root: Path) -> dict:
    return {kind.name: entries for kind, entries in corpus_read(root).categories.items()}


def test_the_loaded_corpus_exports_to_files_the_loader_reads_as_the_same_catalogue(tmp_path):
    """content/ → load_content (the test database) → export → the loader reads the same."""
    out = export(tmp_path)
    assert f"Exported {PracticePage.objects.live().count()} practices" in out
    exported, original = practices(tmp_path), practices(ROOT / "content")
    assert exported.keys() == original.keys()
    for slug, (fields, cats, children) in original.items():
        assert exported[slug][0] == fields, slug
        assert exported[slug][1] == cats, slug
        assert exported[slug][2] == children, slug
    assert categories(tmp_path) == categories(ROOT / "content")


def test_loading_an_export_and_exporting_again_gives_the_same_bytes(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    export(first)
    forced = [f"--force={path}" for path in sorted(first.rglob("*.*"))]
    out = StringIO()
    call_command("load_content", "--path", str(first), *forced, stdout=out)
    assert "0 skipped practices" in out.getvalue()
    export(second)
    assert files(second) == files(first)
    assert export(first).endswith("0 file(s) changed.\n")  # nothing to rewrite


def test_every_field_the_loader_knows_round_trips_through_a_file(tmp_path):
    """A practice with every optional field, recognition and multi-line keywords included."""
    page = published_practices().first()
    page.period_start, page.period_end, page.period_start_derived = 2009, 2012, True
    page.cost_amount_eur, page.mkba_return_per_euro = Decimal("450000.50"), Decimal("2.10")
    page.costs_description = "Subsidie van de gemeente.\n\nEn een fonds: 'cijfers' #1."
    page.mkba_summary = "Elke euro levert: ongeveer twee euro op."
    page.contact_email, page.contact_phone = "wijk@example.nl", "+31 6 1234 5678"
    page.contact_url, page.contact_name = "https://example.nl/wijk", "Team Wijk"
    page.lead_organisation = "= gevaarlijk begin, met - streepjes"
    page.recognitions = [
        PracticeRecognition(
            body="Erkenningscommissie Interventies",
            level="Goed onderbouwd",
            date=date(2015, 6, 1),
            url="https://example.nl/erkenning",
        )
    ]
    page.save_revision().publish()
    theme = Theme.objects.get(slug=page.themes.first().slug)
    theme.keywords = "een\ntwee woorden\n  drie"
    theme.save()

    export(tmp_path)
    page = published_practices().get(pk=page.pk)
    read = {data.slug: data for data in corpus_read(tmp_path).practices}[page.slug]
    expected = practice_data(page)
    assert read.fields == expected.fields
    assert read.categories == expected.categories
    assert {name: [_filled(r) for r in rows] for name, rows in read.children.items()} == {
        name: list(rows) for name, rows in expected.children.items()
    }
    assert read.children["recognitions"][0]["date"] == date(2015, 6, 1)
    entry = next(e for e in categories(tmp_path)["theme"] if e["slug"] == theme.slug)
    assert entry["keywords"] == "een\ntwee woorden\n  drie"


def test_changes_made_in_the_admin_come_out_in_the_export(tmp_path):
    page = published_practices().first()
    page.title = "Nieuwe titel van de redactie"
    page.save_revision().publish()
    draft = published_practices().last()
    draft.title = "Alleen een concept"
    draft.save_revision()  # not published: the export holds the published version
    City.objects.filter(slug="zwolle").update(name="Zwolle (Overijssel)")
    gone = published_practices()[1]
    gone.unpublish()
    stale = tmp_path / "practices" / f"{gone.slug}.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("oud")

    out = export(tmp_path)
    text = (tmp_path / "practices" / f"{page.slug}.md").read_text()
    assert "title: Nieuwe titel van de redactie\n" in text
    assert "Alleen een concept" not in (tmp_path / "practices" / f"{draft.slug}.md").read_text()
    assert "name: Zwolle (Overijssel)" in (tmp_path / "taxonomy" / "cities.yaml").read_text()
    assert f"not published (kept; --prune removes it): practices/{gone.slug}.md" in out
    assert stale.exists()
    assert f"removed: practices/{gone.slug}.md" in export(tmp_path, "--prune")
    assert not stale.exists()


def test_text_typed_in_the_admin_exports_with_unix_line_ends(tmp_path):
    """Browsers send textareas with CRLF; the files keep one kind of line end."""
    page = published_practices().first()
    page.lessons = "- Eerste les.\r\n- Tweede les,\r\n  over twee regels."
    page.save_revision().publish()
    export(tmp_path)
    data = (tmp_path / "practices" / f"{page.slug}.md").read_bytes()
    assert b"\r" not in data
    assert b"- Eerste les.\n- Tweede les,\n  over twee regels." in data


def test_the_export_writes_the_files_in_the_documented_layout(tmp_path):
    export(tmp_path)
    assert sorted(p.name for p in (tmp_path / "taxonomy").iterdir()) == sorted(
        kind.file_name for kind in TAXONOMY
    )
    text = (
        tmp_path / "practices" / "bewonersbedrijf-heechterp-schieringen-leeuwarden.md"
    ).read_text()
    assert text.startswith("---\ntitle: ")
    assert (
        "\n---\n\n## Aanpak\n" in text and "\n## Resultaten\n" in text and "\n## Lessen\n" in text
    )
    assert "\nevidence:\n  level: " in text
    # Every top-level key a file may hold has its place in the written order.
    top = {*TOP_LEVEL_FIELDS, *NESTED_FIELDS}
    top |= {k.front_matter for k in TAXONOMY if "." not in k.front_matter}
    top |= {key for key in CHILD_ROWS if "." not in key}
    assert set(FILE_ORDER) == top


def test_the_exported_corpus_is_a_valid_content_folder_for_a_fresh_load(tmp_path):
    """What the command writes over content/ is what load_content --check accepts."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "taxonomy", target / "taxonomy")
    export(target)
    out = StringIO()
    call_command("load_content", "--path", str(target), "--check", stdout=out)
    assert f"Valid: {PracticePage.objects.live().count()} practices" in out.getvalue()


def test_an_export_the_loader_would_refuse_is_reported(tmp_path):
    """A level-2 heading typed into a text field would start an unknown section of the file."""
    page = published_practices().first()
    page.lessons = f"{page.lessons}\n\n## Tot slot\nNog een les."
    page.save_revision().publish()
    err = StringIO()
    with pytest.raises(CommandError, match="load_content would refuse"):
        call_command("export_content", "--output", str(tmp_path), stdout=StringIO(), stderr=err)
    assert f"practices/{page.slug}.md: body (line" in err.getvalue()
    assert "unknown section '## Tot slot'" in err.getvalue()
