"""Real worker processes: 4 workers on PostgreSQL, and a worker killed with SIGKILL while sending."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from email import message_from_bytes
from pathlib import Path

import pytest
from django.db import connection

from vivier.mail.tests.smtpd import smtp  # noqa: F401 - a real SMTP server on loopback

ROOT = Path(__file__).resolve().parents[3]


def delivered(smtp) -> list[tuple[str, str]]:
    """(recipient, Message-ID) of each message the loopback server accepted."""
    return [(rcpts[0], message_from_bytes(content)["Message-ID"]) for _, rcpts, content in smtp.received]


class World:
    """A fresh database of its own (a SQLite file, or a new PostgreSQL database) that subprocesses share."""

    def __init__(self, tmp_path: Path, postgres: bool):
        self.env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIVIER_TEST_SQLITE")}
        self.env["VIVIER_DATA_DIR"] = str(tmp_path / "data")
        self.env["VIVIER_WORKER_IDLE_SECONDS"] = "1"
        self.pg_name = None
        if postgres:
            import psycopg

            base = connection.settings_dict
            self.pg_dsn = dict(
                host=base["HOST"] or "127.0.0.1",
                port=base["PORT"] or 5432,
                user=base["USER"],
                password=base["PASSWORD"] or None,
            )
            self.pg_name = f"vivier_proc_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(dbname="postgres", autocommit=True, **self.pg_dsn) as conn:
                conn.execute(f'CREATE DATABASE "{self.pg_name}"')
            pw = f":{self.pg_dsn['password']}" if self.pg_dsn["password"] else ""
            self.env["DATABASE_URL"] = (
                f"postgres://{self.pg_dsn['user']}{pw}@{self.pg_dsn['host']}:"
                f"{self.pg_dsn['port']}/{self.pg_name}"
            )

    def run(self, *args, **kw):
        return subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
            **kw,
        )

    def start_worker(self, batch: int = 20) -> subprocess.Popen:
        env = dict(self.env, VIVIER_WORKER_BATCH=str(batch))
        return subprocess.Popen(
            [sys.executable, "-m", "vivier", "worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def query(self, sql: str) -> list[tuple]:
        if self.pg_name:
            import psycopg

            with psycopg.connect(dbname=self.pg_name, **self.pg_dsn) as conn:
                return conn.execute(sql).fetchall()
        with sqlite3.connect(Path(self.env["VIVIER_DATA_DIR"]) / "vivier.db", timeout=30) as conn:
            return conn.execute(sql).fetchall()

    def close(self):
        if self.pg_name:
            import psycopg

            with psycopg.connect(dbname="postgres", autocommit=True, **self.pg_dsn) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


@pytest.fixture
def world(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        postgres = connection.vendor == "postgresql"
    w = World(tmp_path, postgres)
    yield w
    w.close()


def wait_until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.postgres
@pytest.mark.slow
def test_four_workers_share_10000_due_steps_with_zero_duplicates(world, smtp):
    n = 10_000
    world.run("bench/_world.py", "--n", str(n), "--smtp-port", str(smtp.port))
    workers = [world.start_worker(batch=50) for _ in range(4)]
    try:
        wait_until(
            lambda: len(smtp.received) >= n or any(w.poll() is not None for w in workers),
            600,
            "10,000 emails",
        )
        time.sleep(2)  # would catch a late duplicate
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
        for w in workers:
            w.wait(timeout=60)
    assert all(w.returncode == 0 for w in workers), [w.stderr.read()[-2000:] for w in workers]
    recipients = [r for r, _ in delivered(smtp)]
    assert len(recipients) == n and len(set(recipients)) == n
    assert len({mid for _, mid in delivered(smtp)}) == n
    assert world.query("SELECT status, count(*) FROM sequences_outboundmessage GROUP BY status") == [
        ("sent", n)
    ]
    # the load was shared
    claimers = world.query(
        "SELECT count(DISTINCT candidate_id) FROM pool_timelineevent WHERE kind='message_out'"
    )
    assert claimers == [(n,)]


@pytest.mark.slow
def test_a_worker_killed_at_random_moments_never_sends_twice(world, smtp):
    n = 300
    world.run("bench/_world.py", "--n", str(n), "--smtp-port", str(smtp.port))
    rng = random.Random(4)
    kills = 0
    for _ in range(4):
        before = len(smtp.received)
        worker = world.start_worker(batch=10)
        try:
            wait_until(
                lambda before=before, worker=worker: len(smtp.received) > before or worker.poll() is not None,
                120,
                "the worker to start sending",
            )
            time.sleep(rng.uniform(0.0, 0.4))
        finally:
            if worker.poll() is None:
                worker.send_signal(signal.SIGKILL)
                kills += 1
            worker.wait(timeout=30)
        if len(smtp.received) >= n:
            break
    assert kills >= 1
    # A survivor finishes the job: dead workers' rows in `sending` become `unknown` (their process is gone),
    # then, half an hour later, the claims of the dead workers have expired too.
    world.run("-m", "vivier", "worker", "--once")
    later = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() + 1800))
    world.run("-m", "vivier", "worker", "--once", "--now", later)

    received = [r for r, _ in delivered(smtp)]
    assert len(received) == len(set(received)), "an email was sent twice"
    rows = dict(
        (
            (mid, status)
            for mid, status in world.query("SELECT message_id, status FROM sequences_outboundmessage")
        )
    )
    statuses = set(rows.values())
    assert statuses <= {"sent", "unknown"}, statuses
    for _, mid in delivered(smtp):
        assert rows[mid] in ("sent", "unknown")
    sent = {mid for mid, status in rows.items() if status == "sent"}
    assert sent <= {mid for _, mid in delivered(smtp)}
    # every candidate: one message, sent or flagged unknown; none still due after the final run
    print(
        f"\n{kills} kill(s): {len(sent)} sent, {len(rows) - len(sent)} unknown, "
        f"{len(smtp.received)} received by the server"
    )
    assert len(rows) == n
    assert world.query("SELECT count(*) FROM sequences_enrollment WHERE next_position = 0") == [(0,)]


def _open(world) -> set[str]:
    """Message-IDs whose fate is not known: ``sending`` (a dead worker's) or ``unknown``."""
    return {
        mid
        for (mid,) in world.query(
            "SELECT message_id FROM sequences_outboundmessage WHERE status IN ('sending', 'unknown')"
        )
    }


@pytest.mark.postgres
@pytest.mark.slow
def test_chaos_sigkill_strands_at_most_the_message_on_the_wire(world, smtp):
    """A few thousand due messages, the worker SIGKILLed at random moments and restarted until nothing is
    due: nothing is sent twice, nothing is lost silently, and each kill leaves at most one message of
    unknown fate per open SMTP connection (one mailbox: one connection)."""
    n = 2000
    world.run("bench/_world.py", "--n", str(n), "--smtp-port", str(smtp.port))
    rng = random.Random(11)
    per_kill: list[int] = []
    for _ in range(12):
        before_open, before = _open(world), len(smtp.received)
        worker = world.start_worker(batch=50)
        try:
            deadline = time.monotonic() + 90  # a worker starts in a second or two, more on a busy host
            while len(smtp.received) == before and worker.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            sending = len(smtp.received) > before
            if sending:
                time.sleep(rng.uniform(0.05, 0.5))
        finally:
            killed = worker.poll() is None
            if killed:
                worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
        if killed and sending:
            per_kill.append(len(_open(world) - before_open))
        if not sending or len(smtp.received) >= n:
            break  # what is left waits for dead workers' claims to expire
    # Survivors finish the job: dead workers' rows are swept, then, half an hour later, expired claims too.
    world.run("-m", "vivier", "worker", "--once")
    later = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() + 1800))
    world.run("-m", "vivier", "worker", "--once", "--now", later)

    rows = world.query(
        "SELECT message_id, status, enrollment_id, position, last_error FROM sequences_outboundmessage"
    )
    unknown = [r for r in rows if r[1] == "unknown"]
    print(
        f"\nchaos: {len(per_kill)} kill(s), unknown per kill {per_kill} (max {max(per_kill, default=0)}), "
        f"{len(unknown)} unknown at the end, {sum(1 for r in rows if r[1] == 'sent')} sent, "
        f"{len(smtp.received)} received by the server"
    )
    received = [r for r, _ in delivered(smtp)]
    assert len(received) == len(set(received)), "an email was sent twice"
    assert len({mid for _, mid in delivered(smtp)}) == len(received), "a Message-ID was sent twice"
    assert len({(e, p) for _, _, e, p, _ in rows}) == len(rows), "two messages for one step"
    by_id = {mid: status for mid, status, *_ in rows}
    assert all(by_id.get(mid) in ("sent", "unknown") for _, mid in delivered(smtp))
    # No silent loss: every enrollment's step is sent, unknown (shown to the recruiter) or failed with a
    # reason, and nothing is left due.
    assert len(rows) == n
    assert all(s in ("sent", "unknown") or (s == "failed" and err) for _, s, _, _, err in rows)
    assert world.query("SELECT count(*) FROM sequences_enrollment WHERE next_position = 0") == [(0,)]
    assert per_kill and max(per_kill) <= 1, per_kill


