"""Trigram indexes for the database engine's phrase bonus on PostgreSQL.

A query of several words scores practices with the words as a phrase in their title or
summary higher (search/engines/database.py), with Django's `icontains`, which PostgreSQL
runs as `UPPER(column::text) LIKE UPPER('%phrase%')`. Without an index that reads every
title and summary (about 35 ms at 10,000 practices); these expression indexes on exactly
that expression answer it from the index. Only on PostgreSQL, like 0005.
"""

from django.db import migrations

# (index name, table, column)
INDEXES = (
    ("search_page_title_upper_trgm", "wagtailcore_page", "title"),
    ("search_practice_summary_upper_trgm", "practices_practicepage", "summary"),
)


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_search_entry_term_vectors"),
        ("practices", "0003_editorial_desk"),
    ]

    operations = [migrations.RunPython(create, drop)]
