"""PostgreSQL only: tell the planner that a tag's value depends on its kind.

Without it PostgreSQL multiplies the selectivity of ``kind = 'job'`` by that of ``value = 'backend'`` as if
they were independent and expects ~6x fewer rows than ``job:backend`` really has (18k instead of 100k on
the bench pool). With that error it chooses to fetch and sort every match for a first page instead of
walking the newest-first index (the "done-when demo" segment: 1.2 s instead of tens of ms). Extended
statistics (MCV list over the pair) give the true count per (kind, value). SQLite's ANALYZE already
records rows per (kind, value) prefix of cand_tag_lookup, so there is nothing to do there.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Serves every tag term: job:, skill:, tag:, interest:, lang:, contract:.
        schema_editor.execute("CREATE STATISTICS IF NOT EXISTS seg_tag_kind_value (dependencies, mcv) "
                              "ON kind, value FROM pool_candidatetag")
        schema_editor.execute("ANALYZE pool_candidatetag")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP STATISTICS IF EXISTS seg_tag_kind_value")


class Migration(migrations.Migration):
    dependencies = [("segments", "0004_covering_count_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
