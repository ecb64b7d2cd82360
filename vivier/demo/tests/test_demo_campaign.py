"""Issue 4's "Done when", run as a user would on a fresh SQLite data folder:

``vivier demo`` -> first messages in the outbox, inside their window -> ``vivier worker --once --now ...``
-> follow-ups threaded under the first message -> past the last step and the end wait: the candidates are
snoozed for 6 months with a reminder for the owner.
"""

import datetime as dt
import json
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta

from vivier.demo.seed import DEMO_PASSWORD

PARIS = ZoneInfo("Europe/Paris")
CAMPAIGN = "Backend Python Lyon — relance vivier"


def _utc(value: str) -> dt.datetime:
    """An ISO string from the CLI, or a naive UTC datetime column of SQLite."""
    parsed = dt.datetime.fromisoformat(value)
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def _in_window(when: dt.datetime) -> bool:
    local = when.astimezone(PARIS)
    return local.weekday() < 5 and dt.time(9, 0) <= local.time() < dt.time(18, 0)


def _outbox(vivier) -> list[dict]:
    """The campaign's messages in the outbox (the worker also files the recruiters' daily digests there)."""
    lines = vivier("outbox", "--json").stdout.splitlines()
    return [m for m in map(json.loads, filter(str.strip, lines)) if m["kind"] != "system"]


def _db(user_env):
    return sqlite3.connect(Path(user_env["VIVIER_DATA_DIR"]) / "vivier.db")


def _next_due(db) -> dt.datetime | None:
    value = db.execute("select max(next_at) from sequences_enrollment where state = 'active'").fetchone()[0]
    return _utc(value) if value else None


