"""Read and validate the corpus in content/: taxonomy YAML files and practice Markdown files.

Reading is separate from writing: `corpus_read` either returns a fully validated `Corpus` or
raises `ContentInvalid` listing every problem as `file: field: reason`, so the load command
refuses to import anything from a corpus with a broken file. The rules are the models' own
(field types, lengths, validators, `clean_content()`); this module only maps the file format
onto the model fields and reports in the file's terms.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import translation
from wagtail.models import Page

from content.frontmatter import FrontMatterError, front_matter_split, yaml_reason
from practices.models import PracticePage
from practices.services import PracticeData
from practices.taxonomy import TAXONOMY, TaxonomyKind

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BODY_SECTIONS = {
    "Aanpak": "approach",
    "Resultaten": "results",
    "Kosten": "costs_description",
    "Lessen": "lessons",
}
# Front-matter keys → PracticePage fields. Top-level keys not listed here that name a model
# field map to that field; taxonomy keys come from TAXONOMY; lists of rows from CHILD_ROWS.
TOP_LEVEL_FIELDS = ("title", "summary", "wijk", "target_group_description", "lead_organisation")
NESTED_FIELDS: dict[str, dict[str, str]] = {
    "evidence": {
        "justification": "evidence_justification",
        "assessed_by": "evidence_assessed_by",
        "assessed_on": "evidence_assessed_on",
    },
    "period": {
        "start": "period_start",
        "start_derived": "period_start_derived",
        "end": "period_end",
    },
    "costs": {"amount_eur": "cost_amount_eur", "description": "costs_description"},
    "mkba": {"return_per_euro": "mkba_return_per_euro", "summary": "mkba_summary"},
    "contact": {key: f"contact_{key}" for key in ("organisation", "name", "email", "phone", "url")},
}
# Front-matter lists of rows → (page relation, {row key: model field}). Partners are plain
# names: each becomes a row with that name.
CHILD_ROWS: dict[str, tuple[str, dict[str, str]]] = {
    "partners": ("partners", {"name": "name"}),
    "figures": ("figures", {key: key for key in ("label", "value", "unit", "year")}),
    "sources": (
        "sources",
        {
            **{key: key for key in ("document", "publisher", "year", "section", "file", "lines")},
            "page": "page_number",
            "url": "url",
        },
    ),
    "evidence.recognition": (
        "recognitions",
        {key: key for key in ("body", "level", "date", "url")},
    ),
}
PLAIN_ROWS = {"partners"}
# The top-level keys in the order a file lists them (README.md); export_content writes them so.
FILE_ORDER = (
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
)
REQUIRED_CHILDREN = {"sources"}
# Page fields Wagtail manages (tree, revisions, locale): not part of a content file.
_WAGTAIL_FIELDS = [f.name for f in Page._meta.get_fields() if f.name != "title"]
_CATEGORY_FK_FIELDS = [kind.page_field for kind in TAXONOMY if not kind.many]


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
    categories: dict[TaxonomyKind, list[dict[str, Any]]]
    practices: list[PracticeData] = field(default_factory=list)


class _Problems:
    """Collects errors for one file; field paths read like `figures[2].value`."""

    def __init__(self, path: str):
        self.path = path
        self.errors: list[ContentError] = []

    def add(self, field_name: str, reason: str) -> None:
        self.errors.append(ContentError(self.path, field_name, reason))

    def add_validation(self, error: ValidationError, names: dict[str, str], prefix: str) -> None:
        """Report a model's ValidationError under the file's own key names."""
        for model_field, messages in error.message_dict.items():
            name = names.get(model_field, model_field)
            for message in messages:
                self.add(f"{prefix}{name}", message)


def corpus_read(root: Path) -> Corpus:
    """Read and validate everything under `root`; raise ContentInvalid with every problem."""
    errors: list[ContentError] = []
    categories: dict[TaxonomyKind, list[dict[str, Any]]] = {}
    with translation.override("en"):
        for kind in TAXONOMY:
            entries, problems = taxonomy_file_read(root, kind)
            categories[kind] = entries
            errors.extend(problems)
        known = {kind.name: {entry["slug"] for entry in categories[kind]} for kind in TAXONOMY}
        practices: list[PracticeData] = []
        practice_dir = root / "practices"
        if not practice_dir.is_dir():
            errors.append(ContentError(_display(root, practice_dir), "-", "folder is missing"))
            practice_paths = []
        else:
            practice_paths = sorted(practice_dir.glob("*.md"))
        for path in practice_paths:
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


def _read_text(path: Path, problems: _Problems) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.add("-", f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return None


# --- Taxonomy files ---------------------------------------------------------------------------


def _taxonomy_fields(model: type[models.Model]) -> dict[str, models.Field]:
    """The fields a taxonomy entry may set: the model's own, less id and sort order."""
    return {
        f.name: f
        for f in model._meta.get_fields()
        if f.concrete and not f.auto_created and f.name != "sort_order"
    }


