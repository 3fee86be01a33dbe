"""Which pages' database entries (SearchEntry) hold a term: the database engine's lookups.

All lookups of a search are answered together. On PostgreSQL each text column of SearchEntry
has a tsvector twin whose lexemes are exactly its terms, with a GIN index (migration 0006):
a lookup reads the index, never the text, so a term in every practice costs as little as a
rare one, and all lookups are one query. Elsewhere (SQLite: `make run`, small catalogues) a
lookup is `LIKE '% term %'` on the padded text, one query each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from search.models import SearchEntry

FIELDS = ("terms", "title_terms", "words")


@dataclass(frozen=True)
class Lookup:
    """Entries whose `field` holds `term` as a whole term, or (`prefix`) a term beginning so."""

    field: str
    term: str
    prefix: bool = False


Found = dict[Lookup, frozenset[int]]


def pages_with(lookups: Iterable[Lookup]) -> Found:
    """The page ids for each lookup."""
    lookups = list(dict.fromkeys(lookups))
    if not lookups:
        return {}
    if connection.vendor == "postgresql":
        return _indexed(lookups)
    return {lookup: _scanned(lookup) for lookup in lookups}


def _scanned(lookup: Lookup) -> frozenset[int]:
    needle = f" {lookup.term}" if lookup.prefix else f" {lookup.term} "
    entries = SearchEntry.objects.filter(**{f"{lookup.field}__contains": needle})
    return frozenset(entries.values_list("page_id", flat=True))


def _tsquery(lookup: Lookup) -> str:
    """The lookup as a tsquery of one lexeme, quoted as tsquery syntax wants."""
    quoted = "'" + lookup.term.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if lookup.prefix else "")


def _indexed(lookups: list[Lookup]) -> Found:
    """One query, one row per lookup. The lexeme is a column of `unnest`, unknown when the
    query is planned, so each subquery is planned for a rare term and reads the GIN index
    (for a term in most entries the planner would otherwise read every tsvector)."""
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    selects, params = [], []
    for field in FIELDS:
        numbered = [(n, lookup) for n, lookup in enumerate(lookups) if lookup.field == field]
        if not numbered:
            continue
        column = connection.ops.quote_name(f"{field}_vector")
        selects.append(
            f"SELECT q.n, ARRAY(SELECT e.page_id FROM {table} e "
            f"WHERE e.{column} @@ q.query::tsquery) "
            f"FROM unnest(%s::text[], %s::int[]) AS q(query, n)"
        )
        params += [[_tsquery(lookup) for _n, lookup in numbered], [n for n, _l in numbered]]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return {lookups[n]: frozenset(page_ids) for n, page_ids in cursor.fetchall()}