def test_a_cli_dry_run_import_beside_the_worker_never_locks_the_sqlite_file(world, tmp_path):
    """A dry run writes every row and rolls back at the end: on the shared file its one transaction would hold
    the write lock for the whole file while the worker waits, then fails ("database is locked")."""
    if world.pg_name:
        pytest.skip("SQLite's single writer lock")
    world.env["VIVIER_SQLITE_BUSY_SECONDS"] = "1"  # a lock held longer than this fails the other writer
    seeded = world.run("bench/_world.py", "--n", "1500", "--steps", "3")
    team = eval(seeded.stdout.strip().splitlines()[-1])["team"]  # noqa: S307 - our own script's dict
    rows = ["First name,Last name,Email"] + [f"Prénom{i},Nom{i},p{i}@import.example" for i in range(20000)]
    (tmp_path / "pool.csv").write_text("\n".join(rows) + "\n")
    importing = subprocess.Popen(
        [sys.executable, "-m", "vivier", "import", "--dry-run", "--team", team, str(tmp_path / "pool.csv")],
        cwd=ROOT,
        env=world.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2)  # the dry run is under way: its rows are being written
    worker = world.start_worker(batch=20)
    try:
        out, err = importing.communicate(timeout=600)
        assert importing.returncode == 0, err[-2000:]
        wait_until(
            lambda: (
                world.query("SELECT count(*) FROM sequences_outboundmessage WHERE status='sent'") == [(1500,)]
            ),
            300,
            "the worker to send the 1,500 first steps",
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    log = worker.stderr.read().decode()
    assert "database is locked" not in log, log[-3000:]
    assert "20000" in out or "20 000" in out
    # the dry run left nothing behind
    assert world.query("SELECT count(*) FROM pool_candidateemail WHERE email LIKE '%@import.example'") == [
        (0,)
    ]
