"""The source check on small synthetic seed and practice files (no database needed)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from content.sources_check import check_corpus, number_candidates

SEED = """Kop van het rapport
In de wijk Voorbeeldbuurt hielp het team in 2012 ruim 1.200 gezinnen.
Het aantal huisuitzettingen daalde met 15 procent en de aanpak kostte 2 miljoen euro.
De bewoners kwamen elke week samen in het buurthuis om plannen te maken voor de straat.
Slot van het rapport
"""


def practice(body: str, *, value: object = 1200, lines: str = "2-4") -> str:
    """A minimal practice file citing seed.txt."""
    return f"""---
title: Voorbeeld
summary: Een team helpt gezinnen in Voorbeeldbuurt.
figures:
  - label: Geholpen gezinnen
    value: {value}
    year: 2012
costs:
  amount_eur: 2000000
sources:
  - document: Rapport
    year: 2012
    section: Kop van het rapport
    file: seed.txt
    lines: {lines}
---

## Aanpak
{body}

## Resultaten
Minder huisuitzettingen.

## Lessen
Geen.
"""


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A sources folder with seed.txt and an empty practices folder."""
    sources, practices = tmp_path / "seeds", tmp_path / "practices"
    sources.mkdir()
    practices.mkdir()
    (sources / "seed.txt").write_text(SEED, encoding="utf-8")
    return sources, practices


def test_dutch_number_formats_are_one_number() -> None:
    assert 1200 in number_candidates("1.200")
    assert 1.5 in {float(value) for value in number_candidates("1,5")}
    assert 2000000 in number_candidates("2", "miljoen")


def test_found_figures_pass(folders: tuple[Path, Path]) -> None:
    sources, practices = folders
    body = "Het team hielp 1200 gezinnen; huisuitzettingen 15 % minder; kosten € 2 miljoen."
    (practices / "goed.md").write_text(practice(body), encoding="utf-8")
    report = check_corpus(practices, sources)
    assert report.problems == []
    assert report.checked == 1


def test_missing_figure_is_reported_with_file_and_field(folders: tuple[Path, Path]) -> None:
    sources, practices = folders
    (practices / "fout.md").write_text(practice("Er waren 37 deelnemers.", value=1300))
    report = check_corpus(practices, sources)
    assert "fout.md: figures[0].value: 1300 not found in seed.txt lines 2-4" in report.problems
    assert "fout.md: body: 37 not found in seed.txt lines 2-4" in report.problems


def test_lines_outside_the_file_are_a_problem(folders: tuple[Path, Path]) -> None:
    sources, practices = folders
    (practices / "ver.md").write_text(practice("Tekst.", lines="2-99"), encoding="utf-8")
    report = check_corpus(practices, sources)
    assert any("ver.md: sources[0].lines" in problem for problem in report.problems)


def test_copied_sentence_is_reported(folders: tuple[Path, Path]) -> None:
    sources, practices = folders
    copied = "De bewoners kwamen elke week samen in het buurthuis om plannen te maken."
    (practices / "kopie.md").write_text(practice(copied), encoding="utf-8")
    report = check_corpus(practices, sources)
    assert any("kopie.md: near-verbatim: De bewoners kwamen" in w for w in report.warnings)
    assert any("kopie.md: prose:" in problem for problem in report.problems)


def test_command_fails_on_a_problem(folders: tuple[Path, Path]) -> None:
    sources, practices = folders
    (practices / "fout.md").write_text(practice("Er waren 37 deelnemers."), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command(
            "check_sources",
            sources=sources,
            practices=practices,
            stdout=StringIO(),
            stderr=StringIO(),
        )


def test_missing_sources_folder_does_nothing(tmp_path: Path) -> None:
    out = StringIO()
    call_command("check_sources", sources=tmp_path / "absent", practices=tmp_path, stdout=out)
    assert "missing" in out.getvalue()


def test_derived_start_and_document_year(folders: tuple[Path, Path]) -> None:
    sources, practices = folders
    text = practice("Zo stond het in het rapport van 2012.").replace(
        "costs:", "period:\n  start: 2010\n  start_derived: true\ncosts:"
    )
    (practices / "afgeleid.md").write_text(text, encoding="utf-8")
    assert check_corpus(practices, sources).problems == []
    (practices / "afgeleid.md").write_text(text.replace("  start_derived: true\n", ""))
    problems = check_corpus(practices, sources).problems
    assert problems == ["afgeleid.md: period.start: 2010 not found in seed.txt lines 2-4"]


def test_quoted_text_and_tables_are_not_counted_as_copying(folders: tuple[Path, Path]) -> None:
    sources, practices = folders
    body = (
        'Het motto was "De bewoners kwamen elke week samen in het buurthuis om plannen te '
        'maken".\n\n| De bewoners kwamen elke week samen in het buurthuis om plannen |\n|---|'
    )
    (practices / "citaat.md").write_text(practice(body), encoding="utf-8")
    report = check_corpus(practices, sources)
    assert report.problems == []
    assert not any("citaat.md: near-verbatim" in warning for warning in report.warnings)


def test_a_section_heading_missing_from_the_file_is_reported(folders: tuple[Path, Path]) -> None:
    sources, practices = folders
    text = practice("Tekst.").replace("section: Kop van het rapport", "section: Verzonnen kop")
    (practices / "kop.md").write_text(text, encoding="utf-8")
    problems = check_corpus(practices, sources).problems
    assert problems == [
        "kop.md: sources[0].section: heading 'Verzonnen kop' not found in the source file"
    ]
