"""Split a content file into its YAML front matter and its Markdown body.

Shared by the loader (content/loader.py) and the source check (content/sources_check.py), so
both read a practice file exactly alike.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.DOTALL)


class FrontMatterError(ValueError):
    """The file has no front matter, or it is not a YAML mapping."""


def yaml_reason(exc: yaml.YAMLError) -> str:
    """A YAML error as one line with its position: 'found … (line 3, column 7)'."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})" if mark else problem


def front_matter_split(text: str) -> tuple[dict[str, Any], str]:
    """The front matter as a mapping and the body after it; FrontMatterError if malformed."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise FrontMatterError("the file must start with YAML front matter between two '---' lines")
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML: {yaml_reason(exc)}") from None
    if not isinstance(meta, dict):
        raise FrontMatterError("must be a mapping of fields")
    return meta, match.group(2)
