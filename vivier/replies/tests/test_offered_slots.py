"""The slots a candidate was offered reach the classifier of their reply (replies.slots registry)."""

import datetime as dt

import pytest

from vivier.lib import clock
from vivier.mail import transport
from vivier.replies.models import Reply
from vivier.replies.slots import offered_slots_provider_register, offered_slots_provider_unregister
from vivier.sequences.models import OutboundMessage
from vivier.sequences.services import campaign_start
from vivier.sequences.tests import conftest as seqfix
from vivier.sequences.tests.conftest import at, drain

from .mails import receive, reply_to

campaign, job, make_candidate, sequence = seqfix.campaign, seqfix.job, seqfix.make_candidate, seqfix.sequence

# Wednesday 11 March 10:00, Thursday 12 March 14:00, Friday 13 March 9:30 (Paris).
SLOTS = [
    at("2026-03-11 10:00 Europe/Paris"),
    at("2026-03-12 14:00 Europe/Paris"),
    at("2026-03-13 09:30 Europe/Paris"),
]


@pytest.fixture(autouse=True)
def memory(settings):
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    yield transport.memory_outbox
    transport.memory_outbox.clear()
    clock.set_now(None)


@pytest.fixture
def sent(campaign, make_candidate):
    helene = make_candidate(first_name="Hélène", last_name="Dupré", email="helene@example.org")
    clock.set_now(at("2026-03-09 10:00 Europe/Paris"))
    campaign_start(campaign=campaign, candidates=[helene])
    drain(until=at("2026-03-10 00:00 Europe/Paris"))
    clock.set_now(at("2026-03-10 09:30 Europe/Paris"))
    return OutboundMessage.objects.get(candidate=helene)


@pytest.fixture
def offered():
    """A provider as the funnel will register one: Hélène was offered SLOTS; asked with the reply's date."""
    asked = []

    def provider(candidate, when: dt.datetime):
        asked.append((candidate.first_name, when))
        return SLOTS if candidate.first_name == "Hélène" else None

    offered_slots_provider_register(provider, name="test.offered")
    yield asked
    offered_slots_provider_unregister("test.offered")


def test_a_reply_naming_an_offered_slot_is_read_as_that_slot(sent, team, offered):
    reply = receive(reply_to(sent, "Jeudi 14h me convient, merci !"), team=team)
    assert (reply.intent, reply.chosen_slot) == ("slot_choice", 2)
    assert offered and offered[0][0] == "Hélène"
    assert abs(offered[0][1] - clock.now()) < dt.timedelta(minutes=1)


def test_any_offered_slot_would_do_is_no_pick_and_waits_for_a_check(sent, team, offered):
    reply = receive(reply_to(sent, "N'importe lequel, je m'organiserai."), team=team)
    assert (reply.intent, reply.chosen_slot) == ("slot_choice", None)
    assert reply.check_state == Reply.Check.PENDING
    # A slot answer pauses nothing: only a doubtful stop does.
    from vivier.sequences.outbox import contact_allowed

    assert contact_allowed(reply.candidate, OutboundMessage.Kind.QUICK_REPLY, clock.now())


def test_without_a_provider_the_same_words_are_no_slot_choice(sent, team):
    reply = receive(reply_to(sent, "Jeudi 14h me convient, merci !"), team=team)
    assert reply.intent != "slot_choice" and reply.chosen_slot is None