def test_the_demo_campaign_sends_threads_its_follow_ups_and_snoozes_with_a_reminder(vivier, user_env):
    seeded = vivier("demo", "--candidates", "300", "--seed", "4")
    assert "vivier.demo.campaign" in seeded.stdout

    # 1. The first messages are in the outbox at once, each sent inside its window (weekdays 9:00-18:00).
    first = _outbox(vivier)
    assert 10 <= len(first) <= 20
    assert {m["step"] for m in first} == {1} and {m["status"] for m in first} == {"sent"}
    assert {m["transport"] for m in first} == {"outbox"}
    assert {m["campaign"]["name"] for m in first} == {CAMPAIGN}
    assert all(_in_window(_utc(m["sent_at"])) for m in first)
    assert all(_utc(m["sent_at"]) <= dt.datetime.now(dt.UTC) for m in first)
    assert all(m["in_reply_to"] is None and m["message_id"] for m in first)
    by_candidate = {m["candidate"]["id"]: m for m in first}
    assert len(by_candidate) == len(first)
    for m in first:
        assert m["from"] == "sophie.lambert@alvea-rh.example"
        assert m["subject"] in (
            "Développeur·se backend Python chez Kelvo",
            "Développeur·se backend Python at Kelvo",
        )
        assert "Kelvo (45 personnes" in m["body"] and "48k" in m["body"]
        # The personal hook written for each candidate, not the sequence's default line.
        assert "m'a fait penser à vous pour ce poste" not in m["body"]
        assert "made me think of you for this role" not in m["body"]
    shown = json.loads(vivier("campaign", "show", CAMPAIGN, "--json").stdout)
    assert shown["status"] == "running" and shown["mailbox"] == "outbox"
    # The demo also answers a few first messages as candidates would (replies' seed): those sequences stopped.
    db = _db(user_env)
    answered = {
        str(pid)
        for (pid,) in db.execute(
            "select c.public_id from sequences_enrollment e join pool_candidate c on c.id = e.candidate_id"
            " where e.state <> 'active'"
        )
    }
    answered = {pid.replace("-", "") for pid in answered}
    live = len(first) - len(answered)
    assert 1 <= len(answered) <= 5 and live >= 5
    assert shown["enrollments"].get("active") == live and sum(shown["enrollments"].values()) == len(first)
    assert {u["step"] for u in shown["upcoming"]} == {2}

    # 2. Two days later, in the window: the follow-ups, threaded under the first message.
    follow_up_at = _next_due(db)
    sent_first = max(_utc(m["sent_at"]) for m in first)
    assert follow_up_at >= sent_first + dt.timedelta(days=2) and _in_window(follow_up_at)
    vivier("worker", "--once", "--now", follow_up_at.isoformat())

    messages = _outbox(vivier)
    second = [m for m in messages if m["step"] == 2]
    assert len(second) == live and len(messages) == len(first) + live
    # Never a follow-up after a reply.
    assert not {m["candidate"]["id"].replace("-", "") for m in second} & answered
    for m in second:
        root = by_candidate[m["candidate"]["id"]]
        assert m["status"] == "sent" and _utc(m["sent_at"]) == follow_up_at
        assert m["in_reply_to"] == root["message_id"]
        assert m["subject"] == f"Re: {root['subject']}"
    references = dict(
        db.execute('select message_id, "references" from sequences_outboundmessage where position = 1')
    )
    assert {references[m["message_id"]] for m in second} == {
        m["message_id"] for m in first if m["candidate"]["id"].replace("-", "") not in answered
    }

    # 3. Advance past the third and fourth steps and the end wait (a pass for each instant that is due).
    passes = []
    while (due := _next_due(db)) is not None and len(passes) < 5:
        passes.append(due)
        vivier("worker", "--once", "--now", due.isoformat())
    assert len(passes) == 3  # step 3, step 4, then the end policy

    messages = _outbox(vivier)
    assert len(messages) == len(first) + 3 * live and {m["status"] for m in messages} == {"sent"}
    assert not {m["candidate"]["id"].replace("-", "") for m in messages if m["step"] > 1} & answered
    for m in messages:
        assert _in_window(_utc(m["sent_at"]))
        if m["step"] > 1:
            root = by_candidate[m["candidate"]["id"]]
            assert m["subject"] == f"Re: {root['subject']}"
    chains = db.execute('select "references" from sequences_outboundmessage where position = 3').fetchall()
    assert {refs.split()[0] for (refs,) in chains} == {
        m["message_id"] for m in first if m["candidate"]["id"].replace("-", "") not in answered
    }
    assert all(len(refs.split()) == 3 for (refs,) in chains)

    shown = json.loads(vivier("campaign", "show", CAMPAIGN, "--json").stdout)
    assert shown["enrollments"].get("snoozed") == live
    assert shown["messages"]["sent"] == len(first) + 3 * live

    ended_at = passes[-1]
    last_sent = max(_utc(m["sent_at"]) for m in messages)
    assert ended_at >= last_sent + dt.timedelta(days=7)
    owner_id = db.execute("select id from accounts_user where username = 'demo'").fetchone()[0]
    snoozed = db.execute("""
        select c.public_id, c.snoozed_until, t.due_at, t.owner_id, t.kind, t.done_at
        from sequences_enrollment e join pool_candidate c on c.id = e.candidate_id
        join sequences_task t on t.enrollment_id = e.id where e.state = 'snoozed'""").fetchall()
    assert len(snoozed) == live
    for _public_id, until, due_at, task_owner, kind, done_at in snoozed:
        assert _utc(until) == ended_at + relativedelta(months=6)
        assert _utc(due_at) == _utc(until) and task_owner == owner_id
        assert kind == "reminder" and done_at is None


@pytest.mark.browser
def test_the_demo_user_sees_the_running_campaign_and_the_outbox(live_server, page, transactional_db):
    from vivier.demo.seed import demo_seed

    result = demo_seed(candidates=200, seed=7)
    page.context.set_default_timeout(10_000)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "demo")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda u: "/accounts/login" not in u)

    page.goto("/sequences/campaigns/")
    page.get_by_text(CAMPAIGN).first.click()
    page.wait_for_url("**/sequences/campaigns/*/")
    body = page.locator("body").inner_text()
    assert "Nurture 4 étapes" in body
    from vivier.pool.models import Candidate
    from vivier.sequences.models import Enrollment

    enrolled = list(Candidate.objects.filter(team=result.team, enrollments__state=Enrollment.State.ACTIVE))
    assert 10 <= len(enrolled) <= 20
    assert any(c.full_name in body for c in enrolled)

    page.goto("/sequences/outbox/")
    body = page.locator("body").inner_text()
    assert "Développeur·se backend Python" in body
    assert sum(1 for c in enrolled if c.full_name in body) == len(enrolled)
