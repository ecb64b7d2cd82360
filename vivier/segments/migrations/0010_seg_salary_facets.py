"""The salary range with the contract and language bits: "salary<=60000 lang:en contract:permanent".

The salary term reads a range of (team, salary_amount); the language and contract terms are tests on
``facets`` (vivier.pool.facets), read from the same index entry. The count needs nothing else: no candidate
row, no tag probe (bench/segments.py, a million candidates: 423 -> 32 ms on SQLite). The period
comes second to last because salary terms also test it (``salary_period IN ('year', '')``).
"""

from django.db import migrations


def _refresh_sqlite_statistics(schema_editor):
    """As in 0006: once the pool has statistics, a new index without them looks far more selective than it is."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'pool_candidate' LIMIT 1")
            if cursor.fetchone():
                cursor.execute("ANALYZE pool_candidate")


def forwards(apps, schema_editor):
    schema_editor.execute("CREATE INDEX IF NOT EXISTS seg_cand_team_salary_facets ON pool_candidate "
                          "(team_id, salary_amount, salary_period, facets)")
    if schema_editor.connection.vendor == "sqlite":
        _refresh_sqlite_statistics(schema_editor)


def backwards(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS seg_cand_team_salary_facets")


class Migration(migrations.Migration):
    dependencies = [("segments", "0009_seg_seniority_probe_pg"), ("pool", "0007_candidate_facets")]

    operations = [migrations.RunPython(forwards, backwards)]
