"""The curated synonym list (search/synonyms.txt), read once for both search engines.

Editors propose changes to the file; a developer reviews them (tests/test_synonyms.py checks
the format and that no spelling sits in two groups). A change takes effect after a reload:
- Elasticsearch: `manage.py search_index rebuild`. The rules live in the index settings
  (`synonym_graph` in the search analyzer); the rebuild creates a new index behind the alias,
  with no downtime. This is a rebuild, not an updateable synonym set: the local engine has
  no synonyms API, and a rebuild of this catalogue takes seconds.
- Database engine: restart the web and worker processes (the file is read once a process).
"""

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


def synonym_problems() -> list[str]:
    """What is wrong with the list: unfolded text, a one-word group, a spelling in two groups."""
    problems = []
    seen: dict[str, int] = {}
    pairs = zip(synonym_rules(), synonym_groups(), strict=True)
    for number, (rule, group) in enumerate(pairs, start=1):
        if rule != fold(rule):
            problems.append(f"rule {number}: write it lowercase without accents: {rule!r}")
        if len(group) < 2:
            problems.append(f"rule {number}: a group needs two spellings: {rule!r}")
        for phrase in group:
            if phrase in seen:
                problems.append(f"rule {number}: {phrase!r} is also in rule {seen[phrase]}")
            seen.setdefault(phrase, number)
    return problems
