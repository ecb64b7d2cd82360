"""A narrow (team, id) probe index for a tag term with an engagement, experience or place term.

"job:backend replied:no", "job:backend years>=10", "job:data intent:interested", "job:backend reason:salary",
"job:backend country:FR", "job:backend city:Lyon": the count reads the tag term's candidate ids and checks
each candidate's column. No probe index carried these columns (seg_cand_team_id_facts, 0006, has the
contact and snooze dates, not the reply), so PostgreSQL scanned the whole table in parallel and hash-joined
it, and SQLite probed the wide candidate row. On a million candidates (this 2-core machine, p50 of 7,
paired runs with and without it):
- PostgreSQL, index-only probes (columns as INCLUDE): replied:no 273 -> 93 ms, years 296 -> 105,
  intent 137 -> 87, country 301 -> 90, city 194 -> 132. 60 MB.
- SQLite (columns in the key): replied:no 113 -> 58 ms, intent 121 -> 53, years 136 -> 54, country
  91 -> 52; city:Lyon reads the city index first and is unchanged. A large import sets it aside and
  rebuilds it with the others (3 s a million candidates).
"""

from django.db import migrations

from vivier.lib.dbstats import reanalyze_if_analyzed

ENGAGEMENT = "last_reply_at, last_reply_intent, last_decline_reason, years_experience, city, country"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        columns = f"team_id, id) INCLUDE ({ENGAGEMENT}"
    else:
        columns = f"team_id, id, {ENGAGEMENT}"
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS seg_cand_team_id_engagement ON pool_candidate ({columns})")
    reanalyze_if_analyzed(schema_editor.connection)  # SQLite only


def backwards(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS seg_cand_team_id_engagement")


class Migration(migrations.Migration):
    dependencies = [("segments", "0012_seg_narrow_probes")]

    operations = [migrations.RunPython(forwards, backwards)]
