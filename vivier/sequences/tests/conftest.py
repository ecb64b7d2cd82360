import datetime as dt

import pytest

from vivier.lib import clock

UTC = dt.UTC


def at(text: str) -> dt.datetime:
    """'2026-03-02 09:00 Europe/Paris' or an ISO string with offset -> aware UTC datetime."""
    from zoneinfo import ZoneInfo

    parts = text.rsplit(" ", 1)
    if len(parts) == 2 and "/" in parts[1]:
        return dt.datetime.fromisoformat(parts[0]).replace(tzinfo=ZoneInfo(parts[1])).astimezone(UTC)
    return dt.datetime.fromisoformat(text).astimezone(UTC)


@pytest.fixture
def now_at():
    """``now_at("2026-03-02 08:00 Europe/Paris")`` pins the engine clock for the rest of the test."""

    def pin(text):
        clock.set_now(at(text))
        return clock.now()

    yield pin
    clock.set_now(None)


@pytest.fixture
def make_candidate(team):
    """``make_candidate()``: a French-speaking candidate with a unique name and email (``email=False``: none)."""
    from vivier.pool.tests.factories import candidate_make

    counter = {"n": 0}

    def make(first_name="Hélène", last_name=None, email=None, language="fr", time_zone="", **kw):
        counter["n"] += 1
        n = counter["n"]
        return candidate_make(
            team=kw.pop("team", team),
            first_name=first_name,
            last_name=last_name if last_name is not None else f"Dupré{n}",
            email=email if email is False else (email or f"cand{n}@example.org"),
            preferred_language=language,
            time_zone=time_zone,
            **kw,
        )

    return make


FOUR_STEPS = [
    {
        "delay": 0,
        "subject_fr": "Un poste de {{ job.title }} chez {{ job.company }}",
        "body_fr": "Bonjour {{ candidate.first_name }},\n\n{{ job.pitch }}\n\n{{ sender.first_name }}",
        "subject_en": "A {{ job.title }} role at {{ job.company }}",
        "body_en": "Hello {{ candidate.first_name }},\n\n{{ job.pitch }}\n\n{{ sender.first_name }}",
    },
    {
        "delay": 2,
        "body_fr": "Je me permets de relancer, {{ candidate.first_name }}.",
        "body_en": "Following up, {{ candidate.first_name }}.",
    },
    {"delay": 4, "body_fr": "Toujours partant·e ?", "body_en": "Still interested?"},
    {"delay": 7, "body_fr": "Dernier message de ma part.", "body_en": "Last message from me."},
]


@pytest.fixture
def job(team):
    from vivier.jobs.services import job_create

    return job_create(
        team=team,
        title="Développeuse Python",
        company="Alvéa",
        location="Lyon",
        salary_min=45000,
        salary_max=55000,
        pitch="Une équipe de 6, du Django, du télétravail.",
    )


@pytest.fixture
def sequence(team):
    from vivier.sequences.services import sequence_save

    return sequence_save(team=team, name="Nurture 4 étapes", steps=FOUR_STEPS)


@pytest.fixture
def campaign(team, sequence, job, alice):
    from vivier.sequences.services import campaign_create

    return campaign_create(team=team, name="Python Lyon", sequence=sequence, job=job, owner=alice)


def drain(until: dt.datetime, max_rounds: int = 10_000) -> list[dt.datetime]:
    """Simulate the worker: jump to each instant something is due, run it, until ``until``.
    Returns the instants visited."""
    from django.db.models import Min

    from vivier.sequences import engine
    from vivier.sequences.models import Enrollment, OutboundMessage

    visited = []
    for _ in range(max_rounds):
        due = Enrollment.objects.filter(
            state="active", next_at__isnull=False, campaign__status="running"
        ).aggregate(m=Min("next_at"))["m"]
        retry = OutboundMessage.objects.filter(status="scheduled").aggregate(m=Min("next_attempt_at"))["m"]
        nxt = min([t for t in (due, retry) if t is not None], default=None)
        if nxt is None or nxt > until:
            return visited
        clock.set_now(max(nxt, clock.now()))
        visited.append(clock.now())
        while engine.handle_one_stale() or engine.handle_one_due() or engine.handle_one_retry():
            pass
    raise AssertionError("the simulation did not settle")
