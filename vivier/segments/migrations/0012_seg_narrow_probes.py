"""Narrow (team, id) probe indexes for a tag term with seniority, or with the commute test.

"skill:python seniority>=senior" and "commutable:Lyon job:data" read the tag term's candidate ids and probe
the candidate columns of each. Both databases probe the narrowest index holding what the query reads; until
now that was seg_cand_team_id_facts (0006, 13 columns), a deeper tree than these. On SQLite, a million
candidates (bench/segments.py, CPU time of the count): skill+seniority 78 -> 53 ms with (team_id, id,
seniority), commutable 84 -> 63 ms with the commute columns. PostgreSQL has the seniority one already
(0009) and gets the commute one, with its columns as INCLUDE.
"""

from django.db import migrations

from vivier.lib.dbstats import reanalyze_if_analyzed

COMMUTE = "open_to_relocation, remote_preference, max_commute_km, latitude, longitude"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # "commutable:Lyon job:data": relocation, remote and the distance to the place within the candidate's
        # own max commute, for each candidate of a tag term, index-only.
        schema_editor.execute("CREATE INDEX IF NOT EXISTS seg_cand_team_id_commute ON pool_candidate "
                              f"(team_id, id) INCLUDE ({COMMUTE})")
        return
    # "skill:python seniority>=senior" (PostgreSQL: 0009).
    schema_editor.execute("CREATE INDEX IF NOT EXISTS seg_cand_team_id_seniority ON pool_candidate "
                          "(team_id, id, seniority)")
    # "commutable:Lyon job:data".
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS seg_cand_team_id_commute ON pool_candidate (team_id, id, {COMMUTE})")
    reanalyze_if_analyzed(schema_editor.connection)


def backwards(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS seg_cand_team_id_commute")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS seg_cand_team_id_seniority")


class Migration(migrations.Migration):
    dependencies = [("segments", "0011_seg_source_bits")]

    operations = [migrations.RunPython(forwards, backwards)]
