"""Check every practice file against the passages of the source documents it cites.

Two checks, both against the cited passages only (the ``lines`` range of each source that
gives a ``file`` in the sources folder):

* **Figures.** Every figure value and year, period start/end, MKBA number and cost amount,
  and every number written in the summary or body, must occur in a cited passage. A period
  start marked ``start_derived: true`` is inferred, not quoted, and is not looked up; in the
  summary and body the publication year of a cited document also counts as found (a reference
  to the document), but never for the structured fields. Dutch and
  English number formats count as the same number (1.200 / 1200, 1,5 / 1.5, "15 procent" /
  15 %), and "2 miljoen" equals 2000000. Written-out numbers ("vier") in the practice are
  words and are not checked; written-out numbers up to twintig in the source count as digits.
* **Section headings.** Every part of ``section`` (levels separated by ``›``, several headings
  by ``;``) must occur in the cited file, so no section name is invented.
* **Near-verbatim copying.** Word 8-grams (lowercased, punctuation stripped) of the summary
  and body are compared with the cited passages. Every sentence sharing an 8-gram is reported
  as a warning; a practice fails when more than ``COPY_THRESHOLD`` of its 8-grams are shared.
  Text between double quotes (a quoted slogan or title) is left out of this comparison, and so
  are Markdown table rows and 8-grams of which at least half the words are numbers: tables of
  names and figures are data, not wording.

The module does not import ``content.loader``: it reads front matter with
``content.frontmatter.front_matter_split`` and works on plain dicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from content.frontmatter import FrontMatterError, front_matter_split

COPY_THRESHOLD = 0.05
"""Largest share of a practice's word 8-grams that may also occur in its cited passages."""

NGRAM = 8

_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\w])"
    r"(?:\s*(miljoen|mln\.?|miljard|mld\.?|duizend))?",
    re.IGNORECASE,
)
_MULTIPLIERS = {
    "miljoen": 10**6,
    "mln": 10**6,
    "miljard": 10**9,
    "mld": 10**9,
    "duizend": 10**3,
}
_WORDS = (
    "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
    "vijftien zestien zeventien achttien negentien twintig"
).split()
_WORD_NUMBERS = {word: index for index, word in enumerate(_WORDS)} | {
    "één": 1,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "honderd": 100,
}
_QUOTED = re.compile(r"[\"“”„][^\"“”„]{0,200}[\"“”]")
_LINK_OR_CODE = re.compile(r"\]\([^)]*\)|<[^>]*>|`[^`]*`|https?://\S+|www\.\S+")
_LIST_MARKER = re.compile(r"^\s*\d+[.)]\s", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")


@dataclass
class Passage:
    """The cited text of one practice: joined line ranges and where they came from."""

    text: str = ""
    where: list[str] = field(default_factory=list)


@dataclass
class Report:
    """What the check found: problems fail the run, warnings do not."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checked: int = 0


def number_candidates(raw: str, multiplier: str | None = None) -> set[Decimal]:
    """All values a written number may stand for: 1.200 -> {1200, 1.2}; 1,5 -> {1.5}."""
    values: set[Decimal] = set()
    readings = [raw.replace(".", "").replace(",", "."), raw.replace(",", "")]
    if re.fullmatch(r"\d+[.,]\d+", raw):
        readings.append(raw.replace(",", "."))
    for reading in readings:
        try:
            values.add(Decimal(reading).normalize())
        except InvalidOperation:
            continue
    if multiplier:
        factor = _MULTIPLIERS[multiplier.lower().rstrip(".")]
        values |= {(value * factor).normalize() for value in values}
    return values


def numbers_in(text: str) -> list[tuple[str, set[Decimal]]]:
    """Every number written in digits in text, with the values it may stand for."""
    return [
        (match.group(0).strip(), number_candidates(match.group(1), match.group(2)))
        for match in _NUMBER.finditer(text)
    ]


def passage_numbers(text: str) -> set[Decimal]:
    """Every value a passage mentions, in digits or as a written-out number up to twintig."""
    values: set[Decimal] = set()
    for _, candidates in numbers_in(text):
        values |= candidates
    for word in re.findall(r"[a-zë]+", text.lower()):
        if word in _WORD_NUMBERS:
            values.add(Decimal(_WORD_NUMBERS[word]))
    return values


def _line_range(value: Any) -> tuple[int, int] | None:
    """'1203-1240' (or 1203) as (1203, 1240); None when malformed."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*", str(value))
    if match is None:
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    return (first, last) if 1 <= first <= last else None


def cited_passage(name: str, sources: Any, sources_dir: Path, report: Report) -> Passage:
    """The text of all cited line ranges of seed files; problems for bad file or lines."""
    passage = Passage()
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        if not isinstance(source, dict) or not source.get("file"):
            continue
        where = f"{name}: sources[{index}]"
        path = sources_dir / str(source["file"])
        span = _line_range(source.get("lines", ""))
        if not path.is_file():
            report.problems.append(f"{where}.file: {source['file']} not found in {sources_dir}")
            continue
        if span is None:
            report.problems.append(f"{where}.lines: give a line range such as 120-140")
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        if span[1] > len(lines):
            report.problems.append(
                f"{where}.lines: {span[0]}-{span[1]} beyond the end of {path.name} "
                f"({len(lines)} lines)"
            )
            continue
        report.problems += check_section(f"{where}.section", source.get("section"), lines)
        passage.text += "\n".join(lines[span[0] - 1 : span[1]]) + "\n"
        passage.where.append(f"{path.name} lines {span[0]}-{span[1]}")
    return passage


