"""A world of N enrollments due at once, bulk-created: the load of bench/engine.py and bench/inbound.py,
and of the multi-process tests (vivier/sequences/tests/test_processes.py), which run it as a script.

    python bench/_world.py --n 10000 [--smtp-port 2525] [--steps 1]

Uses the database the environment points at (DATABASE_URL or VIVIER_DATA_DIR) and migrates it first.
"""

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def seed(
    *,
    n: int,
    smtp_port: int | None = None,
    steps: int = 1,
    now: dt.datetime | None = None,
    due_spread_seconds: float = 0.0,
    active_extra: int = 0,
) -> dict:
    """Create a team, a sequence with an always-open window, a mailbox (SMTP on loopback, or the outbox),
    a running campaign and ``n`` candidates with an enrollment due at ``now`` (spread over
    ``due_spread_seconds``), plus ``active_extra`` active enrollments due much later."""
    from django.db import transaction

    from vivier.accounts.services import team_create, user_create
    from vivier.jobs.services import job_create
    from vivier.lib import clock
    from vivier.mail.services import mailbox_create
    from vivier.pool.models import Candidate, CandidateEmail
    from vivier.sequences.models import Campaign, Enrollment
    from vivier.sequences.services import campaign_create, sequence_save

    now = now or clock.now()
    team = team_create(name="Bench", slug=f"bench-{os.getpid()}-{int(now.timestamp())}")
    owner = user_create(
        username=f"bench{os.getpid()}{int(now.timestamp())}",
        password="x",
        team=team,
        email="owner@bench.example",
        first_name="Olive",
        validate_password=False,
    )
    window = {"window_weekdays": [0, 1, 2, 3, 4, 5, 6], "window_start": "00:00", "window_end": "00:00"}
    step_list = [
        {
            "delay": 0,
            "subject_fr": "Un poste de {{ job.title }}",
            "body_fr": "Bonjour {{ candidate.first_name }},\n\n{{ job.pitch }}\n\n{{ sender.first_name }}",
            **window,
        }
    ]
    step_list += [{"delay": 1, "body_fr": "Je me permets de relancer.", **window} for _ in range(steps - 1)]
    sequence = sequence_save(team=team, name="Bench", steps=step_list)
    job = job_create(team=team, title="Développeuse Python", company="Alvéa", pitch="Une équipe de 6.")
    mailbox = None
    if smtp_port:
        mailbox = mailbox_create(
            team=team,
            address="owner@bench.example",
            smtp_host="127.0.0.1",
            smtp_port=smtp_port,
            smtp_security="none",
            daily_limit=10_000_000,
            min_gap_seconds=0,
            jitter_seconds=0,
        )
    campaign = campaign_create(
        team=team, name="Bench", sequence=sequence, job=job, owner=owner, mailbox=mailbox
    )
    Campaign.objects.filter(pk=campaign.pk).update(status="running", started_at=now)
    total = n + active_extra
    batch = 2000
    for start in range(0, total, batch):
        size = min(batch, total - start)
        with transaction.atomic():
            cands = Candidate.objects.bulk_create(
                [
                    Candidate(
                        team=team, first_name=f"C{start + i}", last_name="Bench", in_active_campaign=True
                    )
                    for i in range(size)
                ]
            )
            CandidateEmail.objects.bulk_create(
                [
                    CandidateEmail(
                        team=team, candidate=c, email=f"c{start + i}@bench.example", is_primary=True
                    )
                    for i, c in enumerate(cands)
                ]
            )
            enrollments = []
            for i, c in enumerate(cands):
                k = start + i
                if k < n:
                    due = now - dt.timedelta(seconds=(due_spread_seconds * (n - k) / n) if n else 0)
                else:
                    due = now + dt.timedelta(days=30)
                enrollments.append(
                    Enrollment(
                        team=team,
                        campaign=campaign,
                        candidate=c,
                        next_at=due,
                        created_at=now,
                        state_changed_at=now,
                    )
                )
            Enrollment.objects.bulk_create(enrollments)
    return {"team": team.slug, "campaign": str(campaign.public_id)}


def main():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    django.setup()
    from django.core.management import call_command

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--smtp-port", type=int)
    parser.add_argument("--steps", type=int, default=1)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(seed(n=args.n, smtp_port=args.smtp_port, steps=args.steps))


if __name__ == "__main__":
    main()
