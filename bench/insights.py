"""Insights speed and exactness on a team's history, on SQLite and PostgreSQL.

    python bench/insights.py                         # scale 0.05 (50,000 messages), both databases
    python bench/insights.py --scale 1               # the issue's size: 1,000,000 sent messages,
                                                     # 150,000 replies over 500 campaigns
    python bench/insights.py --scale 0.2 --db sqlite

A team with ``500 x scale`` campaigns over twelve months (five four-step sequences, ten jobs, three
recruiters), ``1,000,000 x scale`` sent messages and ``150,000 x scale`` human replies (plus some
out-of-office ones, which are not replies): each enrollment gets the steps up to the one its first reply
answers. Rows are bulk-created through the ORM once per scale and kept (``--fresh`` rebuilds them).

Timed (p50 over ``--repeat`` runs, through Django's test client as the recruiter): a median campaign's
Results tab, and the cross-campaign insights page. Checked: ``vivier insights campaign --json`` and
``vivier insights team --json`` give the same contacted, replied and per-step sent / replied as
hand-written SQL.
"""

import argparse
import datetime as dt
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = dt.datetime(2025, 12, 1, 9, 0, tzinfo=dt.UTC)
STEPS = 4
# Where a replying candidate's first reply lands: most after the first message and the first follow-ups.
REPLY_STEP_WEIGHTS = [50, 25, 15, 10]
REASONS = ["salary", "location", "timing", "role", "remote", "happy", ""]
INTENTS = [
    ("interested", 35),
    ("not_interested", 35),
    ("more_info", 10),
    ("later", 10),
    ("referral", 5),
    ("other", 5),
]


def p50(fn, repeat):
    fn()  # warm the caches and the plan
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def generate(scale: float) -> None:
    from django.db import transaction

    from vivier.accounts.models import Team
    from vivier.accounts.services import team_create, user_create
    from vivier.jobs.services import job_create
    from vivier.pool.models import Candidate
    from vivier.replies.models import InboundMessage, Reply
    from vivier.sequences.models import Campaign, Enrollment, OutboundMessage
    from vivier.sequences.services import campaign_create, sequence_save

    rng = random.Random(7)
    n_campaigns = max(2, round(500 * scale))
    n_messages = round(1_000_000 * scale)
    n_replies = round(150_000 * scale)
    # Messages per enrollment: STEPS for the silent ones, the answered step's position for the others.
    mean_answered = sum((i + 1) * w for i, w in enumerate(REPLY_STEP_WEIGHTS)) / sum(REPLY_STEP_WEIGHTS)
    n_enrollments = round((n_messages - n_replies * mean_answered) / STEPS + n_replies)
    reply_share = n_replies / n_enrollments

    team = team_create(name="Bench insights", slug="bench-insights")
    owners = [
        user_create(
            username=f"bench-insights-{i}",
            password="x",
            team=team,
            email=f"r{i}@bench.example",
            first_name=name,
            validate_password=False,
        )
        for i, name in enumerate(("Olive", "Paul", "Zoé"))
    ]
    steps = [{"delay": 0, "subject_fr": "Un poste", "body_fr": "Bonjour"}] + [
        {"delay": 3, "body_fr": "Je me permets de relancer."} for _ in range(STEPS - 1)
    ]
    sequences = [sequence_save(team=team, name=f"Séquence {i}", steps=steps) for i in range(5)]
    jobs = [job_create(team=team, title=f"Poste {i}", company="Alvéa", pitch="x") for i in range(10)]
    campaigns = []
    for i in range(n_campaigns):
        c = campaign_create(
            team=team,
            name=f"Campagne {i}",
            sequence=sequences[i % 5],
            job=jobs[i % 10],
            owner=owners[i % 3],
            segment_query=f"ville:{['Lyon', 'Paris', 'Nantes'][i % 3]}",
        )
        started = START + dt.timedelta(days=365 * i / n_campaigns)
        Campaign.objects.filter(pk=c.pk).update(status="finished", started_at=started)
        campaigns.append((c, started))
    per_campaign = n_enrollments // n_campaigns
    serial = 0
    for c, started in campaigns:
        with transaction.atomic():
            candidates = Candidate.objects.bulk_create(
                [
                    Candidate(team=team, first_name=f"C{serial + k}", last_name="Bench")
                    for k in range(per_campaign)
                ]
            )
            enrollments = Enrollment.objects.bulk_create(
                [
                    Enrollment(
                        team=team,
                        campaign=c,
                        candidate=cand,
                        state="replied",
                        created_at=started,
                        state_changed_at=started,
                    )
                    for cand in candidates
                ]
            )
            messages, inbound, replies = [], [], []
            for e in enrollments:
                serial += 1
                first = started + dt.timedelta(minutes=rng.randrange(0, 600))
                answers = rng.random() < reply_share
                upto = rng.choices(range(STEPS), REPLY_STEP_WEIGHTS)[0] if answers else STEPS - 1
                for position in range(upto + 1):
                    sent_at = first + dt.timedelta(days=3 * position)
                    messages.append(
                        OutboundMessage(
                            team=team,
                            idempotency_key=f"b{serial}-{position}",
                            enrollment=e,
                            position=position,
                            candidate_id=e.candidate_id,
                            campaign=c,
                            transport="memory",
                            status="sent",
                            from_email="r@bench.example",
                            to_email=f"c{serial}@bench.example",
                            subject="Un poste",
                            body="Bonjour",
                            message_id=f"<b{serial}-{position}@bench.example>",
                            due_at=sent_at,
                            sent_at=sent_at,
                            created_at=sent_at,
                        )
                    )
                if rng.random() < 0.05:  # an out-of-office before anything else: not a reply
                    replies.append((e, first + dt.timedelta(hours=1), "out_of_office", ""))
                if answers:
                    at = first + dt.timedelta(days=3 * upto, hours=rng.expovariate(1 / 20))
                    intent = rng.choices([i for i, _ in INTENTS], [w for _, w in INTENTS])[0]
                    reason = rng.choice(REASONS) if intent == "not_interested" else ""
                    replies.append((e, at, intent, reason))
            OutboundMessage.objects.bulk_create(messages, batch_size=2000)
            for k, (e, at, _intent, _reason) in enumerate(replies):
                inbound.append(
                    InboundMessage(
                        team=team,
                        message_id=f"<in{e.pk}-{k}@bench.example>",
                        raw=b"",
                        raw_sha256="",
                        received_at=at,
                        source="upload",
                        status="processed",
                        visible_text="Non merci.",
                    )
                )
            inbound = InboundMessage.objects.bulk_create(inbound, batch_size=2000)
            Reply.objects.bulk_create(
                [
                    Reply(
                        team=team,
                        inbound=m,
                        candidate_id=e.candidate_id,
                        enrollment=e,
                        campaign=c,
                        intent=intent,
                        predicted_intent=intent,
                        reason=reason,
                        received_at=at,
                        created_at=at,
                    )
                    for m, (e, at, intent, reason) in zip(inbound, replies, strict=True)
                ],
                batch_size=2000,
            )
    assert Team.objects.filter(slug="bench-insights").exists()


