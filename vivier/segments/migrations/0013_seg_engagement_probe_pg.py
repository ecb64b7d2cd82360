"""PostgreSQL: a narrow (team, id) probe index for a tag term with an engagement, experience or place term.

"job:backend replied:no", "job:backend city:Lyon", "job:backend years>=10", "job:data intent:interested",
"job:backend country:FR": the count reads the tag term's candidate ids and checks each candidate's column.
None of the probe indexes carried these columns (seg_cand_team_id_facts, 0006, has the contact and snooze
dates, not the reply), so the planner scanned the whole table in parallel and hash-joined it. Probing this
index instead, index-only, on a million candidates (this 2-core machine, p50 of 7, paired runs):
replied:no 273 -> 93 ms, city 194 -> 132, years 296 -> 105, intent 137 -> 87, country 301 -> 90. 60 MB.

SQLite has no INCLUDE and its import speed is a target of its own: a key this wide would be maintained on
every imported row, and SQLite's counts of these combinations (90-140 ms) probe the candidate row instead.
"""

from django.db import migrations

ENGAGEMENT = "last_reply_at, last_reply_intent, last_decline_reason, years_experience, city, country"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS seg_cand_team_id_engagement ON pool_candidate "
                              f"(team_id, id) INCLUDE ({ENGAGEMENT})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS seg_cand_team_id_engagement")


class Migration(migrations.Migration):
    dependencies = [("segments", "0012_seg_narrow_probes")]

    operations = [migrations.RunPython(forwards, backwards)]
