"""PostgreSQL only: tell the planner that a tag's value depends on its kind.

Without it PostgreSQL multiplies the selectivity of ``kind = 'job'`` by that of ``value = 'backend'`` as if
they were independent, expects several times fewer rows than ``job:backend`` has, and then fetches and sorts
every match for a first page instead of walking the newest-first index. Extended statistics (MCV list over
the pair) give the true count per (kind, value). SQLite's ANALYZE already records rows per (kind, value)
prefix of cand_tag_lookup, so there is nothing to do there.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Serves every tag term: job:, skill:, tag:, interest:, lang:, contract:.
        schema_editor.execute(
            "CREATE STATISTICS IF NOT EXISTS seg_tag_kind_value (dependencies, mcv) ON kind, value FROM pool_candidatetag"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP STATISTICS IF EXISTS seg_tag_kind_value")


class Migration(migrations.Migration):
    dependencies = [("pool", "0004_search_trigram")]

    operations = [migrations.RunPython(forwards, backwards)]
