"""Narrow indexes for the exact counts of segments that combine a tag or source term with candidate columns.

A count such as "skill:python seniority>=senior" reads the candidate ids of the tag term and, for each,
checks the candidate's team and columns. Done on the candidate rows (hundreds of bytes each, spread over the
whole table) that check costs a random page per match; done on a narrow index keyed by (team, id) that
carries the columns segments filter on, it stays in a compact structure: SQLite probes it by
(team_id, id), PostgreSQL probes it index-only. On a million candidates (bench/segments.py, loaded
machine): "job:backend" 650 -> 190 ms and "commutable:Lyon job:data" 1000 -> 200 ms on PostgreSQL;
"skill:python seniority>=senior" 190 -> 140 ms and the done-when demo 190 -> 130 ms of CPU on SQLite. Plain SQL, except that PostgreSQL carries the extra
columns as INCLUDE (not part of the key), which SQLite does not support.
"""

from django.db import migrations

# The candidate columns read by the terms that come with tag/source terms in typical segments.
FACTS = ("seniority, salary_period, salary_amount, consent_basis, consent_expires_at, in_active_campaign, "
         "latitude, longitude, max_commute_km, open_to_relocation, remote_preference, last_contacted_at, "
         "snoozed_until")

INDEXES = [
    # "contacted:never remote:remote" (never contacted remote): the remote preference, then the contact date
    # range (or IS NULL): exactly the matches, where (team, last_contacted_at, ...) reads every candidate
    # never contacted (45% of the pool) to keep the remote ones.
    ("seg_cand_team_remote_contacted", "pool_candidate", "team_id, remote_preference, last_contacted_at"),
    # "last_contacted>6m replied:no" (stale, no reply): no reply (IS NULL), then the contact date range:
    # exactly the matches, where (team, last_contacted_at, last_reply_at) also reads those who replied.
    ("seg_cand_team_noreply_contacted", "pool_candidate", "team_id, last_reply_at, last_contacted_at"),
]


def _refresh_sqlite_statistics(schema_editor):
    """SQLite plans with sqlite_stat1: once the pool has statistics, a new index without them looks far more
    selective than it is (defaults) and may be chosen for the wrong query. Re-analyze the table then."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'pool_candidate' LIMIT 1")
            if cursor.fetchone():
                cursor.execute("ANALYZE pool_candidate")


def forwards(apps, schema_editor):
    # Tag/source terms with candidate columns: "job:backend", "skill:python seniority>=senior",
    # "salary<=60000 lang:en contract:permanent", "source:lever consent:valid in_campaign:false",
    # "commutable:Lyon job:data", "(skill:rust OR skill:scala) -job:data", and the done-when demo
    # "job:backend within:30km:Lyon seniority>=senior (contacted:never OR last_contacted>6m) snoozed:false".
    if schema_editor.connection.vendor == "postgresql":
        columns = f"team_id, id) INCLUDE ({FACTS}"
    else:
        columns = f"team_id, id, {FACTS}"
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS seg_cand_team_id_facts ON pool_candidate ({columns})")
    for name, table, cols in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols})")
    if schema_editor.connection.vendor == "sqlite":
        _refresh_sqlite_statistics(schema_editor)


def backwards(apps, schema_editor):
    for name in ["seg_cand_team_id_facts", *(i[0] for i in INDEXES)]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("segments", "0005_tag_statistics")]

    operations = [migrations.RunPython(forwards, backwards)]