def taxonomy_file_read(root: Path, kind: TaxonomyKind) -> tuple[list[dict], list[ContentError]]:
    """Read content/taxonomy/<kind>.yaml: a list of entries validated by the kind's model."""
    path = root / "taxonomy" / kind.file_name
    problems = _Problems(_display(root, path))
    if not path.is_file():
        problems.add("-", "file is missing")
        return [], problems.errors
    text = _read_text(path, problems)
    try:
        raw = yaml.safe_load(text) if text is not None else None
    except yaml.YAMLError as exc:
        problems.add("-", f"invalid YAML: {yaml_reason(exc)}")
        raw = None
    if not isinstance(raw, list):
        if not problems.errors:
            problems.add("-", "must be a list of entries" if raw else "file is empty")
        return [], problems.errors

    fields = _taxonomy_fields(kind.model)
    entries = [
        entry
        for position, item in enumerate(raw)
        if (entry := _taxonomy_entry(kind, fields, item, f"[{position}]", problems)) is not None
    ]
    for name in (name for name, f in fields.items() if f.unique):
        values = [entry[name] for entry in entries]
        for value in {value for value in values if values.count(value) > 1}:
            problems.add(name, f"{value!r} is used twice; every entry needs its own {name}")
    return entries, problems.errors


def _taxonomy_entry(
    kind: TaxonomyKind, fields: dict[str, models.Field], item: Any, where: str, problems: _Problems
) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        problems.add(where, "must be a mapping with slug and name")
        return None
    for key in sorted(set(item) - set(fields)):
        problems.add(f"{where}.{key}", f"unknown field (allowed: {', '.join(sorted(fields))})")
    values = {
        key: "\n".join(map(str, value))
        if isinstance(value, list) and isinstance(fields[key], models.TextField)
        else _raw(value)
        for key, value in item.items()
        if key in fields
    }
    instance = kind.model(**values)
    try:
        instance.full_clean(exclude=["sort_order"], validate_unique=False)
    except ValidationError as error:
        problems.add_validation(error, {}, f"{where}.")
        return None
    return {name: getattr(instance, name) for name in fields}


# --- Practice files ---------------------------------------------------------------------------


def practice_file_read(
    path: Path, *, known: dict[str, set[str]], root: Path
) -> tuple[PracticeData | None, list[ContentError]]:
    """Parse and validate one practice file; the data, or None with every problem found."""
    problems = _Problems(_display(root, path))
    if not SLUG_PATTERN.match(path.stem):
        problems.add(
            "file name",
            "must be lowercase letters, digits and hyphens, e.g. 'buurtbemiddeling-utrecht.md'",
        )
    text = _read_text(path, problems)
    if text is None:
        return None, problems.errors
    try:
        meta, body = front_matter_split(text)
    except FrontMatterError as error:
        problems.add("front matter", str(error))
        return None, problems.errors

    _check_keys(meta, problems)
    fields = _page_fields(meta, problems)
    costs_note = fields.pop("costs_description", "")  # costs.description, before ## Kosten
    fields.update(_body_sections(body, problems))
    costs = (costs_note, fields.get("costs_description", ""))
    fields["costs_description"] = "\n\n".join(str(part) for part in costs if part)
    categories = {kind.name: _category_slugs(meta, kind, known, problems) for kind in TAXONOMY}
    children = {
        key: _child_rows(_lookup(meta, key), key, relation, names, problems)
        for key, (relation, names) in CHILD_ROWS.items()
    }
    _validate_page(fields, children, problems)
    if problems.errors:
        return None, problems.errors
    return (
        PracticeData(
            slug=path.stem,
            fields=fields,
            categories=categories,
            children={CHILD_ROWS[key][0]: tuple(rows) for key, rows in children.items()},
            source_file=problems.path,
            checksum=hashlib.sha256(text.encode()).hexdigest(),
        ),
        [],
    )


