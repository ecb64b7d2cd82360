"""Shared test data: the sequences app's world, and a campaign replayed with replies of every kind."""

import pytest

from vivier.jobs.services import job_create
from vivier.lib import clock
from vivier.replies.services import reply_correct
from vivier.replies.tests.mails import AWAY, MORE, NO_SALARY, YES, bounce_for, plain, receive, reply_to
from vivier.sequences.models import OutboundMessage
from vivier.sequences.services import campaign_create, campaign_start, candidate_unsubscribe, sequence_save
from vivier.sequences.tests.conftest import (  # noqa: F401
    FOUR_STEPS,
    at,
    campaign,
    drain,
    job,
    make_candidate,
    now_at,
    sequence,
)


def last_sent(candidate):
    return OutboundMessage.objects.filter(candidate=candidate).order_by("-position").first()


def answer(when, candidate, text, team):
    clock.set_now(at(when))
    outbound = last_sent(candidate)
    if text == AWAY:
        raw = plain(
            f"x <{outbound.to_email}>",
            f"Réponse automatique : {outbound.subject}",
            text,
            Auto_Submitted="auto-replied",
            In_Reply_To=outbound.message_id,
        )
    elif text == "bounce":
        raw = bounce_for(outbound)
    else:
        raw = reply_to(outbound, text)
    return receive(raw, team=team)


@pytest.fixture
def replayed(campaign, make_candidate, team, now_at):
    """Six candidates get the four-step sequence from Monday 9 March 2026, 10:00 (Paris); steps go out on
    the 9th 10:00, the 11th 10:00, the 16th 9:00 and the 23rd 9:00."""
    people = {n: make_candidate(first_name=n, email=f"{n.lower()}@example.org") for n in "ABCDEF"}
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=list(people.values()))
    drain(until=at("2026-03-10 08:00 Europe/Paris"))
    answer("2026-03-10 09:30 Europe/Paris", people["A"], YES, team)
    answer("2026-03-10 09:40 Europe/Paris", people["F"], AWAY, team)  # back on 21 March: F waits
    answer("2026-03-10 09:50 Europe/Paris", people["D"], "bounce", team)
    drain(until=at("2026-03-12 08:00 Europe/Paris"))
    answer("2026-03-12 09:30 Europe/Paris", people["B"], NO_SALARY, team)
    clock.set_now(at("2026-03-13 12:00 Europe/Paris"))
    candidate_unsubscribe(candidate=people["E"], at=clock.now(), via="link")
    drain(until=at("2026-03-17 08:00 Europe/Paris"))
    mistaken = answer("2026-03-17 09:30 Europe/Paris", people["C"], MORE, team)
    drain(until=at("2026-04-30 08:00 Europe/Paris"))
    reply_correct(reply=mistaken, intent="not_interested", reason="location")
    return people


@pytest.fixture
def second(replayed, team, bob, make_candidate, now_at):
    """A two-step sequence run by bob in May for another job, on a segment: three candidates, one says yes."""
    short = sequence_save(team=team, name="Court", steps=FOUR_STEPS[:2])
    data = job_create(team=team, title="Data engineer", company="Alvéa", pitch="Des données.")
    campaign = campaign_create(
        team=team, name="Mai", sequence=short, job=data, owner=bob, segment_query="ville:Lyon"
    )
    people = [make_candidate(first_name=n, email=f"{n.lower()}@example.org") for n in ("G", "H", "I")]
    now_at("2026-05-04 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=people)
    drain(until=at("2026-05-05 08:00 Europe/Paris"))
    answer("2026-05-05 09:00 Europe/Paris", people[0], YES, team)
    drain(until=at("2026-05-30 08:00 Europe/Paris"))
    return campaign
