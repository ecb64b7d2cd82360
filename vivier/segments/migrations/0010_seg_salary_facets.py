"""The salary range with the contract and language bits: "salary<=60000 lang:en contract:permanent".

The salary term reads a range of (team, salary_amount); the language and contract terms are tests on
``facets`` (vivier.pool.facets), read from the same index entry. The count needs nothing else: no candidate
row, no tag probe (bench/segments.py, a million candidates: 423 -> 32 ms on SQLite). The period
comes second to last because salary terms also test it (``salary_period IN ('year', '')``).
"""

from django.db import migrations

from vivier.lib.dbstats import reanalyze_if_analyzed


def forwards(apps, schema_editor):
    schema_editor.execute("CREATE INDEX IF NOT EXISTS seg_cand_team_salary_facets ON pool_candidate "
                          "(team_id, salary_amount, salary_period, facets)")
    reanalyze_if_analyzed(schema_editor.connection)


def backwards(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS seg_cand_team_salary_facets")


class Migration(migrations.Migration):
    dependencies = [("segments", "0009_seg_seniority_probe_pg"), ("pool", "0007_candidate_facets")]

    operations = [migrations.RunPython(forwards, backwards)]
