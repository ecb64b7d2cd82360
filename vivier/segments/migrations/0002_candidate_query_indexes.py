"""Indexes on the pool's tables shaped for segment queries.

They live here (not in ``pool.models``) because the segments app owns the queries they serve. Plain
``CREATE INDEX IF NOT EXISTS`` runs unchanged on SQLite and PostgreSQL.
"""

from django.db import migrations

INDEXES = [
    # Segment members and GET /api/candidates: team's candidates, newest first, stable paging by id.
    ("seg_cand_team_created_id", "pool_candidate", "team_id, created_at DESC, id DESC"),
    # within:30km:Lyon -> the latitude/longitude bounding box before the distance test.
    ("seg_cand_team_lat_lon", "pool_candidate", "team_id, latitude, longitude"),
    # city:Lyon -> LOWER(city) IN (...).
    ("seg_cand_team_city", "pool_candidate", "team_id, (lower(city))"),
    # seniority>=senior.
    ("seg_cand_team_seniority", "pool_candidate", "team_id, seniority"),
    # contacted:never / last_contacted>6m.
    ("seg_cand_team_contacted", "pool_candidate", "team_id, last_contacted_at"),
    # replied:yes|no / intent:interested / reason:salary.
    ("seg_cand_team_reply", "pool_candidate", "team_id, last_reply_intent, last_decline_reason"),
    # country:FR.
    ("seg_cand_team_country", "pool_candidate", "team_id, country"),
    # source:lever -> candidate ids whose source name matches, case-insensitively.
    ("seg_source_lower_name", "pool_candidatesource", "(lower(name)), candidate_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("segments", "0001_initial"),
        ("pool", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
