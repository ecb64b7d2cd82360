"""PostgreSQL only: a trigram index so free words (``search_text LIKE '%word%'``) do not scan the pool.

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. Where it cannot be
created, the migration leaves free-word search to a sequential scan rather than failing. SQLite has its own
word index instead (0002_search_words).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if not cursor.fetchone():
            cursor.execute("SAVEPOINT seg_trgm")
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception:  # no privilege: keep the sequential scan
                cursor.execute("ROLLBACK TO SAVEPOINT seg_trgm")
                return
            cursor.execute("RELEASE SAVEPOINT seg_trgm")
        # Free words and quoted phrases: search_text LIKE '%...%'.
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS seg_cand_search_trgm ON pool_candidate USING gin (search_text gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS seg_cand_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("pool", "0003_segment_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
