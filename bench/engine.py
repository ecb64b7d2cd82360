"""Engine benchmark: steps per second for one worker, SMTP overhead, lateness under load.

    python bench/engine.py [--n 100000] [--smtp-n 20000] [--active 300000] [--stream 20000]

Uses a fresh SQLite database in a temporary folder unless DATABASE_URL is set (then a fresh PostgreSQL
database named vivier_bench_<random> on that server). Prints figures; asserts nothing (targets:
>= 2,000 steps/s in memory; SMTP path >= 0.7 of plain smtplib; lateness p99 <= 5 s).
"""

import argparse
import multiprocessing
import os
import smtplib
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def smtp_server(port_queue):
    """A local SMTP sink in its own process (so it does not share the worker's CPU time slice)."""
    import asyncio

    from aiosmtpd.controller import Controller

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            return "250 2.0.0 ok"

    class Loopback(Controller):
        def _trigger_server(self):
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    controller = Loopback(Sink(), hostname="127.0.0.1", port=0)
    controller.start()
    port_queue.put(controller.port)
    asyncio.run(asyncio.sleep(10**6))


BENCH_DB = {}


def drop_database():
    """The PostgreSQL database made for this run goes away at the end."""
    if BENCH_DB:
        import psycopg
        from django.db import connections

        connections.close_all()
        with psycopg.connect(BENCH_DB["admin"], autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB["name"]}" WITH (FORCE)')


def setup_database():
    url = os.environ.get("DATABASE_URL")
    if url and url.startswith("postgres"):
        import psycopg

        name = f"vivier_bench_{uuid.uuid4().hex[:8]}"
        base, _, _ = url.rpartition("/")
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = f"{base}/{name}"
        BENCH_DB.update(admin=base + "/postgres", name=name)
        return f"PostgreSQL ({name})"
    os.environ.pop("DATABASE_URL", None)
    os.environ["VIVIER_DATA_DIR"] = tempfile.mkdtemp(prefix="vivier-bench-")
    return f"SQLite ({os.environ['VIVIER_DATA_DIR']})"


def reset():
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "pool_timelineevent",
            "sequences_outboundmessage",
            "sequences_task",
            "sequences_enrollment",
            "pool_candidateemail",
            "sequences_campaign",
            "mail_mailbox",
            "pool_candidate",
        ):
            cursor.execute(f"DELETE FROM {table}")


