"""Term vectors for the database engine's lookups on PostgreSQL, in place of trigram indexes.

The trigram indexes of 0005 narrow `LIKE '% term %'` by trigrams, but every candidate's text
is then scanned again: a term found in most practices ("wijk") reads every entry, once per
clause. Each text column now has a generated tsvector twin whose lexemes are exactly its
space-separated terms (no parser, no dictionary: `array_to_tsvector`), with a GIN index, so a
lookup is an exact read of the index (search/engines/postings.py). The trigram indexes on
`terms` and `words` are dropped (nothing matches them with LIKE on PostgreSQL any more); the
one on `title_terms` stays for suggestions. The columns are not model fields: the database
fills them, Django never reads or writes them. SQLite keeps scanning, fine at its sizes.
"""

from django.db import migrations

COLUMNS = ("terms", "title_terms", "words")
DROPPED_TRIGRAM_INDEXES = ("terms", "words")


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS {column}_vector tsvector "
            f"GENERATED ALWAYS AS "
            f"(array_to_tsvector(array_remove(string_to_array({column}, ' '), ''))) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_searchentry_{column}_vector "
            f"ON search_searchentry USING gin ({column}_vector)"
        )
    for column in DROPPED_TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_searchentry_{column}_trgm")


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in DROPPED_TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_searchentry_{column}_trgm "
            f"ON search_searchentry USING gin ({column} gin_trgm_ops)"
        )
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE search_searchentry DROP COLUMN IF EXISTS {column}_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_search_entry_trigram_indexes")]

    operations = [migrations.RunPython(create, drop)]
