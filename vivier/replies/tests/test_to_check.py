"""Replies to check: a doubtful reading with a hard-to-undo effect waits for a recruiter, and a doubtful stop
pauses every message to the person until then."""

import pytest
from django.utils import translation

from vivier.lib import clock
from vivier.mail import transport
from vivier.pool.models import Candidate, TimelineEvent
from vivier.pool.timeline import event_text
from vivier.replies import services
from vivier.replies.models import DeclineRecord, Reply
from vivier.replies.selectors import inbox_groups
from vivier.sequences.models import Enrollment, OutboundMessage
from vivier.sequences.outbox import contact_allowed
from vivier.sequences.services import campaign_create, campaign_start
from vivier.sequences.tests import conftest as seqfix
from vivier.sequences.tests.conftest import at, drain

from .mails import receive, reply_to

campaign, job, make_candidate, sequence = seqfix.campaign, seqfix.job, seqfix.make_candidate, seqfix.sequence

# The classifier reads it as a decline with a confidence under the threshold: the reason (contract) is a guess.
DOUBTFUL_NO = "Je souhaite rester en indépendant, le salariat ne m'intéresse plus."
STOP = "Merci de ne plus me contacter."


@pytest.fixture(autouse=True)
def memory(settings):
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    yield transport.memory_outbox
    transport.memory_outbox.clear()
    clock.set_now(None)


@pytest.fixture
def doubt_everything(settings):
    """Every hard-to-undo reading is doubtful: the unsubscribe below waits for a check."""
    settings.VIVIER_REPLY_CHECK_BELOW = 1.0


@pytest.fixture
def two_campaigns(team, sequence, job, alice, campaign, make_candidate):
    """Hélène got campaign A's first step on Monday 9 March 2026 and answers on Tuesday; ``launch_b()`` then
    starts campaign B for her and Marc (a recruiter who has not read her answer yet)."""
    helene = make_candidate(first_name="Hélène", last_name="Dupré", email="helene@example.org")
    marc = make_candidate(first_name="Marc", last_name="Petit", email="marc@example.org")
    clock.set_now(at("2026-03-09 10:00 Europe/Paris"))
    campaign_start(campaign=campaign, candidates=[helene])
    other = campaign_create(team=team, name="Python Paris", sequence=sequence, job=job, owner=alice)
    drain(until=at("2026-03-10 00:00 Europe/Paris"))
    clock.set_now(at("2026-03-10 09:30 Europe/Paris"))
    first = OutboundMessage.objects.get(candidate=helene, campaign=campaign)

    def launch_b():
        review = campaign_start(campaign=other, candidates=[helene, marc])
        assert len(review.eligible) == 2

    return {"helene": helene, "marc": marc, "a": campaign, "b": other, "first": first, "launch_b": launch_b}


def steps_to(candidate, since) -> int:
    return OutboundMessage.objects.filter(
        candidate=candidate, kind=OutboundMessage.Kind.SEQUENCE_STEP, created_at__gt=since
    ).count()


def test_a_doubtful_unsubscribe_pauses_every_message_to_that_person_only(
    two_campaigns, doubt_everything, team
):
    helene, marc = two_campaigns["helene"], two_campaigns["marc"]
    reply = receive(reply_to(two_campaigns["first"], STOP), team=team)
    assert reply.intent == "unsubscribe" and reply.check_state == Reply.Check.PENDING
    helene.refresh_from_db()
    assert helene.unsubscribed_at is None  # the opt-out waits for the recruiter...
    assert Enrollment.objects.get(candidate=helene, campaign=two_campaigns["a"]).state == "replied"
    decision = contact_allowed(helene, OutboundMessage.Kind.QUICK_REPLY, clock.now())
    assert not decision and "checked" in decision.reason  # ...and nothing goes to her meanwhile
    assert contact_allowed(marc, OutboundMessage.Kind.SEQUENCE_STEP, at("2026-03-20 10:00 Europe/Paris"))

    two_campaigns["launch_b"]()
    since = clock.now()
    drain(until=at("2026-03-20 00:00 Europe/Paris"))
    assert steps_to(helene, since) == 0
    assert steps_to(marc, since) >= 2  # campaign B goes on for everyone else
    assert Enrollment.objects.get(candidate=helene, campaign=two_campaigns["b"]).state == "active"
    with pytest.raises(services.ReplyRefused):
        services.reply_send(reply=reply, body="Bien noté, désolée du dérangement.")


def test_confirming_a_doubtful_unsubscribe_unsubscribes(two_campaigns, doubt_everything, team, alice):
    helene = two_campaigns["helene"]
    reply = receive(reply_to(two_campaigns["first"], STOP), team=team)
    two_campaigns["launch_b"]()
    services.reply_confirm(reply=reply, by=alice)
    helene.refresh_from_db()
    reply.refresh_from_db()
    assert helene.unsubscribed_at is not None
    assert reply.check_state == Reply.Check.CONFIRMED and reply.checked_by == alice
    assert Enrollment.objects.get(candidate=helene, campaign=two_campaigns["b"]).state == "unsubscribed"
    since = clock.now()
    drain(until=at("2026-03-20 00:00 Europe/Paris"))
    assert steps_to(helene, since) == 0
    with pytest.raises(ValueError):
        services.reply_confirm(reply=reply, by=alice)  # checked once