def drain_due() -> tuple[int, float, float]:
    """(steps sent, wall seconds, CPU seconds of this process). On a shared, loaded machine the CPU figure
    says what one worker costs; the wall figure is what was observed."""
    from vivier.sequences import engine
    from vivier.sequences.models import OutboundMessage

    before = OutboundMessage.objects.filter(status="sent").count()
    start, cpu = time.perf_counter(), time.process_time()
    while engine.handle_one_due():
        pass
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return OutboundMessage.objects.filter(status="sent").count() - before, elapsed, cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000, help="enrollments due at once (in-memory run)")
    parser.add_argument("--smtp-n", type=int, default=20_000, help="enrollments due at once (SMTP run)")
    parser.add_argument("--active", type=int, default=300_000, help="active enrollments for the lateness run")
    parser.add_argument("--stream", type=int, default=20_000, help="of which coming due during the run")
    parser.add_argument(
        "--stream-seconds",
        type=float,
        default=0.0,
        help="spread of the stream (default: arrivals at half the measured in-memory rate)",
    )
    args = parser.parse_args()

    where = setup_database()
    os.environ["DJANGO_SETTINGS_MODULE"] = "vivier.settings"
    os.environ.setdefault("VIVIER_LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from _world import seed
    from django.conf import settings
    from django.core.management import call_command

    from vivier.lib import clock
    from vivier.mail import transport
    from vivier.sequences.models import OutboundMessage

    call_command("migrate", verbosity=0)
    settings.VIVIER_WORKER_BATCH = int(os.environ.get("VIVIER_WORKER_BATCH", "200"))
    print(f"database: {where}; batch {settings.VIVIER_WORKER_BATCH}; CPUs {os.cpu_count()}")

    # 1. In memory ------------------------------------------------------------------------
    t = time.perf_counter()
    seed(n=args.n)
    print(f"seeded {args.n:,} due enrollments in {time.perf_counter() - t:.1f} s")
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    sent, elapsed, cpu = drain_due()
    transport.memory_outbox.clear()
    memory_rate = sent / elapsed
    print(
        f"in-memory transport: {sent:,} steps in {elapsed:.1f} s = {memory_rate:,.0f} steps/s wall, "
        f"{sent / cpu:,.0f} steps per CPU-second (target >= 2,000)"
    )
    settings.VIVIER_MAIL_TRANSPORT = ""
    reset()

    # 2. SMTP vs plain smtplib --------------------------------------------------------------
    queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=smtp_server, args=(queue,), daemon=True)
    server.start()
    port = queue.get(timeout=30)
    seed(n=args.smtp_n, smtp_port=port)
    sent, elapsed, cpu = drain_due()
    smtp_rate = sent / elapsed
    print(
        f"SMTP to a local server: {sent:,} steps in {elapsed:.1f} s = {smtp_rate:,.0f} steps/s wall, "
        f"{sent / cpu:,.0f} steps per CPU-second"
    )

    messages = [bytes(m.raw) for m in OutboundMessage.objects.filter(status="sent")[:sent]]
    recipients = list(OutboundMessage.objects.filter(status="sent").values_list("to_email", flat=True)[:sent])
    start, cpu = time.perf_counter(), time.process_time()
    with smtplib.SMTP("127.0.0.1", port) as conn:
        for data, to in zip(messages, recipients, strict=True):
            conn.sendmail("owner@bench.example", [to], data)
    plain = len(messages) / (time.perf_counter() - start)
    print(
        f"plain smtplib, same pre-rendered messages, one connection: {plain:,.0f} msg/s wall, "
        f"{len(messages) / (time.process_time() - cpu):,.0f} per CPU-second"
    )
    print(
        f"ratio engine/plain: {smtp_rate / plain:.2f} (target >= 0.7); load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs (the engine overlaps its database work with the server's: it needs a free CPU)"
    )
    server.terminate()
    reset()

    # 3. Lateness with many active enrollments ------------------------------------------------
    if not args.stream_seconds:
        args.stream_seconds = args.stream / (memory_rate / 2)
    t = time.perf_counter()
    clock.set_now(None)
    start_at = clock.now()
    from datetime import timedelta

    seed(
        n=args.stream,
        active_extra=args.active - args.stream,
        now=start_at + timedelta(seconds=args.stream_seconds),
        due_spread_seconds=args.stream_seconds,
    )
    print(
        f"seeded {args.active:,} active enrollments ({args.stream:,} coming due over {args.stream_seconds:.0f} s) "
        f"in {time.perf_counter() - t:.1f} s"
    )
    # The seed took time: shift every due time so the stream starts now.
    from django.db.models import F

    from vivier.sequences.models import Enrollment

    shift = clock.now() - start_at
    Enrollment.objects.filter(next_at__lte=start_at + timedelta(seconds=args.stream_seconds)).update(
        next_at=F("next_at") + shift
    )
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    from vivier.sequences import engine

    deadline = time.monotonic() + args.stream_seconds + 60
    while time.monotonic() < deadline:
        if not engine.handle_one_due():
            if OutboundMessage.objects.filter(status="sent").count() >= args.stream:
                break
            time.sleep(0.05)  # what the worker loop does when idle (its idle sleep is shorter in this run)
    transport.memory_outbox.clear()
    late = sorted(
        (m.sent_at - m.due_at).total_seconds()
        for m in OutboundMessage.objects.filter(status="sent").only("sent_at", "due_at")
    )
    p99 = late[int(len(late) * 0.99) - 1] if late else float("nan")
    print(
        f"lateness over {len(late):,} sends with {args.active:,} active: median {statistics.median(late):.2f} s, "
        f"p99 {p99:.2f} s, max {late[-1]:.2f} s (target p99 <= 5 s)"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        drop_database()
