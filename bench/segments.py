"""Segment query speed on a large pool, on SQLite and PostgreSQL.

    python bench/segments.py                       # 1,000,000 candidates, both databases
    python bench/segments.py --size 200000 --db sqlite
    python bench/segments.py --db postgres --pg-url postgres://postgres@127.0.0.1:5432/vivier_bench_segments

For each typical query: p50 over ``--repeat`` runs of "count + fetch the first page of 50" through
``count_members``, ``segment_candidates`` and ``members_for_display`` (the ORM path the pages, API and CLI
use: the member columns and each member's primary email), the same for a hand-written SQL query returning
the same rows and columns (checked), and their ratio. Target: p50 <= 100 ms, ratio <= 2.

The pool is generated once per size (bulk ``executemany`` on SQLite, ``COPY`` on PostgreSQL) and kept in
``/tmp/vivier-bench-segments`` / the bench database for the next run (``--fresh`` rebuilds it).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from dateutil.relativedelta import relativedelta

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
PAGE = 50

CITIES = [  # (name, weight): a French pool, Paris and Lyon heavy
    ("Paris", 30),
    ("Lyon", 12),
    ("Marseille", 6),
    ("Toulouse", 6),
    ("Nantes", 5),
    ("Bordeaux", 5),
    ("Lille", 5),
    ("Rennes", 4),
    ("Grenoble", 4),
    ("Montpellier", 4),
    ("Strasbourg", 3),
    ("Nice", 3),
    ("Villeurbanne", 2),
    ("Saint-Étienne", 2),
    ("Annecy", 2),
    ("Brest", 1),
    ("Dijon", 1),
    ("Tours", 1),
    ("Bruxelles", 2),
    ("Genève", 1),
]
JOBS = [
    "backend",
    "frontend",
    "fullstack",
    "data",
    "devops",
    "mobile",
    "product",
    "design",
    "sales",
    "support",
]
SKILLS = [
    "python",
    "django",
    "go",
    "java",
    "kotlin",
    "react",
    "vue",
    "typescript",
    "postgresql",
    "aws",
    "kubernetes",
    "terraform",
    "php",
    "symfony",
    "ruby",
    "rust",
    "c#",
    "scala",
    "spark",
    "figma",
]
COMPANIES = [
    "Doctolib",
    "Alan",
    "Qonto",
    "BlaBlaCar",
    "Back Market",
    "Criteo",
    "OVHcloud",
    "Ledger",
    "Mirakl",
    "Contentsquare",
    "Sorare",
    "Payfit",
    "Swile",
    "Lydia",
    "ManoMano",
    "Vinted",
]
TITLES = {
    "backend": "Développeur backend",
    "frontend": "Développeuse frontend",
    "fullstack": "Développeur fullstack",
    "data": "Data engineer",
    "devops": "Ingénieur DevOps",
    "mobile": "Développeur mobile",
    "product": "Product manager",
    "design": "Product designer",
    "sales": "Account executive",
    "support": "Customer success manager",
}
FIRST = [
    "Camille",
    "Léa",
    "Hugo",
    "Lucas",
    "Chloé",
    "Louis",
    "Emma",
    "Jules",
    "Inès",
    "Nathan",
    "Manon",
    "Gabriel",
    "Sarah",
    "Arthur",
    "Jade",
    "Adam",
    "Zoé",
    "Raphaël",
    "Lina",
    "Mohamed",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
]
SOURCES = ["lever", "greenhouse", "welcome", "linkedin", "indeed", "cooptation"]
INTENTS = ["interested", "more_info", "not_interested", "later", "out_of_office"]
REASONS = ["salary", "location", "timing", "not_looking", "remote"]

# name, query, hand-written SQL WHERE (after "team_id = %s AND"), params factory
DAYS = dt.timedelta(days=1)


def queries(lyon, ops):
    """(label, segment query, hand-written WHERE clause, params). ``ops`` adapts datetimes per database."""
    from vivier.lib.geo import bounding_box, equirectangular_scales

    lat, lon = lyon
    ky, kx = equirectangular_scales(lat)
    b30 = bounding_box(lat, lon, 30)
    t = ops.adapt_datetimefield_value
    six_months = t(NOW - relativedelta(months=6))
    tag = "id IN (SELECT candidate_id FROM pool_candidatetag WHERE kind = %s AND value = %s)"
    dist = (
        "((latitude - %s) * %s) * ((latitude - %s) * %s) + ((longitude - %s) * %s) * ((longitude - %s) * %s)"
    )
    dist_params = [lat, ky, lat, ky, lon, kx, lon, kx]
    box = "latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s"
    box_params = [b30[0], b30[1], b30[2], b30[3]]
    return [
        ("job", "job:backend", tag, ["job", "backend"]),
        (
            "skill+seniority",
            "skill:python seniority>=senior",
            f"{tag} AND seniority >= %s",
            ["skill", "python", 40],
        ),
        ("radius 30km", "within:30km:Lyon", f"{box} AND {dist} <= %s", [*box_params, *dist_params, 900.0]),
        (
            "radius demo",
            "job:backend within:30km:Lyon seniority>=senior (contacted:never OR last_contacted>6m) snoozed:false",
            f"{tag} AND {box} AND {dist} <= %s AND seniority >= %s AND (last_contacted_at IS NULL OR "
            "last_contacted_at < %s) AND (snoozed_until IS NULL OR snoozed_until <= %s)",
            ["job", "backend", *box_params, *dist_params, 900.0, 40, six_months, t(NOW)],
        ),
        ("city+years", "city:Paris years>=5", "lower(city) IN (%s) AND years_experience >= %s", ["paris", 5]),
        (
            "never contacted remote",
            "contacted:never remote:remote",
            "last_contacted_at IS NULL AND remote_preference = %s",
            ["remote"],
        ),
        (
            "stale, no reply",
            "last_contacted>6m replied:no",
            "last_contacted_at < %s AND last_reply_at IS NULL",
            [six_months],
        ),
        ("intent", "intent:interested", "last_reply_intent = %s", ["interested"]),
        ("job, no reply", "job:backend replied:no", f"{tag} AND last_reply_at IS NULL", ["job", "backend"]),
        (
            "reason not snoozed",
            "reason:salary snoozed:false",
            "last_decline_reason = %s AND (snoozed_until IS NULL OR snoozed_until <= %s)",
            ["salary", t(NOW)],
        ),
        (
            "commutable",
            "commutable:Lyon job:data",
            f"((latitude IS NOT NULL AND longitude IS NOT NULL AND max_commute_km IS NOT NULL AND {dist} <= "
            "max_commute_km * max_commute_km) OR open_to_relocation = %s OR remote_preference = %s) AND "
            f"{tag}",
            [*dist_params, True, "remote", "job", "data"],
        ),
        (
            "salary+lang+contract",
            "salary<=60000 lang:en contract:permanent",
            "salary_amount <= %s AND salary_period IN (%s, %s) AND "
            "id IN (SELECT candidate_id FROM pool_candidatetag WHERE kind = %s AND value IN (%s, %s, %s)) AND "
            "id IN (SELECT candidate_id FROM pool_candidatetag WHERE kind = %s AND value IN (%s, %s))",
            [60000, "year", "", "lang", "anglais", "en", "english", "contract", "cdi", "permanent"],
        ),
        (
            "source+consent+campaign",
            "source:lever consent:valid in_campaign:false",
            "id IN (SELECT candidate_id FROM pool_candidatesource WHERE lower(name) IN (%s) OR kind = %s) AND "
            "consent_basis <> %s AND (consent_expires_at IS NULL OR consent_expires_at > %s) AND "
            "in_active_campaign = %s",
            ["lever", "lever", "", t(NOW), False],
        ),
        (
            "or + negation",
            "(skill:rust OR skill:scala) -job:data",
            "(id IN (SELECT candidate_id FROM pool_candidatetag WHERE kind = %s AND value = %s) OR "
            "id IN (SELECT candidate_id FROM pool_candidatetag WHERE kind = %s AND value = %s)) AND NOT "
            f"({tag})",
            ["skill", "rust", "skill", "scala", "job", "data"],
        ),
        (
            "free words",
            '"data engineer" spark',
            "search_text LIKE %s AND search_text LIKE %s",
            ["%data engineer%", "%spark%"],
        ),
    ]


# --- Data ------------------------------------------------------------------------------------------


def generate(team_id: int, size: int, vendor: str, cursor) -> None:
    from vivier.lib.geo import place_find
    from vivier.lib.text import fold
    from vivier.pool import facets

    rnd = random.Random(42)
    names = facets.name_bits(team_id, SOURCES)  # the registry of the team's source names
    places = []
    for name, weight in CITIES:
        lat, lon, cc, display = place_find(name)
        places.append((name, lat, lon, cc, weight))
    weights = [p[4] for p in places]
    pg = vendor == "postgresql"

    def ts(value):
        if value is None:
            return None
        return value if pg else value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")

    def boolean(value):
        return value if pg or value is None else int(value)

    cand_cols = [
        "id",
        "public_id",
        "team_id",
        "first_name",
        "last_name",
        "name_key",
        "headline",
        "current_title",
        "current_company",
        "seniority",
        "years_experience",
        "city",
        "country",
        "latitude",
        "longitude",
        "max_commute_km",
        "open_to_relocation",
        "remote_preference",
        "available_from",
        "salary_amount",
        "salary_currency",
        "salary_period",
        "preferred_language",
        "time_zone",
        "consent_basis",
        "consent_expires_at",
        "consent_informed_via",
        "custom_fields",
        "last_contacted_at",
        "last_reply_at",
        "last_reply_intent",
        "last_decline_reason",
        "snoozed_until",
        "in_active_campaign",
        "search_text",
        "created_at",
        "updated_at",
        "facets",
        "source_bits",
    ]
    tag_cols = ["team_id", "candidate_id", "kind", "value", "label"]
    src_cols = ["candidate_id", "kind", "name", "referrer", "job", "external_id", "first_seen_at"]

    def rows(start, stop):
        cands, tags, srcs = [], [], []
        for i in range(start, stop):
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            city, lat, lon, cc, _ = rnd.choices(places, weights)[0]
            has_geo = rnd.random() < 0.9
            job = rnd.choice(JOBS)
            skills = rnd.sample(SKILLS, rnd.randint(1, 4))
            company = rnd.choice(COMPANIES)
            title = TITLES[job]
            contacted = NOW - dt.timedelta(days=rnd.randint(1, 900)) if rnd.random() < 0.55 else None
            replied = (
                contacted + dt.timedelta(days=rnd.randint(0, 10))
                if contacted and rnd.random() < 0.3
                else None
            )
            intent = rnd.choice(INTENTS) if replied else ""
            reason = rnd.choice(REASONS) if intent == "not_interested" else ""
            snoozed = (
                NOW + dt.timedelta(days=rnd.randint(-200, 400)) if replied and rnd.random() < 0.5 else None
            )
            created = NOW - dt.timedelta(seconds=(size - i) * 30)
            basis = rnd.choice(["consent", "legitimate_interest", "contract", ""])
            search = f"{first} {last} {title} {company} {city} {job} {' '.join(skills)}"

            cands.append(
                (
                    i,
                    str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                    team_id,
                    first,
                    last,
                    fold(f"{first} {last}"),
                    "",
                    title,
                    company,
                    rnd.choice([10, 20, 30, 30, 40, 40, 50, 60, None]),
                    rnd.randint(0, 25),
                    city,
                    cc,
                    lat + rnd.uniform(-0.25, 0.25) if has_geo else None,
                    lon + rnd.uniform(-0.35, 0.35) if has_geo else None,
                    rnd.choice([None, 10, 20, 30, 50, 80]),
                    boolean(rnd.choice([None, True, False, False])),
                    rnd.choice(["", "onsite", "hybrid", "hybrid", "remote"]),
                    (NOW + dt.timedelta(days=rnd.randint(-100, 400))).date() if rnd.random() < 0.4 else None,
                    rnd.randrange(30000, 95000, 1000) if rnd.random() < 0.6 else None,
                    "EUR",
                    rnd.choice(["year", "year", "year", ""]),
                    rnd.choice(["fr", "fr", "en"]),
                    "",
                    basis,
                    ts(NOW + dt.timedelta(days=rnd.randint(-300, 700))) if basis else None,
                    "",
                    "{}",
                    ts(contacted),
                    ts(replied),
                    intent,
                    reason,
                    ts(snoozed),
                    boolean(rnd.random() < 0.05),
                    fold(search),
                    ts(created),
                    ts(created),
                )
            )
            first_tag = len(tags)
            tags.append((team_id, i, "job", job, job.capitalize()))
            for s in skills:
                tags.append((team_id, i, "skill", s, s))
            tags.append((team_id, i, "lang", "francais", "Français"))
            if rnd.random() < 0.5:
                tags.append((team_id, i, "lang", "anglais", "Anglais"))
            tags.append((team_id, i, "contract", rnd.choice(["cdi", "cdi", "freelance", "cdd"]), "x"))
            srcs.append((i, "ats", rnd.choice(SOURCES), "", "", "", ts(created)))
            # The contract, language and source bits every writer of tags and sources keeps (vivier.pool.facets).
            cands[-1] += (
                facets.bits((kind, value) for _, _, kind, value, _ in tags[first_tag:]),
                facets.source_bits(team_id, [srcs[-1][1:3]], names),
            )
        return cands, tags, srcs

    chunk = 50_000
    for start in range(1, size + 1, chunk):
        cands, tags, srcs = rows(start, min(size + 1, start + chunk))
        for table, cols, data in (
            ("pool_candidate", cand_cols, cands),
            ("pool_candidatetag", tag_cols, tags),
            ("pool_candidatesource", src_cols, srcs),
        ):
            if pg:
                with cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                    for row in data:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" for _ in cols)
                cursor.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", data)
        print(f"  {min(size, start + chunk - 1):>9,} candidates", file=sys.stderr, flush=True)
    if pg:
        cursor.execute("SELECT setval(pg_get_serial_sequence('pool_candidate', 'id'), %s)", [size])


def add_emails(team_id: int, vendor: str, cursor) -> None:
    """One primary email per candidate (the member lists show it), added after the pool is generated (also to
    a pool generated by an earlier version of this script): one INSERT ... SELECT."""
    now = "now()" if vendor == "postgresql" else "datetime('now')"
    true = "true" if vendor == "postgresql" else "1"
    cursor.execute(
        "INSERT INTO pool_candidateemail (team_id, candidate_id, email, is_primary, invalid_reason, created_at) "
        f"SELECT team_id, id, 'c' || id || '@example.org', {true}, '', {now} FROM pool_candidate "
        "WHERE team_id = %s",
        [team_id],
    )


# --- Measure ---------------------------------------------------------------------------------------


def p50(fn, repeat):
    fn()  # warm the caches and the plan
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run_one(args) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from vivier.accounts.models import Team
    from vivier.lib.geo import place_lookup
    from vivier.pool.models import Candidate, CandidateEmail
    from vivier.segments.selectors import (
        LIVE_COUNT_CAP,
        MEMBER_COLUMNS,
        MEMBER_ORDER,
        count_members,
        count_members_upto,
        members_for_display,
        segment_candidates,
    )

    call_command("migrate", interactive=False, verbosity=0)
    vendor = connection.vendor
    team = Team.objects.filter(slug="bench").first()
    if args.fresh and team:
        with connection.cursor() as c:
            for table in (
                "pool_candidateemail",
                "pool_candidatetag",
                "pool_candidatesource",
                "pool_candidate",
            ):
                c.execute(f"DELETE FROM {table}")
        team.delete()
        team = None
    if team is None or Candidate.objects.filter(team=team).count() != args.size:
        if team is not None:
            print("size changed: use --fresh", file=sys.stderr)
            sys.exit(2)
        team = Team.objects.create(name="Bench", slug="bench")
        print(f"[{vendor}] generating {args.size:,} candidates...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        with transaction.atomic():
            with connection.cursor() as c:
                generate(team.id, args.size, vendor, c.cursor if vendor == "postgresql" else c.connection)
        print(f"[{vendor}] generated in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    if not CandidateEmail.objects.filter(team=team).exists():
        print(f"[{vendor}] adding an email per candidate...", file=sys.stderr, flush=True)
        with transaction.atomic(), connection.cursor() as c:
            add_emails(team.id, vendor, c)
    # Steady state, as autovacuum / `PRAGMA optimize` leave a live database: statistics for the planners,
    # and on PostgreSQL a visibility map so counts can be answered from indexes alone.
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE" if vendor == "postgresql" else "ANALYZE")

    def yardstick():
        # The machine's speed of the moment: one plain scan of every candidate's search text (an expression
        # that no index serves, on either database). Shared VMs vary (1.6x seen within a day): compare runs
        # by it.
        with connection.cursor() as c:
            c.execute("SELECT COUNT(*) FROM pool_candidate WHERE (search_text || '') LIKE %s", ["%zqzq%"])
            return c.fetchone()[0]

    scan = p50(yardstick, 3)
    lyon = place_lookup("Lyon")
    labels = [label for label, *_ in queries(lyon, connection.ops)]
    if unknown := sorted(set(args.only or []) - set(labels)):
        sys.exit(f"--only: no query labelled {', '.join(map(repr, unknown))} (labels: {', '.join(labels)})")
    # The page's columns in the hand-written SQL: the ORM page's, and the same email (the primary one, else
    # the oldest).
    email = (
        "(SELECT email FROM pool_candidateemail e WHERE e.candidate_id = pool_candidate.id "
        "ORDER BY e.is_primary DESC, e.id LIMIT 1) AS display_email"
    )
    columns = ", ".join(["id", *MEMBER_COLUMNS, email])
    table = []
    for label, query, where, params in queries(lyon, connection.ops):
        if args.only and label not in args.only:
            continue
        splits = []  # (count s, page s, process CPU s) of each ORM run

        def orm(query=query, splits=splits):
            # Parse, compile, count, fetch the page as model objects: what a page or the API does (the member
            # columns and each one's primary email, ``members_for_display``). The count and the page use the
            # two shapes of the same members (see segment_candidates).
            c0, t0 = time.process_time(), time.perf_counter()
            n = count_members(team=team, query=query, now=NOW)
            t1 = time.perf_counter()
            page = members_for_display(
                segment_candidates(team=team, query=query, now=NOW, for_page=True, matches=n)
            )[:PAGE]
            ids = [(c.id, c.primary_email) for c in page]
            splits.append((t1 - t0, time.perf_counter() - t1, time.process_time() - c0))
            return n, ids

        order = ", ".join(f"{f.lstrip('-')} DESC" if f.startswith("-") else f for f in MEMBER_ORDER)
        count_sql = f"SELECT COUNT(*) FROM pool_candidate WHERE team_id = %s AND {where}"
        page_sql = (
            f"SELECT {columns} FROM pool_candidate WHERE team_id = %s AND {where} ORDER BY {order} "
            f"LIMIT {PAGE}"
        )

        def sql(params=params, count_sql=count_sql, page_sql=page_sql):
            with connection.cursor() as c:
                c.execute(count_sql, [team.id, *params])
                n = c.fetchone()[0]
                c.execute(page_sql, [team.id, *params])
                return n, [(r[0], r[-1] or "") for r in c.fetchall()]

        def sql_objects(params=params, count_sql=count_sql, page_sql=page_sql):
            # The same hand-written SQL, its page built into model objects as the ORM path builds them:
            # the ratio to it isolates what the query compiler adds (``ratio`` also counts building 50 objects).
            with connection.cursor() as c:
                c.execute(count_sql, [team.id, *params])
                n = c.fetchone()[0]
            return n, [(c.id, c.primary_email) for c in Candidate.objects.raw(page_sql, [team.id, *params])]

        def live(query=query):
            # The builder's live count: exact up to LIVE_COUNT_CAP, then "10000+"; plus its preview page.
            n, _capped = count_members_upto(team=team, query=query, now=NOW, cap=LIVE_COUNT_CAP)
            return n, [
                c.id
                for c in members_for_display(
                    segment_candidates(team=team, query=query, now=NOW, for_page=True, matches=n)
                )[:PAGE]
            ]

        got, expected = orm(), sql()
        same = got == expected and live()[0] == min(got[0], LIVE_COUNT_CAP)
        assert sql_objects() == expected
        t_orm, t_sql = p50(orm, args.repeat), p50(sql, args.repeat)
        t_objects = p50(sql_objects, args.repeat)
        t_live = p50(live, args.repeat)
        split = [statistics.median(s[i] for s in splits[-args.repeat :]) * 1000 for i in range(3)]
        table.append(
            (
                label,
                query,
                got[0],
                t_orm * 1000,
                t_sql * 1000,
                t_orm / t_sql,
                same,
                *split,
                t_live * 1000,
                t_orm / t_objects,
            )
        )
        print(
            f"  [{vendor}] {label}: {got[0]:,} rows, ORM {t_orm * 1000:.1f} ms, SQL {t_sql * 1000:.1f} ms",
            file=sys.stderr,
            flush=True,
        )

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"\n{vendor} — {args.size:,} candidates — p50 of {args.repeat} runs of exact count + first page of "
        f"{PAGE} (load average {load:.1f} on {os.cpu_count()} CPUs; yardstick: a plain scan of the pool's search "
        f"texts {scan * 1000:.0f} ms, before the queries)"
    )
    print(
        "  ORM ms: exact count + first page (the target figure); count/page: that run split in its two queries;"
        " cpu: this process's CPU time for it (the whole database work on SQLite, only the client side on"
        f" PostgreSQL); live ms: the builder's count capped at {LIVE_COUNT_CAP:,} + first page; ratio: ORM /"
        " SQL (rows as tuples); obj: ORM / the same SQL with its page built as model objects (Model.objects.raw)"
    )
    print(
        f"{'query':<26} {'rows':>8} {'ORM ms':>8} {'SQL ms':>8} {'ratio':>6} {'obj':>5} {'count':>8} {'page':>7} "
        f"{'cpu':>7} {'live ms':>8}  same rows"
    )
    for label, _query, n, t_orm, t_sql, ratio, same, t_count, t_page, t_cpu, t_live, ratio_obj in table:
        print(
            f"{label:<26} {n:>8,} {t_orm:>8.1f} {t_sql:>8.1f} {ratio:>6.2f} {ratio_obj:>5.2f} {t_count:>8.1f} "
            f"{t_page:>7.1f} {t_cpu:>7.1f} {t_live:>8.1f}  {'yes' if same else 'NO'}"
        )
    med = [statistics.median(r[i] for r in table) for i in (3, 4, 5, 11, 7, 8, 9, 10)]
    print(
        f"{'median over queries':<26} {'':>8} {med[0]:>8.1f} {med[1]:>8.1f} {med[2]:>6.2f} {med[3]:>5.2f} "
        f"{med[4]:>8.1f} {med[5]:>7.1f} {med[6]:>7.1f} {med[7]:>8.1f}"
    )
    for label, query, *_ in table:
        print(f"  {label:<24} {query}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="regenerate the pool")
    parser.add_argument("--only", action="append", metavar="LABEL", help="run this query only (repeatable)")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/vivier_bench_segments")
    parser.add_argument("--sqlite-dir", default="/tmp/vivier-bench-segments")
    args = parser.parse_args()
    if args.db == "both":
        for db in ("sqlite", "postgres"):
            cmd = [
                sys.executable,
                __file__,
                "--db",
                db,
                "--size",
                str(args.size),
                "--repeat",
                str(args.repeat),
                "--pg-url",
                args.pg_url,
                "--sqlite-dir",
                args.sqlite_dir,
            ] + (["--fresh"] if args.fresh else [])
            cmd += [arg for label in args.only or [] for arg in ("--only", label)]
            subprocess.run(cmd, check=True)
        return
    env_dir = f"{args.sqlite_dir}-{args.size}"
    os.environ["VIVIER_DATA_DIR"] = env_dir
    if args.db == "postgres":
        os.environ["DATABASE_URL"] = f"{args.pg_url}_{args.size}"
        import psycopg

        base, _, name = os.environ["DATABASE_URL"].rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    else:
        os.environ.pop("DATABASE_URL", None)
    run_one(args)


if __name__ == "__main__":
    main()
