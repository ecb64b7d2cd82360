"""Indexes on the pool's tables shaped for segment queries (``vivier.segments.query``), each named after the
terms it serves.

Raw SQL because Django's ``Index`` cannot say what they need: expressions with a column beside them, and
columns carried as ``INCLUDE`` on PostgreSQL. The goal is that a typical segment's count reads a narrow
index range, never the wide candidate rows. The "probe" indexes are keyed by (team_id, id): a tag or source
term yields candidate ids, and each is checked there for its team and the columns the other terms test;
PostgreSQL carries those columns as ``INCLUDE`` (index-only probes), SQLite, which has no ``INCLUDE``, in the
key. Each database probes the narrowest index that holds what the query reads, hence several of them.
"""

from django.db import migrations

# The candidate columns read by the terms that come with tag/source terms in typical segments.
FACTS = (
    "seniority, salary_period, salary_amount, consent_basis, consent_expires_at, in_active_campaign, "
    "latitude, longitude, max_commute_km, open_to_relocation, remote_preference, last_contacted_at, "
    "snoozed_until"
)
COMMUTE = "open_to_relocation, remote_preference, max_commute_km, latitude, longitude"
ENGAGEMENT = "last_reply_at, last_reply_intent, last_decline_reason, years_experience, city, country"

# (name, table, key columns): the same on both databases.
INDEXES = [
    # Segment members and GET /api/candidates: team's candidates, newest first, stable paging by id.
    ("seg_cand_team_created_id", "pool_candidate", "team_id, created_at DESC, id DESC"),
    # within:30km:Lyon: the latitude/longitude bounding box before the distance test, with the columns that
    # come with a radius in a typical segment (seniority, last contacted, snoozed) and the id for the tag join.
    (
        "seg_cand_team_geo",
        "pool_candidate",
        "team_id, latitude, longitude, seniority, last_contacted_at, snoozed_until, id",
    ),
    # seniority>=senior.
    ("seg_cand_team_seniority", "pool_candidate", "team_id, seniority"),
    # replied:yes|no / intent:interested / reason:salary.
    ("seg_cand_team_reply", "pool_candidate", "team_id, last_reply_intent, last_decline_reason"),
    # country:FR.
    ("seg_cand_team_country", "pool_candidate", "team_id, country"),
    # source:lever: candidate ids whose source name matches, case-insensitively.
    ("seg_source_lower_name", "pool_candidatesource", "(lower(name)), candidate_id"),
    # "last_contacted>6m replied:no" and "contacted:never remote:remote": the contact date range (or IS NULL),
    # then the reply date and the remote preference tested from the index itself.
    (
        "seg_cand_team_contact_reply",
        "pool_candidate",
        "team_id, last_contacted_at, last_reply_at, remote_preference",
    ),
    # "city:Paris years>=5": the city, then years of experience. The trailing plain city lets PostgreSQL
    # answer from the index alone (it does no index-only scan for a column it only sees inside lower());
    # city value suggestions use the (team_id, lower(city)) prefix.
    ("seg_cand_team_city_years", "pool_candidate", "team_id, (lower(city)), years_experience, city"),
    # "reason:salary snoozed:false": the decline reason, then the snooze date.
    ("seg_cand_team_reason_snooze", "pool_candidate", "team_id, last_decline_reason, snoozed_until"),
    # "source:lever" is lower(name) = 'lever' OR kind = 'lever': with an index on each side both planners
    # union two index reads instead of scanning every source row.
    ("seg_source_kind", "pool_candidatesource", "kind, candidate_id"),
    # "contacted:never remote:remote": the remote preference, then the contact date range (or IS NULL).
    ("seg_cand_team_remote_contacted", "pool_candidate", "team_id, remote_preference, last_contacted_at"),
    # "last_contacted>6m replied:no": no reply (IS NULL), then the contact date range.
    ("seg_cand_team_noreply_contacted", "pool_candidate", "team_id, last_reply_at, last_contacted_at"),
    # "salary<=60000 lang:en contract:permanent": the salary range, the period (salary terms test it too)
    # and the contract and language bits (vivier.pool.facets), all from one index entry.
    ("seg_cand_team_salary_facets", "pool_candidate", "team_id, salary_amount, salary_period, facets"),
    # "source:lever consent:valid in_campaign:false": the source bits with the consent and campaign columns.
    (
        "seg_cand_team_source_bits",
        "pool_candidate",
        "team_id, source_bits, consent_basis, consent_expires_at, in_active_campaign",
    ),
]

# (name, columns) of the (team_id, id) probe indexes of pool_candidate, with the columns they carry.
PROBES = [
    # Tag/source terms with candidate columns: "job:backend within:30km:Lyon seniority>=senior
    # (contacted:never OR last_contacted>6m) snoozed:false", "source:lever consent:valid".
    ("seg_cand_team_id_facts", FACTS),
    # "job:backend replied:no", "job:backend years>=10", "job:data intent:interested", "job:backend
    # reason:salary", "job:backend country:FR", "job:backend city:Lyon".
    ("seg_cand_team_id_engagement", ENGAGEMENT),
    # "commutable:Lyon job:data": relocation, remote and the distance within the candidate's own max commute.
    ("seg_cand_team_id_commute", COMMUTE),
    # "skill:python seniority>=senior".
    ("seg_cand_team_id_seniority", "seniority"),
]

# SQLite only: (name, columns) on pool_candidate.
SQLITE_ONLY = [
    # "job:backend", "(skill:rust OR skill:scala) -job:data": the team check of each tag match. SQLite does
    # not choose Django's own (team_id) index for it (its statistics do not say (team_id, rowid) is unique).
    ("seg_cand_team_id", "team_id, id"),
    # Free words and quoted phrases ('"data engineer" spark': search_text LIKE '%...%'), which no B-tree can
    # seek: scanning this index reads the text alone, not the candidate rows. PostgreSQL has its trigram
    # index instead (0004_search_trigram).
    ("seg_cand_team_search", "team_id, search_text"),
]


def statements(vendor: str) -> list[str]:
    out = [f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})" for name, table, columns in INDEXES]
    for name, carried in PROBES:
        columns = f"team_id, id) INCLUDE ({carried}" if vendor == "postgresql" else f"team_id, id, {carried}"
        out.append(f"CREATE INDEX IF NOT EXISTS {name} ON pool_candidate ({columns})")
    if vendor == "sqlite":
        out += [f"CREATE INDEX IF NOT EXISTS {name} ON pool_candidate ({columns})" for name, columns in SQLITE_ONLY]
    return out


def forwards(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for name in [i[0] for i in INDEXES] + [p[0] for p in PROBES] + [s[0] for s in SQLITE_ONLY]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("pool", "0002_search_words")]

    operations = [migrations.RunPython(forwards, backwards)]