def test_relabelling_a_doubtful_unsubscribe_lifts_the_pause_without_an_opt_out(
    two_campaigns, doubt_everything, team, alice
):
    helene = two_campaigns["helene"]
    reply = receive(reply_to(two_campaigns["first"], STOP), team=team)
    two_campaigns["launch_b"]()
    drain(until=at("2026-03-12 00:00 Europe/Paris"))
    assert steps_to(helene, two_campaigns["first"].created_at) == 0  # held while nobody has checked
    services.reply_correct(reply=reply, intent="other", by=alice)
    helene.refresh_from_db()
    reply.refresh_from_db()
    assert helene.unsubscribed_at is None
    assert reply.check_state == Reply.Check.RELABELLED and reply.intent == "other"
    assert contact_allowed(helene, OutboundMessage.Kind.QUICK_REPLY, clock.now())
    since = clock.now()
    drain(until=at("2026-03-20 00:00 Europe/Paris"))
    assert steps_to(helene, since) >= 1  # campaign B writes to her again
    assert Enrollment.objects.get(candidate=helene, campaign=two_campaigns["a"]).state == "replied"


def test_a_doubtful_decline_waits_for_its_reason_and_pauses_sending(two_campaigns, team, alice):
    helene = two_campaigns["helene"]
    reply = receive(reply_to(two_campaigns["first"], DOUBTFUL_NO), team=team)
    assert reply.intent == "not_interested" and reply.awaits_check and reply.confidence < 0.7
    assert not DeclineRecord.objects.filter(candidate=helene).exists()
    assert Candidate.objects.get(pk=helene.pk).last_decline_reason == ""
    assert not contact_allowed(
        helene, OutboundMessage.Kind.SEQUENCE_STEP, at("2026-03-20 10:00 Europe/Paris")
    )
    # The recruiter confirms the decline and corrects its reason in the same click.
    services.reply_confirm(reply=reply, reason="contract", by=alice)
    assert DeclineRecord.objects.get(candidate=helene).reason == "contract"
    assert Candidate.objects.get(pk=helene.pk).last_decline_reason == "contract"
    assert contact_allowed(helene, OutboundMessage.Kind.SEQUENCE_STEP, at("2026-03-20 10:00 Europe/Paris"))


def test_picking_the_preselected_label_confirms(two_campaigns, team, alice):
    reply = receive(reply_to(two_campaigns["first"], DOUBTFUL_NO), team=team)
    services.reply_correct(reply=reply, intent="not_interested", by=alice)
    reply.refresh_from_db()
    assert reply.check_state == Reply.Check.CONFIRMED
    assert DeclineRecord.objects.filter(reply=reply).exists()


def test_a_confident_reading_is_not_checked(two_campaigns, team):
    reply = receive(reply_to(two_campaigns["first"], STOP), team=team)
    assert reply.check_state == Reply.Check.NONE
    assert Candidate.objects.get(pk=two_campaigns["helene"].pk).unsubscribed_at is not None


def test_the_inbox_groups_the_replies_to_check_first(two_campaigns, team):
    receive(reply_to(two_campaigns["first"], DOUBTFUL_NO), team=team)
    groups = inbox_groups(team=team)
    assert [(g.intent, g.count) for g in groups] == [("to_check", 1)]
    assert groups[0].replies[0].intent == "not_interested"
    assert [g.intent for g in inbox_groups(team=team, to_check=True)] == ["to_check"]


def test_the_timeline_tells_both_steps_in_the_readers_language(two_campaigns, doubt_everything, team, alice):
    helene = two_campaigns["helene"]
    reply = receive(reply_to(two_campaigns["first"], STOP), team=team)
    services.reply_correct(reply=reply, intent="other", by=alice)
    waiting = TimelineEvent.objects.get(candidate=helene, kind="reply_to_check")
    checked = TimelineEvent.objects.get(candidate=helene, kind="reply_checked")
    assert waiting.params["intent"] == "unsubscribe" and waiting.params["paused"] is True
    assert checked.params == {**checked.params, "from": "unsubscribe", "to": "other", "confirmed": False}
    with translation.override("fr"):
        assert "Réponse à vérifier" in event_text(waiting) and "aucun message" in event_text(waiting)
        assert "reclassée" in event_text(checked) and "peuvent repartir" in event_text(checked)
    with translation.override("en"):
        assert "Reply to check" in event_text(waiting) and "no message" in event_text(waiting)
        assert "corrected to" in event_text(checked) and "may go again" in event_text(checked)
