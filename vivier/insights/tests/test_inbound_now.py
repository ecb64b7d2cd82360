"""`vivier inbound receive --now`: the message is received at that instant and handled in the same command."""

import io
import sys

import pytest
from django.core.management import call_command

from vivier.lib import clock
from vivier.replies.models import Reply
from vivier.replies.tests.mails import YES, reply_to
from vivier.sequences.models import Enrollment, OutboundMessage
from vivier.sequences.services import campaign_start
from vivier.sequences.tests.conftest import at, drain


@pytest.mark.django_db
def test_a_reply_received_with_now_is_dated_then_and_stops_the_sequence_at_once(
    campaign, make_candidate, team, now_at, monkeypatch
):
    hélène = make_candidate(email="helene@example.org")
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[hélène])
    drain(until=at("2026-03-10 00:00 Europe/Paris"))
    raw = reply_to(OutboundMessage.objects.get(candidate=hélène), YES)
    clock.set_now(None)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    call_command("inbound", "receive", "--team", team.slug, "--now", "2026-03-10T09:30:00+01:00", stdout=out)
    assert out.getvalue().startswith("stored ")
    reply = Reply.objects.get(candidate=hélène)
    assert reply.intent == "interested"
    assert reply.received_at == at("2026-03-10 09:30 Europe/Paris")
    enrollment = Enrollment.objects.get(candidate=hélène)
    assert enrollment.state == Enrollment.State.REPLIED
    assert enrollment.state_changed_at == at("2026-03-10 09:30 Europe/Paris")


@pytest.mark.django_db
def test_now_without_an_offset_is_a_usage_error(monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Subject: x\r\n\r\nhello\r\n")))
    with pytest.raises(CommandError) as refused:
        call_command("inbound", "receive", "--now", "2026-03-10T09:30:00")
    assert refused.value.returncode == 2
