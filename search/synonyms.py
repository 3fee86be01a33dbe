"""The curated synonym list (search/synonyms.txt), read once for both search engines."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from search.text import fold

SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")


@lru_cache(maxsize=1)
def synonym_rules() -> tuple[str, ...]:
    """The rules as Elasticsearch's synonym_graph filter takes them (Solr format)."""
    rules = []
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rules.append(line)
    return tuple(rules)


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Each rule as a group of folded phrases; a one-way rule `a => b` counts as a group."""
    groups = []
    for rule in synonym_rules():
        phrases = [part for side in rule.split("=>") for part in side.split(",")]
        groups.append(tuple(dict.fromkeys(fold(p) for p in phrases if p.strip())))
    return tuple(groups)