SQL_CONTACTED = """
SELECT COUNT(DISTINCT m.enrollment_id) FROM sequences_outboundmessage m
JOIN sequences_enrollment e ON e.id = m.enrollment_id
WHERE e.team_id = %s {campaign} AND m.kind = 'sequence_step' AND m.status IN ('sent', 'bounced')
  AND m.position IS NOT NULL
"""
SQL_REPLIED = """
SELECT COUNT(DISTINCT r.enrollment_id) FROM replies_reply r
JOIN sequences_enrollment e ON e.id = r.enrollment_id
WHERE e.team_id = %s {campaign} AND r.intent NOT IN ('out_of_office', 'bounce')
  AND EXISTS (SELECT 1 FROM sequences_outboundmessage m WHERE m.enrollment_id = e.id
              AND m.kind = 'sequence_step' AND m.status IN ('sent', 'bounced') AND m.position IS NOT NULL)
"""
# Per step: candidates it was sent to, and those whose first human reply came after it and before the
# next step sent to them.
SQL_STEPS = """
WITH sent AS (
  SELECT m.enrollment_id, m.position, COALESCE(m.sent_at, m.created_at) AS at,
         LEAD(COALESCE(m.sent_at, m.created_at)) OVER (PARTITION BY m.enrollment_id ORDER BY m.position) AS next_at
  FROM sequences_outboundmessage m
  JOIN sequences_enrollment e ON e.id = m.enrollment_id
  WHERE e.team_id = %s {campaign} AND m.kind = 'sequence_step' AND m.status IN ('sent', 'bounced')
    AND m.position IS NOT NULL
), first_reply AS (
  SELECT r.enrollment_id, MIN(r.received_at) AS at FROM replies_reply r
  WHERE r.intent NOT IN ('out_of_office', 'bounce') GROUP BY r.enrollment_id
)
SELECT s.position, COUNT(DISTINCT s.enrollment_id),
       COUNT(DISTINCT CASE WHEN f.at >= s.at AND (s.next_at IS NULL OR f.at < s.next_at)
                      THEN s.enrollment_id END)
FROM sent s LEFT JOIN first_reply f ON f.enrollment_id = s.enrollment_id
GROUP BY s.position ORDER BY s.position
"""


