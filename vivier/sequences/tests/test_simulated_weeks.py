"""Simulated weeks: exact send times across windows, weekends, holidays, time zones and DST."""

import pytest

from vivier.sequences.models import OutboundMessage
from vivier.sequences.services import campaign_start

from .conftest import at, drain


def sent_times(candidate):
    return [
        m.sent_at
        for m in OutboundMessage.objects.filter(candidate=candidate, status="sent").order_by("position")
    ]


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


@pytest.mark.django_db
def test_days_keep_the_local_hour_across_the_spring_dst_change(campaign, make_candidate, now_at):
    léa = make_candidate(first_name="Léa")
    now_at("2026-03-27 10:30 Europe/Paris")  # Friday before the change (Sunday 29 March)
    campaign_start(campaign=campaign, candidates=[léa])
    drain(until=at("2026-04-03 00:00 Europe/Paris"))
    first, second = sent_times(léa)[:2]
    assert first == at("2026-03-27 10:30 Europe/Paris")
    # +2 days = Sunday 29 (DST change, weekend) -> Monday 30 at 9:00 Paris, which is 07:00 UTC now
    assert second == at("2026-03-30 09:00 Europe/Paris")
    assert second.hour == 7


@pytest.mark.django_db
def test_a_day_delay_lands_on_the_same_wall_clock_time_after_autumn_dst(
    team, job, alice, make_candidate, now_at
):
    from vivier.sequences.services import campaign_create, sequence_save

    seq = sequence_save(
        team=team,
        name="Two steps",
        steps=[
            {
                "delay": 0,
                "subject_fr": "Bonjour",
                "body_fr": "Bonjour {{ candidate.first_name }}",
                "window_weekdays": [0, 1, 2, 3, 4, 5, 6],
                "window_start": "08:00",
                "window_end": "20:00",
            },
            {
                "delay": 2,
                "body_fr": "Relance",
                "window_weekdays": [0, 1, 2, 3, 4, 5, 6],
                "window_start": "08:00",
                "window_end": "20:00",
            },
        ],
    )
    camp = campaign_create(team=team, name="c", sequence=seq, job=job, owner=alice)
    max_ = make_candidate(first_name="Max")
    now_at("2026-10-24 14:15 Europe/Paris")  # Saturday; clocks go back Sunday 25 October at 03:00
    campaign_start(campaign=camp, candidates=[max_])
    drain(until=at("2026-11-01 00:00 Europe/Paris"))
    assert sent_times(max_) == [at("2026-10-24 14:15 Europe/Paris"), at("2026-10-26 14:15 Europe/Paris")]
    # 49 hours of elapsed time, not 48: the local hour is what a person expects
    assert (sent_times(max_)[1] - sent_times(max_)[0]).total_seconds() == 49 * 3600


@pytest.mark.django_db
def test_the_window_is_the_candidates_time_zone_with_the_teams_as_fallback(campaign, make_candidate, now_at):
    nyc = make_candidate(first_name="Ann", language="en", time_zone="America/New_York")
    paris = make_candidate(first_name="Paul", time_zone="")
    now_at("2026-03-10 07:00 Europe/Paris")  # Tuesday
    campaign_start(campaign=campaign, candidates=[nyc, paris])
    drain(until=at("2026-03-11 00:00 Europe/Paris"))
    assert sent_times(paris)[0] == at("2026-03-10 09:00 Europe/Paris")
    assert sent_times(nyc)[0] == at("2026-03-10 09:00 America/New_York")  # 14:00 Paris (US already on DST)
    message = OutboundMessage.objects.get(candidate=nyc)
    assert (
        message.subject == "A Développeuse Python role at Alvéa"
    )  # English templates for an English speaker


@pytest.mark.django_db
def test_business_days_and_windows_skip_french_public_holidays(team, job, alice, make_candidate, now_at):
    from vivier.sequences.services import campaign_create, sequence_save

    seq = sequence_save(
        team=team,
        name="Business",
        steps=[
            {"delay": 0, "subject_fr": "Bonjour", "body_fr": "Bonjour"},
            {"delay": 2, "delay_unit": "business_days", "body_fr": "Relance"},
        ],
    )
    camp = campaign_create(team=team, name="c", sequence=seq, job=job, owner=alice)
    zoé = make_candidate(first_name="Zoé")
    now_at("2026-05-01 10:00 Europe/Paris")  # Friday 1 May, Fête du Travail: no sending
    campaign_start(campaign=camp, candidates=[zoé])
    drain(until=at("2026-05-20 00:00 Europe/Paris"))
    first, second = sent_times(zoé)
    assert first == at("2026-05-04 09:00 Europe/Paris")  # Monday
    # Two business days after Monday 4: Tuesday 5, Wednesday 6 (Friday 8 May would be a holiday too)
    assert second == at("2026-05-06 09:00 Europe/Paris")


