"""Trigram indexes for the database engine's term matching on PostgreSQL.

The engine matches terms with `LIKE '% term %'` (search/engines/database.py), which without
an index reads every entry for every clause and facet count. pg_trgm's GIN indexes answer
such patterns from the index. Only on PostgreSQL (pg_trgm is a trusted extension since 13,
so the database owner can create it); SQLite keeps scanning, which is fine at its sizes.
"""

from django.db import migrations

COLUMNS = ("terms", "title_terms", "words")


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_searchentry_{column}_trgm "
            f"ON search_searchentry USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_searchentry_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_index_generation")]

    operations = [migrations.RunPython(create, drop)]