def hand_counts(team_id: int, campaign_id: int | None) -> dict:
    from django.db import connection

    where = "" if campaign_id is None else "AND e.campaign_id = %s"
    params = [team_id] if campaign_id is None else [team_id, campaign_id]
    with connection.cursor() as c:
        c.execute(SQL_CONTACTED.format(campaign=where), params)
        contacted = c.fetchone()[0]
        c.execute(SQL_REPLIED.format(campaign=where), params)
        replied = c.fetchone()[0]
        c.execute(SQL_STEPS.format(campaign=where), params)
        steps = [(position + 1, sent, answered) for position, sent, answered in c.fetchall()]
    return {"contacted": contacted, "replied": replied, "steps": steps}


def cli_counts(*argv: str) -> dict:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("insights", *argv, "--json", "--team", "bench-insights", stdout=out)
    f = json.loads(out.getvalue())
    return {
        "contacted": f["contacted"],
        "replied": f["replied"],
        "steps": [(s["step"], s["sent"], s["replied"]) for s in f["steps"] if s["sent"]],
    }


def run_one(args) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from vivier.accounts.models import Team
    from vivier.replies.models import Reply
    from vivier.sequences.models import Campaign, OutboundMessage

    call_command("migrate", interactive=False, verbosity=0)
    vendor = connection.vendor
    team = Team.objects.filter(slug="bench-insights").first()
    if team is None:
        print(f"[{vendor}] generating scale {args.scale}...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        generate(args.scale)
        print(f"[{vendor}] generated in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        team = Team.objects.get(slug="bench-insights")
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE" if vendor == "postgresql" else "ANALYZE")

    campaigns = Campaign.objects.filter(team=team).order_by("pk")
    sent = OutboundMessage.objects.filter(team=team, status="sent").count()
    human = Reply.objects.filter(team=team).exclude(intent__in=["out_of_office", "bounce"]).count()
    campaign = campaigns[campaigns.count() // 2]
    print(
        f"[{vendor}] scale {args.scale}: {campaigns.count():,} campaigns, {sent:,} sent messages, "
        f"{human:,} human replies; the median campaign has "
        f"{OutboundMessage.objects.filter(campaign=campaign).count():,} messages",
        flush=True,
    )

    for label, argv, campaign_id in (
        ("campaign", ("campaign", str(campaign.public_id)), campaign.pk),
        ("team", ("team",), None),
    ):
        got, want = cli_counts(*argv), hand_counts(team.pk, campaign_id)
        status = "equal" if got == want else f"DIFFERENT: cli {got} sql {want}"
        print(f"[{vendor}] vivier insights {label} vs hand-written SQL: {status}", flush=True)
        if got != want:
            sys.exit(1)

    owner = campaign.owner
    client = Client()
    client.force_login(owner)
    for label, url in (
        ("Results tab", f"/insights/campaigns/{campaign.public_id}/"),
        ("cross-campaign page", "/insights/"),
    ):

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        print(f"[{vendor}] {label:<20} p50 {p50(get, args.repeat) * 1000:8.1f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=0.05)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="regenerate the history")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/vivier_bench_insights")
    parser.add_argument("--sqlite-dir", default="/tmp/vivier-bench-insights")
    args = parser.parse_args()
    if args.db == "both":
        for db in ("sqlite", "postgres"):
            cmd = [
                sys.executable,
                __file__,
                "--db",
                db,
                "--scale",
                str(args.scale),
                "--repeat",
                str(args.repeat),
            ]
            cmd += ["--pg-url", args.pg_url, "--sqlite-dir", args.sqlite_dir] + (
                ["--fresh"] if args.fresh else []
            )
            subprocess.run(cmd, check=True)
        return
    suffix = str(args.scale).replace(".", "_")
    os.environ["VIVIER_DATA_DIR"] = f"{args.sqlite_dir}-{suffix}"
    if args.db == "postgres":
        os.environ["DATABASE_URL"] = f"{args.pg_url}_{suffix}"
        import psycopg

        base, _, name = os.environ["DATABASE_URL"].rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            if args.fresh:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    else:
        os.environ.pop("DATABASE_URL", None)
        if args.fresh:
            shutil.rmtree(os.environ["VIVIER_DATA_DIR"], ignore_errors=True)
    run_one(args)


if __name__ == "__main__":
    main()
