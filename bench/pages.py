"""List pages at 100,000 candidates: the time to render each, as a recruiter opens it.

    python bench/pages.py                      # 100,000 candidates, SQLite in /tmp/vivier-bench-pages
    python bench/pages.py --candidates 20000 --repeat 5
    DATABASE_URL=postgres://... python bench/pages.py

The pool is the demo's (``demo_seed``: candidates, possible duplicates, segments, campaigns, messages,
replies, tasks), seeded once per size and kept for the next run (``--fresh`` seeds it again). Each page is
requested through Django's test client as the demo's recruiter (middleware, session, view, template: the
whole response), ``--repeat`` times after one warm-up; the p50 is printed with its ratio to a baseline
measured in the same run: a bare ``SELECT`` of a page of 50 candidates (the least any list page does).
Target: p50 <= 200 ms on SQLite.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ("pool list", "/pool/"),
    ("pool list, page 100", "/pool/?page=100"),
    ("pool search", "/pool/?q=dupont"),
    ("duplicates", "/pool/duplicates/"),
    ("duplicates, last page", "/pool/duplicates/?page=last"),
    ("segments", "/segments/"),
    ("campaigns", "/sequences/campaigns/"),
    ("outbox", "/sequences/outbox/"),
    ("replies inbox", "/replies/"),
    ("tasks", "/sequences/tasks/"),
]
TARGET = 0.200


def p50(fn, repeat: int) -> float:
    fn()  # warm the caches and the plans
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="seed the pool again")
    parser.add_argument("--profile", help="print the slowest queries of the page with this path")
    args = parser.parse_args()
    os.environ.setdefault("VIVIER_DATA_DIR", "/tmp/vivier-bench-pages")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from vivier.demo.seed import demo_seed
    from vivier.pool.models import Candidate, DuplicateReview

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", interactive=False, verbosity=0)
    from vivier.accounts.models import Membership

    membership = Membership.objects.select_related("team", "user").order_by("id").first()
    size = Candidate.objects.filter(team=membership.team).count() if membership else 0
    if args.fresh or abs(size - args.candidates) > args.candidates // 10:
        print(
            f"[{connection.vendor}] seeding the demo with {args.candidates:,} candidates...", file=sys.stderr
        )
        started = time.perf_counter()
        demo_seed(candidates=args.candidates, seed=1, reset=True)
        print(f"  seeded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        membership = Membership.objects.select_related("team", "user").order_by("id").first()
    team, user = membership.team, membership.user
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client()
    client.force_login(user)
    pairs = DuplicateReview.objects.filter(team=team, status="open").count()
    size = Candidate.objects.filter(team=team).count()

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, first_name, last_name, current_title, city FROM pool_candidate "
                "WHERE team_id = %s ORDER BY created_at DESC LIMIT 50",
                [team.pk],
            )
            cursor.fetchall()

    def page(path):
        def get():
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}")

        return get

    if args.profile:
        with CaptureQueriesContext(connection) as captured:
            page(args.profile)()
        for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:10]:
            print(f"{float(query['time']) * 1000:8.1f} ms  {query['sql'][:400]}")
        return

    base = p50(baseline, args.repeat * 3)
    print(
        f"{connection.vendor}: {size:,} candidates, {pairs:,} open duplicate pairs; "
        f"baseline (SELECT of 50 candidates) p50 {base * 1000:.2f} ms; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'page':<24} {'p50 ms':>8} {'x baseline':>11}")
    slow = []
    for name, path in PAGES:
        took = p50(page(path), args.repeat)
        print(f"{name:<24} {took * 1000:>8.1f} {took / base:>11.0f}")
        if took > TARGET:
            slow.append(name)
    if slow:
        print(f"over {TARGET * 1000:.0f} ms: {', '.join(slow)}")


if __name__ == "__main__":
    main()
