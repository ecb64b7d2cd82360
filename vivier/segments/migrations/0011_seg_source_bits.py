"""Source terms with consent and campaign: "source:lever consent:valid in_campaign:false".

``source:`` is a test on ``source_bits`` (vivier.pool.facets); with the consent and campaign columns beside it
the count is one scan of this narrow index, without a source row or a candidate row. Before, PostgreSQL
hash-joined every source row with every candidate (bench/segments.py, a million candidates: about 300 ms
idle) and SQLite probed the candidate index once per source row (155 ms).
"""

from django.db import migrations

from vivier.lib.dbstats import reanalyze_if_analyzed


def forwards(apps, schema_editor):
    schema_editor.execute("CREATE INDEX IF NOT EXISTS seg_cand_team_source_bits ON pool_candidate "
                          "(team_id, source_bits, consent_basis, consent_expires_at, in_active_campaign)")
    reanalyze_if_analyzed(schema_editor.connection)


def backwards(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS seg_cand_team_source_bits")


class Migration(migrations.Migration):
    dependencies = [("segments", "0010_seg_salary_facets"), ("pool", "0008_candidate_source_bits")]

    operations = [migrations.RunPython(forwards, backwards)]