def _lookup(meta: dict[str, Any], dotted: str) -> Any:
    """meta['evidence']['level'] for 'evidence.level'; None where any step is missing."""
    value: Any = meta
    for step in dotted.split("."):
        value = value.get(step) if isinstance(value, dict) else None
    return value


def _check_keys(meta: dict[str, Any], problems: _Problems) -> None:
    """Every key must be known; the mappings (evidence, period, …) only their own keys."""
    dotted = [kind.front_matter for kind in TAXONOMY] + list(CHILD_ROWS)
    nested: dict[str, set[str]] = {name: set(keys) for name, keys in NESTED_FIELDS.items()}
    for key in dotted:
        if "." in key:
            parent, child = key.split(".", 1)
            nested[parent].add(child)
    top = {*TOP_LEVEL_FIELDS, *nested, *(key for key in dotted if "." not in key)}
    for key in sorted(set(meta) - top):
        problems.add(key, "unknown field")
    for name, allowed in nested.items():
        value = meta.get(name)
        if value is None:
            continue
        if not isinstance(value, dict):
            problems.add(name, "must be a mapping of fields")
            continue
        for key in sorted(set(value) - allowed):
            problems.add(f"{name}.{key}", f"unknown field (allowed: {', '.join(sorted(allowed))})")


def _field_names() -> dict[str, str]:
    """PracticePage field → the front-matter key it comes from, for error messages."""
    names = {name: name for name in TOP_LEVEL_FIELDS}
    for parent, keys in NESTED_FIELDS.items():
        names.update({model_field: f"{parent}.{key}" for key, model_field in keys.items()})
    names.update({section: f"body: {title}" for title, section in BODY_SECTIONS.items()})
    return names


def _raw(value: Any) -> Any:
    """A YAML scalar as the model should convert it: floats as written (2.5, not 2.4999…)."""
    if isinstance(value, float):
        return repr(value)
    return value.strip() if isinstance(value, str) else value


def _page_fields(meta: dict[str, Any], problems: _Problems) -> dict[str, Any]:
    """The plain page fields from the front matter, as raw values (the model converts)."""
    fields: dict[str, Any] = {}
    for model_field, key in _field_names().items():
        if key.startswith("body:"):
            continue
        value = _lookup(meta, key)
        if value is None:  # left out: the field's default, so removing a line clears it
            fields[model_field] = PracticePage._meta.get_field(model_field).get_default()
            continue
        if isinstance(value, dict | list):
            problems.add(key, "must be a single value, not a list or mapping")
            continue
        fields[model_field] = _raw(value)
    return fields


def _category_slugs(
    meta: dict[str, Any], kind: TaxonomyKind, known: dict[str, set[str]], problems: _Problems
) -> tuple[str, ...]:
    key = kind.front_matter
    raw = _lookup(meta, key)
    values = raw if isinstance(raw, list) else ([] if raw is None else [raw])
    slugs = [str(value).strip() for value in values if str(value).strip()]
    if not slugs:
        problems.add(key, "needs at least one value" if kind.many else "is required")
    elif not kind.many and len(slugs) > 1:
        problems.add(key, "takes one value")
    for slug in slugs:
        if slug not in known[kind.name]:
            choices = sorted(known[kind.name])
            hint = f" (known: {', '.join(choices)})" if len(choices) <= 12 else ""
            problems.add(
                key,
                f"unknown {kind.name.replace('_', ' ')} {slug!r}{hint}; "
                f"add it to content/taxonomy/{kind.file_name} first",
            )
    if len(set(slugs)) != len(slugs):
        problems.add(key, "lists a value twice")
    return tuple(slugs)


