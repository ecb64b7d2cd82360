"""The demo's replies: the seeded answers and the "reply as the candidate" pages (/replies/demo/)."""

import pytest
from django.urls import reverse

from vivier.demo.replies import seed_demo
from vivier.lib import clock
from vivier.mail import transport
from vivier.replies.models import Reply
from vivier.replies.tests.mails import AWAY, MORE, NO_SALARY, YES, replied_world
from vivier.sequences.models import Enrollment, OutboundMessage
from vivier.sequences.tests import conftest as seqfix

campaign, job, make_candidate, sequence = seqfix.campaign, seqfix.job, seqfix.make_candidate, seqfix.sequence


@pytest.fixture
def memory(settings):
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    yield transport.memory_outbox
    transport.memory_outbox.clear()
    clock.set_now(None)


@pytest.fixture
def world(memory, campaign, make_candidate, team):
    return replied_world(
        campaign=campaign,
        make_candidate=make_candidate,
        team=team,
        texts={"Ana": YES, "Ben": MORE, "Cleo": NO_SALARY, "Dan": AWAY, "Eve": YES, "Fay": None},
    )


def test_seed_demo_answers_a_few_outbox_messages_with_varied_replies(
    campaign, make_candidate, team, alice, settings
):
    settings.VIVIER_MAIL_TRANSPORT = "outbox"
    try:
        replied_world(
            campaign=campaign,
            make_candidate=make_candidate,
            team=team,
            texts={n: None for n in ("Ana", "Ben", "Cleo", "Dan", "Eve", "Fay", "Gus")},
        )
        assert seed_demo(team, [alice]) == 5
        intents = set(Reply.objects.values_list("intent", flat=True))
        assert intents == {"interested", "more_info", "not_interested", "later", "referral"}
        assert Enrollment.objects.filter(state="active").count() == 2
        assert seed_demo(team, [alice]) == 2  # the candidates who have not answered yet
    finally:
        transport.memory_outbox.clear()
        clock.set_now(None)


def test_the_demo_form_replies_as_the_candidate(alice_client, world):
    outbound = OutboundMessage.objects.get(candidate=world["Fay"])
    assert reverse("demo:replies") == "/replies/demo/"
    assert str(outbound.public_id) in alice_client.get(reverse("demo:replies")).content.decode()
    assert alice_client.get(reverse("demo:reply", args=[outbound.public_id])).status_code == 200
    alice_client.post(reverse("demo:reply", args=[outbound.public_id]), {"text": MORE})
    reply = Reply.objects.get(candidate=world["Fay"])
    assert reply.intent == "more_info" and reply.matched_by == "in_reply_to"
    assert Enrollment.objects.get(candidate=world["Fay"]).state == "replied"


def test_the_demo_refuses_a_message_that_really_left(alice_client, world):
    outbound = OutboundMessage.objects.get(candidate=world["Fay"])
    OutboundMessage.objects.filter(pk=outbound.pk).update(transport="smtp")
    alice_client.post(reverse("demo:reply", args=[outbound.public_id]), {"text": YES})
    assert not Reply.objects.filter(candidate=world["Fay"]).exists()


def test_another_team_cannot_reply_as_our_candidate(client, charlie, world):
    client.force_login(charlie)
    outbound = OutboundMessage.objects.get(candidate=world["Fay"])
    assert client.get(reverse("demo:reply", args=[outbound.public_id])).status_code == 404
