"""Read and validate the corpus in content/: taxonomy YAML files and practice Markdown files.

Reading is separate from writing: `corpus_read` either returns a fully validated `Corpus` or
raises `ContentInvalid` listing every problem (file, field, reason), so the load command can
refuse to import anything from a corpus that has a broken file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from practices.models import FIRST_YEAR, LAST_YEAR
from practices.services import FigureData, PracticeData, SourceData

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BODY_SECTIONS = {
    "Aanpak": "approach",
    "Resultaten": "results",
    "Kosten": "costs_description",
    "Lessen": "lessons",
}
REQUIRED_SECTIONS = ("Aanpak", "Resultaten", "Lessen")
TAXONOMY_FILES = {
    "themes": "themes.yaml",
    "domains": "domains.yaml",
    "cities": "cities.yaml",
    "target_groups": "target_groups.yaml",
    "outcomes": "outcomes.yaml",
    "evidence_levels": "evidence_levels.yaml",
}
# Extra fields each taxonomy may carry beyond slug, name, definition (and whether required).
TAXONOMY_EXTRA_FIELDS: dict[str, dict[str, bool]] = {
    "themes": {"keywords": False},
    "cities": {"province": False},
    "evidence_levels": {"rank": True, "group": True, "assessed_by": True},
}
FRONT_MATTER_KEYS = {
    "title",
    "summary",
    "cities",
    "wijk",
    "themes",
    "domains",
    "target_groups",
    "target_group_description",
    "evidence",
    "period",
    "lead_organisation",
    "partners",
    "figures",
    "costs",
    "mkba",
    "contact",
    "sources",
}


@dataclass(frozen=True)
class ContentError:
    path: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.reason}"


class ContentInvalid(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass
class Corpus:
    categories: dict[str, list[dict[str, Any]]]
    practices: list[PracticeData] = field(default_factory=list)


class _Problems:
    """Collects errors for one file; field paths read like `figures[2].value`."""

    def __init__(self, path: str):
        self.path = path
        self.errors: list[ContentError] = []

    def add(self, field_name: str, reason: str) -> None:
        self.errors.append(ContentError(self.path, field_name, reason))


def corpus_read(root: Path) -> Corpus:
    """Read and validate everything under `root`; raise ContentInvalid with every problem."""
    errors: list[ContentError] = []
    categories: dict[str, list[dict[str, Any]]] = {}
    for kind, filename in TAXONOMY_FILES.items():
        entries, problems = _read_taxonomy(root, kind, filename)
        categories[kind] = entries
        errors.extend(problems)

    known = {kind: {entry["slug"] for entry in entries} for kind, entries in categories.items()}
    practices: list[PracticeData] = []
    practice_dir = root / "practices"
    if not practice_dir.is_dir():
        errors.append(ContentError(_display(root, practice_dir), "-", "folder is missing"))
    else:
        for path in sorted(practice_dir.glob("*.md")):
            practice, problems = practice_file_read(path, known=known, root=root)
            errors.extend(problems)
            if practice is not None:
                practices.append(practice)
    if errors:
        raise ContentInvalid(errors)
    return Corpus(categories=categories, practices=practices)


def _display(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _read_yaml(path: Path, problems: _Problems, what: str) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        problems.add(what, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except yaml.YAMLError as exc:
        problems.add(what, f"invalid YAML: {_yaml_reason(exc)}")
    return None


def _yaml_reason(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})" if mark else problem


def _read_taxonomy(
    root: Path, kind: str, filename: str
) -> tuple[list[dict[str, Any]], list[ContentError]]:
    path = root / "taxonomy" / filename
    problems = _Problems(_display(root, path))
    if not path.is_file():
        problems.add("-", "file is missing")
        return [], problems.errors
    raw = _read_yaml(path, problems, "-")
    if raw is None:
        if not problems.errors:
            problems.add("-", "file is empty")
        return [], problems.errors
    if not isinstance(raw, list):
        problems.add("-", "must be a list of entries")
        return [], problems.errors

    extra = TAXONOMY_EXTRA_FIELDS.get(kind, {})
    allowed = {"slug", "name", "definition", *extra}
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, item in enumerate(raw):
        where = f"[{position}]"
        if not isinstance(item, dict):
            problems.add(where, "must be a mapping with slug and name")
            continue
        for key in sorted(set(item) - allowed):
            problems.add(f"{where}.{key}", f"unknown field (allowed: {', '.join(sorted(allowed))})")
        slug = _slug(item.get("slug"), f"{where}.slug", problems)
        name = _text(item.get("name"), f"{where}.name", problems, max_length=120)
        entry: dict[str, Any] = {
            "slug": slug,
            "name": name,
            "definition": _text(
                item.get("definition"), f"{where}.definition", problems, required=False
            ),
        }
        if slug and slug in seen:
            problems.add(f"{where}.slug", f"duplicate slug {slug!r}")
        seen.add(slug)
        for key, required in extra.items():
            value = item.get(key)
            if key == "rank":
                entry[key] = _integer(value, f"{where}.rank", problems, minimum=1, maximum=100)
            elif key == "keywords":
                entry[key] = "\n".join(
                    _text_list(value, f"{where}.keywords", problems, required=False)
                )
            else:
                entry[key] = _text(
                    value, f"{where}.{key}", problems, required=required, max_length=120
                )
        entries.append(entry)
    if kind == "evidence_levels":
        ranks = [entry.get("rank") for entry in entries]
        if len(set(ranks)) != len(ranks):
            problems.add("rank", "every evidence level needs its own rank")
    return entries, problems.errors


def practice_file_read(
    path: Path, *, known: dict[str, set[str]], root: Path
) -> tuple[PracticeData | None, list[ContentError]]:
    """Parse one practice file; return the data, or None with the problems found."""
    display = _display(root, path)
    problems = _Problems(display)
    slug = path.stem
    if not SLUG_PATTERN.match(slug):
        problems.add(
            "file name",
            "must be lowercase letters, digits and hyphens, e.g. 'buurtbemiddeling-utrecht.md'",
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.add("-", f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return None, problems.errors

    match = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", text, re.DOTALL)
    if match is None:
        problems.add(
            "front matter", "the file must start with YAML front matter between two '---' lines"
        )
        return None, problems.errors
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        problems.add("front matter", f"invalid YAML: {_yaml_reason(exc)}")
        return None, problems.errors
    if not isinstance(meta, dict):
        problems.add("front matter", "must be a mapping of fields")
        return None, problems.errors

    for key in sorted(set(meta) - FRONT_MATTER_KEYS):
        problems.add(key, "unknown field")
    sections = _body_sections(match.group(2), problems)

    def category(key: str, kind: str) -> tuple[str, ...]:
        values = _text_list(meta.get(key), key, problems, required=True)
        for value in values:
            if value not in known[kind]:
                problems.add(
                    key,
                    f"unknown {kind.rstrip('s').replace('_', ' ')} {value!r}; "
                    f"add it to content/taxonomy/{TAXONOMY_FILES[kind]} first",
                )
        if len(set(values)) != len(values):
            problems.add(key, "lists a value twice")
        return tuple(values)

    evidence = _mapping(
        meta.get("evidence"),
        "evidence",
        problems,
        required=True,
        allowed={"level", "outcome", "justification"},
    )
    period = _mapping(
        meta.get("period"), "period", problems, required=True, allowed={"start", "end"}
    )
    costs = _mapping(
        meta.get("costs"), "costs", problems, required=False, allowed={"amount_eur", "description"}
    )
    mkba = _mapping(
        meta.get("mkba"), "mkba", problems, required=False, allowed={"return_per_euro", "summary"}
    )
    contact = _mapping(
        meta.get("contact"),
        "contact",
        problems,
        required=False,
        allowed={"organisation", "name", "email", "phone", "url"},
    )

    level = _text(evidence.get("level"), "evidence.level", problems)
    if level and level not in known["evidence_levels"]:
        problems.add(
            "evidence.level",
            f"unknown evidence level {level!r} (known: "
            f"{', '.join(sorted(known['evidence_levels']))})",
        )
    outcome = _text(evidence.get("outcome"), "evidence.outcome", problems)
    if outcome and outcome not in known["outcomes"]:
        problems.add(
            "evidence.outcome",
            f"unknown outcome {outcome!r} (known: {', '.join(sorted(known['outcomes']))})",
        )
    start = _integer(
        period.get("start"), "period.start", problems, minimum=FIRST_YEAR, maximum=LAST_YEAR
    )
    end = _integer(
        period.get("end"),
        "period.end",
        problems,
        required=False,
        minimum=FIRST_YEAR,
        maximum=LAST_YEAR,
    )
    if start is not None and end is not None and end < start:
        problems.add("period.end", f"{end} is before period.start {start}")

    email = _text(contact.get("email"), "contact.email", problems, required=False)
    if email:
        _validate(validate_email, email, "contact.email", problems, "not an e-mail address")
    contact_url = _url(contact.get("url"), "contact.url", problems)

    data = dict(
        slug=slug,
        title=_text(meta.get("title"), "title", problems, max_length=120),
        summary=_text(meta.get("summary"), "summary", problems, min_length=40, max_length=400),
        city_slugs=category("cities", "cities"),
        theme_slugs=category("themes", "themes"),
        domain_slugs=category("domains", "domains"),
        target_group_slugs=category("target_groups", "target_groups"),
        wijk=_text(meta.get("wijk"), "wijk", problems, required=False, max_length=200),
        target_group_description=_text(
            meta.get("target_group_description"),
            "target_group_description",
            problems,
            required=False,
        ),
        evidence_level_slug=level,
        outcome_slug=outcome,
        evidence_justification=_text(
            evidence.get("justification"), "evidence.justification", problems, min_length=40
        ),
        period_start=start,
        period_end=end,
        lead_organisation=_text(
            meta.get("lead_organisation"), "lead_organisation", problems, max_length=200
        ),
        partners=tuple(_text_list(meta.get("partners"), "partners", problems, required=False)),
        figures=_figures(meta.get("figures"), problems),
        cost_amount_eur=_decimal(
            costs.get("amount_eur"), "costs.amount_eur", problems, max_digits=14
        ),
        costs_description="\n\n".join(
            part
            for part in (
                _text(costs.get("description"), "costs.description", problems, required=False),
                sections.get("costs_description", ""),
            )
            if part
        ),
        mkba_return_per_euro=_decimal(
            mkba.get("return_per_euro"), "mkba.return_per_euro", problems, max_digits=6
        ),
        mkba_summary=_text(mkba.get("summary"), "mkba.summary", problems, required=False),
        contact_organisation=_text(
            contact.get("organisation"),
            "contact.organisation",
            problems,
            required=False,
            max_length=200,
        ),
        contact_name=_text(
            contact.get("name"), "contact.name", problems, required=False, max_length=200
        ),
        contact_email=email,
        contact_phone=_text(
            contact.get("phone"), "contact.phone", problems, required=False, max_length=40
        ),
        contact_url=contact_url,
        sources=_sources(meta.get("sources"), problems),
        approach=sections.get("approach", ""),
        results=sections.get("results", ""),
        lessons=sections.get("lessons", ""),
        source_file=display,
    )
    if problems.errors:
        return None, problems.errors
    return PracticeData(**data), []


def _body_sections(body: str, problems: _Problems) -> dict[str, str]:
    """Split the body into its `## Aanpak` / `## Resultaten` / … sections."""
    sections: dict[str, list[str]] = {}
    order: list[str] = []
    current: str | None = None
    for number, line in enumerate(body.splitlines(), start=1):
        heading = re.match(r"^##[ \t]+(.+?)[ \t#]*$", line)
        if heading:
            name = heading.group(1).strip()
            if name not in BODY_SECTIONS:
                problems.add(
                    f"body (line {number})",
                    f"unknown section '## {name}'; sections "
                    f"are {', '.join('## ' + n for n in BODY_SECTIONS)}",
                )
                current = None
                continue
            if name in sections:
                problems.add(f"body (line {number})", f"section '## {name}' appears twice")
            current = name
            order.append(name)
            sections[name] = []
        elif current is not None:
            sections[current].append(line)
        elif line.strip():
            problems.add(f"body (line {number})", "text before the first '## Aanpak' section")
            current = "-"  # report once, then skip until the next section
            sections.setdefault("-", [])
    sections.pop("-", None)
    expected = [name for name in BODY_SECTIONS if name in order]
    if order != expected and len(set(order)) == len(order):
        problems.add("body", f"sections must be in the order {', '.join(BODY_SECTIONS)}")
    result: dict[str, str] = {}
    for name, lines in sections.items():
        text = "\n".join(lines).strip()
        if name in REQUIRED_SECTIONS and not text:
            problems.add(f"body: {name}", "section is empty")
        result[BODY_SECTIONS[name]] = text
    for name in REQUIRED_SECTIONS:
        if name not in sections:
            problems.add(f"body: {name}", f"required section '## {name}' is missing")
    return result


# --- Field readers: each returns a clean value and records a problem when the input is bad. --


def _text(
    value: Any,
    name: str,
    problems: _Problems,
    *,
    required: bool = True,
    min_length: int = 0,
    max_length: int | None = None,
) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.add(name, "is required")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.add(name, f"must be text, not {type(value).__name__}")
        return ""
    text = str(value).strip()
    if len(text) < min_length:
        problems.add(name, f"is {len(text)} characters; at least {min_length} needed")
    if max_length is not None and len(text) > max_length:
        problems.add(name, f"is {len(text)} characters; at most {max_length} allowed")
    return text


def _text_list(value: Any, name: str, problems: _Problems, *, required: bool) -> list[str]:
    if value is None or value == []:
        if required:
            problems.add(name, "needs at least one value")
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problems.add(name, "must be a list")
        return []
    items = []
    for position, item in enumerate(value):
        text = _text(item, f"{name}[{position}]", problems)
        if text:
            items.append(text)
    return items


def _slug(value: Any, name: str, problems: _Problems) -> str:
    text = _text(value, name, problems, max_length=80)
    if text and not SLUG_PATTERN.match(text):
        problems.add(name, f"{text!r} is not a slug (lowercase letters, digits, hyphens)")
    return text


def _integer(
    value: Any, name: str, problems: _Problems, *, required: bool = True, minimum: int, maximum: int
) -> int | None:
    if value is None:
        if required:
            problems.add(name, "is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add(name, f"must be a whole number, not {value!r}")
        return None
    if not minimum <= value <= maximum:
        problems.add(name, f"{value} is outside {minimum}–{maximum}")
        return None
    return value


def _decimal(
    value: Any, name: str, problems: _Problems, *, required: bool = False, max_digits: int
) -> Decimal | None:
    if value is None:
        if required:
            problems.add(name, "is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problems.add(name, f"must be a number, not {value!r}")
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        problems.add(name, f"not a number: {value!r} (write 1500 or 2.5, no units or commas)")
        return None
    if not number.is_finite():
        problems.add(name, f"not a finite number: {value!r}")
        return None
    if number < 0:
        problems.add(name, f"must not be negative: {value!r}")
        return None
    number = number.quantize(Decimal("0.01"))
    if len(number.as_tuple().digits) > max_digits:
        problems.add(name, f"{value!r} is too large")
        return None
    return number


def _mapping(
    value: Any, name: str, problems: _Problems, *, required: bool, allowed: set[str] | None = None
) -> dict[str, Any]:
    if value is None:
        if required:
            problems.add(name, "is required")
        return {}
    if not isinstance(value, dict):
        problems.add(name, "must be a mapping of fields")
        return {}
    if allowed is not None:
        for key in sorted(set(value) - allowed):
            problems.add(f"{name}.{key}", f"unknown field (allowed: {', '.join(sorted(allowed))})")
    return value


def _validate(
    validator: Callable[[str], None], value: str, name: str, problems: _Problems, reason: str
) -> None:
    try:
        validator(value)
    except ValidationError:
        problems.add(name, f"{reason}: {value!r}")


def _url(value: Any, name: str, problems: _Problems) -> str:
    url = _text(value, name, problems, required=False, max_length=200)
    if url:
        _validate(
            URLValidator(schemes=["http", "https"]), url, name, problems, "not an http(s) address"
        )
    return url


def _list_of_mappings(
    value: Any, name: str, problems: _Problems, required: bool
) -> Iterable[tuple[str, dict[str, Any]]]:
    if value is None or value == []:
        if required:
            problems.add(name, "needs at least one entry")
        return []
    if not isinstance(value, list):
        problems.add(name, "must be a list")
        return []
    items = []
    for position, item in enumerate(value):
        where = f"{name}[{position}]"
        if not isinstance(item, dict):
            problems.add(where, "must be a mapping of fields")
            continue
        items.append((where, item))
    return items


def _figures(value: Any, problems: _Problems) -> tuple[FigureData, ...]:
    figures = []
    for where, item in _list_of_mappings(value, "figures", problems, required=False):
        _mapping(item, where, problems, required=True, allowed={"label", "value", "unit", "year"})
        label = _text(item.get("label"), f"{where}.label", problems, max_length=250)
        number = _decimal(
            item.get("value"), f"{where}.value", problems, required=True, max_digits=16
        )
        unit = _text(item.get("unit"), f"{where}.unit", problems, required=False, max_length=60)
        year = _integer(
            item.get("year"),
            f"{where}.year",
            problems,
            required=False,
            minimum=FIRST_YEAR,
            maximum=LAST_YEAR,
        )
        if label and number is not None:
            figures.append(FigureData(label=label, value=number, unit=unit, year=year))
    return tuple(figures)


def _sources(value: Any, problems: _Problems) -> tuple[SourceData, ...]:
    sources = []
    allowed = {"document", "publisher", "year", "section", "page", "url"}
    for where, item in _list_of_mappings(value, "sources", problems, required=True):
        _mapping(item, where, problems, required=True, allowed=allowed)
        page = item.get("page")
        source = SourceData(
            document=_text(item.get("document"), f"{where}.document", problems, max_length=300),
            publisher=_text(item.get("publisher"), f"{where}.publisher", problems, max_length=200),
            year=_integer(
                item.get("year"), f"{where}.year", problems, minimum=FIRST_YEAR, maximum=LAST_YEAR
            )
            or 0,
            section=_text(item.get("section"), f"{where}.section", problems, max_length=200),
            page_number=_text(page, f"{where}.page", problems, required=False, max_length=20),
            url=_url(item.get("url"), f"{where}.url", problems),
        )
        sources.append(source)
    return tuple(sources)