def _child_rows(
    value: Any, key: str, relation: str, names: dict[str, str], problems: _Problems
) -> list[dict[str, Any]]:
    """Rows for an inline relation (figures, sources, …), each validated by its model."""
    if value is None or value == []:
        if key in REQUIRED_CHILDREN:
            problems.add(key, "needs at least one entry")
        return []
    if not isinstance(value, list):
        problems.add(key, "must be a list")
        return []
    model = PracticePage._meta.get_field(relation).related_model
    inverse = {model_field: row_key for row_key, model_field in names.items()}
    rows = []
    for position, item in enumerate(value):
        where = f"{key}[{position}]"
        if key in PLAIN_ROWS:
            item = {"name": item}
        elif not isinstance(item, dict):
            problems.add(where, "must be a mapping of fields")
            continue
        for unknown in sorted(set(item) - set(names)):
            problems.add(f"{where}.{unknown}", f"unknown field (allowed: {', '.join(names)})")
        row = {names[k]: _raw(v) for k, v in item.items() if k in names and v is not None}
        instance = model(**row)
        try:
            instance.full_clean(exclude=["page", "sort_order"])
        except ValidationError as error:
            problems.add_validation(error, inverse, where if key in PLAIN_ROWS else f"{where}.")
            continue
        rows.append({name: getattr(instance, name) for name in row})
    return rows


def _validate_page(
    fields: dict[str, Any], children: dict[str, list[dict[str, Any]]], problems: _Problems
) -> None:
    """Let PracticePage check the fields, converting them in place (text → numbers, dates)."""
    page = PracticePage(**fields)
    names = _field_names()
    try:
        page.clean_fields(exclude=[*_WAGTAIL_FIELDS, *_CATEGORY_FK_FIELDS])
        page.clean_content()
    except ValidationError as error:
        problems.add_validation(error, names, "")
        return
    fields.update({name: getattr(page, name) for name in fields})


def practice_rules_check(practices: list[PracticeData]) -> list[ContentError]:
    """The model's rules that need the category rows, against the categories in the database.

    `clean_content()` judges the evidence level and outcome (a rung above the lowest needs a
    justification and a source; "werkt"/"werkt niet" needs results) by their rows, which a
    file names by slug. Run it once the corpus's categories are in the database: the load
    command loads them first, in the same transaction (rolled back under --check).
    """
    single = [kind for kind in TAXONOMY if not kind.many]
    rows = {kind.name: {row.slug: row for row in kind.model.objects.all()} for kind in single}
    names = {
        **_field_names(),
        **{kind.page_field: kind.front_matter for kind in single},
        NON_FIELD_ERRORS: "sources",
    }
    errors: list[ContentError] = []
    for data in practices:
        problems = _Problems(data.source_file)
        page = PracticePage(**data.fields)
        for kind in single:
            slug = data.categories[kind.name][0]
            if slug not in rows[kind.name]:
                problems.add(kind.front_matter, f"{slug!r} was deleted in the admin")
                continue
            setattr(page, kind.page_field, rows[kind.name][slug])
        if not problems.errors:
            try:
                page.clean_content(source_count=len(data.children.get("sources", ())))
            except ValidationError as error:
                problems.add_validation(error, names, "")
        errors.extend(problems.errors)
    return errors


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
    if order != [name for name in BODY_SECTIONS if name in order] and len(set(order)) == len(order):
        problems.add("body", f"sections must be in the order {', '.join(BODY_SECTIONS)}")
    return {BODY_SECTIONS[name]: "\n".join(lines).strip() for name, lines in sections.items()}
