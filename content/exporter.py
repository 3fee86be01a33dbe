"""Write the published catalogue back as content files: the loader's format, read in reverse.

Everything here is derived from the loader's declarations (content/loader.py: the front-matter
keys of each page field, CHILD_ROWS, BODY_SECTIONS; practices/taxonomy.py: TAXONOMY), so a
field added to the loader comes out of the export too. A practice is first turned into the
same `PracticeData` the loader builds from a file (`practice_data`), then written
(`practice_file_text`); reading that text back gives the same data, and exporting a loaded
export again gives the same bytes (tests/test_export_content.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import models

from content.generate import MARK
from content.loader import (
    BODY_SECTIONS,
    CHILD_ROWS,
    FILE_ORDER,
    NESTED_FIELDS,
    PLAIN_ROWS,
    _field_names,
    _taxonomy_fields,
)
from practices.models import PracticePage
from practices.services import PracticeData
from practices.taxonomy import TAXONOMY, TaxonomyKind

WIDTH = 100  # YAML lines are folded at about this width, like the hand-written files


class _Dumper(yaml.SafeDumper):
    """Like the hand-written files: block mappings, list items indented under their key, lists
    of plain values on one line, long text folded (`>-`), text of several lines as `|`."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else (">" if len(value) > WIDTH - 20 else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    flow = all(not isinstance(item, dict | list) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    """As the number it is (52.083, 8.5, 450000): the loader reads it back exactly."""
    text = format(value.normalize(), "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(Decimal, _represent_decimal)


def _yaml(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=WIDTH, indent=2
    )


def _empty(value: Any) -> bool:
    """What a file leaves out: the loader reads a missing key as the field's empty default."""
    return value is None or value == "" or value is False or value == [] or value == {}


# --- Practices --------------------------------------------------------------------------------


def published_practices() -> models.QuerySet:
    """Every live practice except the benchmark's generated ones, by slug."""
    return (
        PracticePage.objects.live()
        .exclude(source_file__startswith=MARK)
        .with_relations()
        .order_by("slug")
    )


def practice_data(page: PracticePage) -> PracticeData:
    """The practice as the loader would read it from its file: fields, slugs and rows."""
    categories = {}
    for kind in TAXONOMY:
        value = getattr(page, kind.page_field)
        items = value.all() if kind.many else [value]
        categories[kind.name] = tuple(item.slug for item in items)
    children = {}
    for relation, names in CHILD_ROWS.values():
        # By position, then by creation (rows loaded before positions were kept have none).
        rows = sorted(getattr(page, relation).all(), key=lambda r: (r.sort_order or 0, r.pk))
        children[relation] = tuple(
            {name: getattr(row, name) for name in names.values() if not _empty(getattr(row, name))}
            for row in rows
        )
    return PracticeData(
        slug=page.slug,
        fields={name: getattr(page, name) for name in _field_names()},
        categories=categories,
        children=children,
        source_file=f"practices/{page.slug}.md",
    )


def _put(meta: dict[str, Any], dotted: str, value: Any) -> None:
    """meta['evidence']['level'] = value for 'evidence.level', creating the mapping."""
    *parents, last = dotted.split(".")
    for step in parents:
        meta = meta.setdefault(step, {})
    meta[last] = value


def _nested_keys(parent: str) -> list[str]:
    """The keys inside a mapping such as `evidence`: categories, then fields, then rows."""
    dotted = [
        *(kind.front_matter for kind in TAXONOMY),
        *(f"{parent}.{key}" for key in NESTED_FIELDS.get(parent, {})),
        *CHILD_ROWS,
    ]
    return [key.split(".", 1)[1] for key in dotted if key.startswith(f"{parent}.")]


def _ordered(meta: dict[str, Any]) -> dict[str, Any]:
    """Keys in the order of a hand-written file (FILE_ORDER); anything undeclared at the end."""
    ordered = {}
    for key in [*FILE_ORDER, *meta]:
        if key in meta and key not in ordered:
            value = meta[key]
            if isinstance(value, dict):
                inner = [*_nested_keys(key), *value]
                value = {k: value[k] for k in dict.fromkeys(inner) if k in value}
            ordered[key] = value
    return ordered


