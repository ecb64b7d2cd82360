"""``vivier serve`` runs the sequence worker in a thread of the web process (``vivier.sequences.worker``)."""

import datetime as dt
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from vivier.lib import tz as tzlib

from .conftest import REPO

# Every day, all day: what is launched is due at once (unless today is a public holiday in France).
ALWAYS = """
name: Tout de suite
steps:
  - delay: 0 days
    window: {days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "23:59"}
    subject: {fr: "Un mot", en: "A word"}
    body: {fr: "Bonjour {{ candidate.first_name }}", en: "Hello {{ candidate.first_name }}"}
end: {wait_days: 7, snooze_months: 6}
"""


def test_serve_sends_due_messages_from_its_worker_thread_and_stops_it_on_sigterm(vivier, user_env, tmp_path):
    now = dt.datetime.now(dt.UTC)
    if tzlib.next_in_window(
        now + dt.timedelta(minutes=2),
        tz=ZoneInfo("Europe/Paris"),
        weekdays=list(range(7)),
        start=dt.time(0, 0),
        end=dt.time(23, 59),
        country="FR",
    ) > now + dt.timedelta(minutes=2):
        pytest.skip("today is a public holiday (or 23:59) in France: nothing would be due")
    vivier("demo", "--candidates", "60", "--seed", "3")
    playbook = tmp_path / "always.yaml"
    playbook.write_text(ALWAYS, encoding="utf-8")
    vivier("sequence", "import", str(playbook))
    db = sqlite3.connect(Path(user_env["VIVIER_DATA_DIR"]) / "vivier.db")
    (email,) = db.execute("""
        select e.email from pool_candidateemail e join pool_candidate c on c.id = e.candidate_id
        where e.is_primary and c.unsubscribed_at is null
          and c.id not in (select candidate_id from sequences_enrollment) order by c.id limit 1""").fetchone()
    vivier(
        "campaign",
        "start",
        "--sequence",
        "Tout de suite",
        "--candidates",
        email,
        "--name",
        "Tout de suite",
        "--owner",
        "demo",
    )

    process = subprocess.Popen(
        [sys.executable, "-m", "vivier", "serve", "--port", "0"],
        cwd=REPO,
        env={**user_env, "PYTHONUNBUFFERED": "1", "VIVIER_WORKER_IDLE_SECONDS": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        banner = []
        for line in process.stdout:
            banner.append(line)
            if "Press Ctrl+C" in line:
                break
        assert "Worker: running in this process." in "".join(banner)
        assert re.search(r"running at http://127\.0\.0\.1:\d+/", "".join(banner))

        sent = []
        for _ in range(300):
            sent = db.execute("""
                select m.to_email, m.status, m.subject from sequences_outboundmessage m
                join sequences_campaign c on c.id = m.campaign_id where c.name = 'Tout de suite'""").fetchall()
            if sent and sent[0][1] != "sending":
                break
            time.sleep(0.2)
        assert sent == [(email, "sent", "Un mot")]
    finally:
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=60)

    assert process.returncode == 0
    assert "Stopping the worker" in rest and "Vivier stopped." in rest
    assert "Traceback" not in rest and "failed" not in rest