@pytest.mark.django_db
def test_business_days_jump_over_a_holiday(team, job, alice, make_candidate, now_at):
    from vivier.sequences.services import campaign_create, sequence_save

    seq = sequence_save(
        team=team,
        name="Business 2",
        steps=[
            {"delay": 0, "subject_fr": "Bonjour", "body_fr": "Bonjour"},
            {"delay": 1, "delay_unit": "business_days", "body_fr": "Relance"},
        ],
    )
    camp = campaign_create(team=team, name="c", sequence=seq, job=job, owner=alice)
    zoé = make_candidate(first_name="Zoé")
    now_at("2026-05-07 11:00 Europe/Paris")  # Thursday 7 May; Friday 8 May is Victoire 1945
    campaign_start(campaign=camp, candidates=[zoé])
    drain(until=at("2026-05-20 00:00 Europe/Paris"))
    assert sent_times(zoé) == [at("2026-05-07 11:00 Europe/Paris"), at("2026-05-11 11:00 Europe/Paris")]


@pytest.mark.django_db
def test_contact_pressure_pushes_a_step_and_never_drops_it(campaign, make_candidate, now_at):
    from vivier.pool.models import Candidate

    marc = make_candidate(first_name="Marc")
    Candidate.objects.filter(pk=marc.pk).update(last_contacted_at=at("2026-03-09 16:00 Europe/Paris"))
    marc.refresh_from_db()
    now_at("2026-03-10 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[marc])
    drain(until=at("2026-03-12 00:00 Europe/Paris"))
    # Two days after the last contact is Wednesday 16:00, inside the window
    assert sent_times(marc) == [at("2026-03-11 16:00 Europe/Paris")]


@pytest.mark.django_db
def test_a_mailbox_keeps_its_daily_limit_and_a_jittered_gap(
    team, sequence, job, alice, make_candidate, now_at, settings
):
    from vivier.mail.services import mailbox_create
    from vivier.sequences.services import campaign_create

    settings.VIVIER_MAIL_TRANSPORT = "memory"
    box = mailbox_create(
        team=team,
        address="alice@alvea-rh.fr",
        smtp_host="127.0.0.1",
        daily_limit=3,
        min_gap_seconds=90,
        jitter_seconds=60,
    )
    camp = campaign_create(team=team, name="c", sequence=sequence, job=job, owner=alice, mailbox=box)
    people = [make_candidate(first_name=f"P{i}") for i in range(5)]
    now_at("2026-03-10 08:00 Europe/Paris")
    campaign_start(campaign=camp, candidates=people)
    drain(until=at("2026-03-11 12:00 Europe/Paris"))
    firsts = sorted(
        OutboundMessage.objects.filter(position=0, status="sent").values_list("sent_at", flat=True)
    )
    assert len(firsts) == 5
    assert firsts[0] == at("2026-03-10 09:00 Europe/Paris")
    gaps = [(b - a).total_seconds() for a, b in zip(firsts[:2], firsts[1:3], strict=True)]
    # Three a day: the last two go the next morning when the window opens
    assert firsts[3] == at("2026-03-11 09:00 Europe/Paris")
    gaps.append((firsts[4] - firsts[3]).total_seconds())
    # Like a person, not a metronome. The jitter is seeded by the mailbox's id, day and rank: two of the
    # first day's gaps alone are equal for 1 id in 61 (PostgreSQL ids depend on the tests run before).
    assert all(90 <= g <= 150 for g in gaps) and len(set(gaps)) > 1


@pytest.mark.django_db
def test_the_jitter_is_the_same_in_every_run(team, sequence, job, alice, make_candidate, now_at, settings):
    from vivier.mail.services import mailbox_create

    box = mailbox_create(
        team=team, address="a@alvea-rh.fr", smtp_host="h", min_gap_seconds=90, jitter_seconds=60
    )
    from vivier.mail.services import mailbox_take_slots

    t = at("2026-03-10 09:00 Europe/Paris")
    mailbox_take_slots(mailbox=box, now=t, wanted=1)
    box.refresh_from_db()
    first = box.next_free_at
    box.day, box.day_count, box.next_free_at = None, 0, None
    box.save()
    mailbox_take_slots(mailbox=box, now=t, wanted=1)
    box.refresh_from_db()
    assert box.next_free_at == first