def _flat(text: str) -> str:
    """Lowercased text with quotes unified and whitespace collapsed, for heading lookup."""
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).lower()


def check_section(where: str, section: Any, lines: list[str]) -> list[str]:
    """Each part of the section ('›' between levels, ';' between headings) is in the file."""
    whole = _flat("\n".join(lines))
    parts = [part.strip() for part in re.split(r"[›;]", str(section or ""))]
    return [
        f"{where}: heading {part!r} not found in the source file"
        for part in parts
        if part and _flat(part) not in whole
    ]


def structured_values(meta: dict[str, Any]) -> list[tuple[str, Any]]:
    """(field, value) for every number the front matter states as data (not derived starts)."""
    found: list[tuple[str, Any]] = []
    for index, figure in enumerate(meta.get("figures") or []):
        if isinstance(figure, dict):
            found += [(f"figures[{index}].{key}", figure.get(key)) for key in ("value", "year")]
    period = meta.get("period") or {}
    if isinstance(period, dict):
        keys = ("end",) if period.get("start_derived") is True else ("start", "end")
        found += [(f"period.{key}", period.get(key)) for key in keys]
    mkba = meta.get("mkba") or {}
    if isinstance(mkba, dict):
        found.append(("mkba.return_per_euro", mkba.get("return_per_euro")))
    costs = meta.get("costs") or {}
    if isinstance(costs, dict):
        found.append(("costs.amount_eur", costs.get("amount_eur")))
    return [(name, value) for name, value in found if value is not None]


def prose_of(meta: dict[str, Any], body: str) -> str:
    """The practice's own prose (summary and body), without links, code and list numbers."""
    text = f"{meta.get('summary') or ''}\n{body}"
    text = re.sub(r"^#+ .*$", "", text, flags=re.MULTILINE)
    text = _LINK_OR_CODE.sub(" ", text)
    return _LIST_MARKER.sub(" ", text)


def without_tables(prose: str) -> str:
    """Prose without Markdown table rows: a table of names and figures is data, not wording."""
    return "\n".join(line for line in prose.splitlines() if not line.lstrip().startswith("|"))


def publication_years(sources: Any) -> set[Decimal]:
    """The year of every cited document, as prose may name it when referring to the document."""
    years: set[Decimal] = set()
    for source in sources if isinstance(sources, list) else []:
        if isinstance(source, dict) and str(source.get("year", "")).isdigit():
            years.add(Decimal(str(source["year"])))
    return years


def check_figures(name: str, meta: dict[str, Any], body: str, passage: Passage) -> list[str]:
    """One problem line for every stated number that the cited passages do not contain."""
    known = passage_numbers(passage.text)
    where = ", ".join(passage.where)
    problems: list[str] = []
    for field_name, value in structured_values(meta):
        try:
            candidates = number_candidates(str(abs(Decimal(str(value)))))
        except InvalidOperation:
            problems.append(f"{name}: {field_name}: {value!r} is not a number")
            continue
        if not candidates & known:
            problems.append(f"{name}: {field_name}: {value} not found in {where}")
    known |= publication_years(meta.get("sources"))
    for written, candidates in numbers_in(prose_of(meta, body)):
        if not candidates & known:
            problems.append(f"{name}: body: {written} not found in {where}")
    return problems


def words(text: str) -> list[str]:
    """Lowercased words with punctuation stripped."""
    return re.findall(r"[\wÀ-ÿ]+", text.lower())


def ngrams(tokens: list[str]) -> set[tuple[str, ...]]:
    """All word n-grams of length NGRAM, except those that are at least half numbers (tables)."""
    grams = {tuple(tokens[i : i + NGRAM]) for i in range(len(tokens) - NGRAM + 1)}
    return {gram for gram in grams if sum(token.isdigit() for token in gram) * 2 < NGRAM}


def check_copying(name: str, meta: dict[str, Any], body: str, passage: Passage) -> Report:
    """Warnings for sentences sharing an 8-gram with the passage; a problem above threshold."""
    report = Report()
    source_grams = ngrams(words(passage.text))
    prose = _QUOTED.sub(" ", without_tables(prose_of(meta, body)))
    own = ngrams(words(prose))
    shared = own & source_grams
    for sentence in _SENTENCE_END.split(prose):
        if ngrams(words(sentence)) & source_grams:
            report.warnings.append(f"{name}: near-verbatim: {sentence.strip()[:160]}")
    share = len(shared) / len(own) if own else 0.0
    if share > COPY_THRESHOLD:
        report.problems.append(
            f"{name}: prose: {share:.1%} of word {NGRAM}-grams shared with "
            f"{', '.join(passage.where)} (threshold {COPY_THRESHOLD:.0%})"
        )
    return report


def check_practice(path: Path, sources_dir: Path, report: Report) -> None:
    """Run both checks on one practice file, adding to report."""
    name = path.name
    try:
        meta, body = front_matter_split(path.read_text(encoding="utf-8"))
    except FrontMatterError as error:
        report.problems.append(f"{name}: -: {error}")
        return
    passage = cited_passage(name, meta.get("sources"), sources_dir, report)
    if not passage.where:
        report.warnings.append(f"{name}: no source with file and lines; nothing to check")
        return
    report.checked += 1
    report.problems += check_figures(name, meta, body, passage)
    copying = check_copying(name, meta, body, passage)
    report.problems += copying.problems
    report.warnings += copying.warnings


def check_corpus(practices_dir: Path, sources_dir: Path) -> Report:
    """Check every practices_dir/*.md against the seed files in sources_dir."""
    report = Report()
    for path in sorted(practices_dir.glob("*.md")):
        check_practice(path, sources_dir, report)
    return report