def practice_front_matter(data: PracticeData) -> dict[str, Any]:
    """The front matter for `data`, empty values left out (the loader reads them as empty)."""
    meta: dict[str, Any] = {}
    sections = set(BODY_SECTIONS.values())
    for model_field, key in _field_names().items():
        if model_field not in sections and not _empty(data.fields[model_field]):
            _put(meta, key, data.fields[model_field])
    for kind in TAXONOMY:
        slugs = list(data.categories[kind.name])
        _put(meta, kind.front_matter, slugs if kind.many else slugs[0])
    for key, (relation, names) in CHILD_ROWS.items():
        file_key = {field: row_key for row_key, field in names.items()}
        rows = [
            row["name"] if key in PLAIN_ROWS else {file_key[f]: v for f, v in row.items()}
            for row in data.children[relation]
        ]
        if rows:
            _put(meta, key, rows)
    return _ordered(meta)


def practice_file_text(data: PracticeData) -> str:
    """The whole file: front matter between `---` lines, then the `## …` body sections."""
    body = []
    for title, model_field in BODY_SECTIONS.items():
        text = (data.fields.get(model_field) or "").strip()
        if text:
            body.append(f"## {title}\n{text}\n")
    return f"---\n{_yaml(practice_front_matter(data))}---\n\n" + "\n".join(body)


# --- Taxonomy ---------------------------------------------------------------------------------


def _entry_value(field: models.Field, value: Any) -> Any:
    """A text of several lines (a theme's keywords) as a YAML list; the loader joins it back."""
    if isinstance(field, models.TextField) and isinstance(value, str) and "\n" in value:
        return value.split("\n")
    return value


def taxonomy_entries(kind: TaxonomyKind) -> list[dict[str, Any]]:
    """Every entry of one list, in the order editors set, with the fields a file may hold."""
    fields = _taxonomy_fields(kind.model)
    ordering = [name for name in kind.model._meta.ordering if name != "sort_order"]
    entries = []
    for item in kind.model.objects.order_by("sort_order", *ordering, "pk"):
        entry = {
            name: _entry_value(field, getattr(item, name))
            for name, field in fields.items()
            if not _empty(getattr(item, name))
        }
        entries.append({"slug": entry.pop("slug"), **entry})
    return entries


def taxonomy_file_text(kind: TaxonomyKind) -> str:
    return _yaml(taxonomy_entries(kind))


# --- The whole catalogue ----------------------------------------------------------------------


@dataclass
class ExportResult:
    practices: int
    categories: dict[str, int]
    written: list[Path]  # files whose content changed (or are new)
    stale: list[Path]  # practice files under the output with no published practice


def _write(path: Path, text: str, written: list[Path]) -> None:
    # Text saved through the admin's textareas has Windows line ends; files use "\n".
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    written.append(path)


def catalogue_export(*, root: Path, prune: bool = False) -> ExportResult:
    """Write every category list and published practice under `root` (taxonomy/, practices/).

    Practice files under `root` that no published practice matches (unpublished or deleted in
    the admin) are reported as stale, and removed only with `prune`.
    """
    written: list[Path] = []
    categories = {}
    for kind in TAXONOMY:
        entries = taxonomy_entries(kind)
        categories[kind.plural] = len(entries)
        _write(root / "taxonomy" / kind.file_name, _yaml(entries), written)
    slugs = set()
    for page in published_practices():
        slugs.add(page.slug)
        _write(
            root / "practices" / f"{page.slug}.md", practice_file_text(practice_data(page)), written
        )
    stale = sorted(p for p in (root / "practices").glob("*.md") if p.stem not in slugs)
    if prune:
        for path in stale:
            path.unlink()
    return ExportResult(len(slugs), categories, written, stale)
