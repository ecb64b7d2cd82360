"""Covering indexes so the counts of typical segments read an index alone, not the wide candidate rows.

A count that must visit each matching candidate row (hundreds of bytes, random order) costs seconds on a
million-candidate pool; the same count over a narrow index range costs milliseconds. Two indexes of 0002
become prefixes of wider ones here and are dropped. Plain SQL runs unchanged on SQLite and PostgreSQL.
"""

from django.db import migrations

INDEXES = [
    # "last_contacted>6m replied:no" (stale, no reply) and "contacted:never remote:remote": the contact
    # date range (or IS NULL), then the reply date and the remote preference tested from the index itself.
    # Replaces seg_cand_team_contacted (team_id, last_contacted_at), its prefix.
    ("seg_cand_team_contact_reply", "pool_candidate",
     "team_id, last_contacted_at, last_reply_at, remote_preference"),
    # "city:Paris years>=5": the city, then years of experience from the index. The trailing plain city
    # column lets PostgreSQL answer from the index alone (it does not do index-only scans for a column it
    # only sees inside lower()). Replaces seg_cand_team_city (team_id, lower(city)), its prefix (value
    # suggestions use that prefix).
    ("seg_cand_team_city_years", "pool_candidate", "team_id, (lower(city)), years_experience, city"),
    # "reason:salary snoozed:false": the decline reason, then the snooze date from the index.
    ("seg_cand_team_reason_snooze", "pool_candidate", "team_id, last_decline_reason, snoozed_until"),
    # "source:lever": the term is lower(name) = 'lever' OR kind = 'lever'; with an index on each side both
    # planners union two index reads instead of scanning every source row.
    ("seg_source_kind", "pool_candidatesource", "kind, candidate_id"),
]
REPLACED = [
    ("seg_cand_team_contacted", "pool_candidate", "team_id, last_contacted_at"),
    ("seg_cand_team_city", "pool_candidate", "team_id, (lower(city))"),
]


class Migration(migrations.Migration):
    dependencies = [("segments", "0003_search_text_trigram")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ] + [
        migrations.RunSQL(
            sql=f"DROP INDEX IF EXISTS {name}",
            reverse_sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
        )
        for name, table, columns in REPLACED
    ]
