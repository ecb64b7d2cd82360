"""Simulated weeks: exact send times across windows, weekends, holidays, time zones and DST."""

import pytest

from vivier.mail.models import OutboundMessage
from vivier.sequences.services import campaign_start

from .conftest import at, drain


def sent_times(candidate):
    return [m.sent_at for m in OutboundMessage.objects.filter(candidate=candidate, status="sent").order_by("position")]


@pytest.mark.django_db
def test_the_seed_sequence_sends_at_window_times_and_skips_weekends(campaign, make_candidate, now_at):
    hélène = make_candidate()
    now_at("2026-03-06 20:00 Europe/Paris")  # a Friday evening: outside the window
    campaign_start(campaign=campaign, candidates=[hélène])
    drain(until=at("2026-05-01 00:00 Europe/Paris"))
    assert sent_times(hélène) == [
        at("2026-03-09 09:00 Europe/Paris"),  # Monday, window opens
        at("2026-03-11 09:00 Europe/Paris"),  # +2 days
        at("2026-03-16 09:00 Europe/Paris"),  # +4 days = Sunday: Monday 9:00
        at("2026-03-23 09:00 Europe/Paris"),  # +7 days
    ]
