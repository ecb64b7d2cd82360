"""The daily digest: sent by the worker at the time each user picked, in their time zone and language, at
most once a day, without the kinds they switched off."""

import io

import pytest

from vivier.accounts.notifications import notification_settings_update
from vivier.lib import clock
from vivier.mail import transport
from vivier.replies.tests.mails import MORE, YES, replied_world
from vivier.sequences import digest
from vivier.sequences.models import OutboundMessage
from vivier.sequences.tests import conftest as seqfix

from .conftest import at

campaign, job, sequence = seqfix.campaign, seqfix.job, seqfix.sequence


@pytest.fixture(autouse=True)
def memory(settings):
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    yield transport.memory_outbox
    transport.memory_outbox.clear()
    clock.set_now(None)


@pytest.fixture
def world(campaign, make_candidate, team, alice, bob):
    return replied_world(
        campaign=campaign,
        make_candidate=make_candidate,
        team=team,
        texts={"Ana": YES, "Ben": MORE, "Cleo": None},
    )


def digests(user):
    return list(OutboundMessage.objects.filter(kind="system", to_email=user.email).order_by("created_at"))


def run_digests_at(when: str) -> int:
    clock.set_now(at(when))
    handled = 0
    while digest.handle_one_digest():
        handled += 1
    return handled


@pytest.mark.django_db
def test_the_digest_goes_at_the_chosen_local_time_once_a_day(world, alice):
    import datetime as dt

    notification_settings_update(user=alice, digest_enabled=True, digest_time=dt.time(8, 0), muted=[])
    run_digests_at("2026-03-11 07:59 Europe/Paris")
    assert digests(alice) == []
    run_digests_at("2026-03-11 08:00 Europe/Paris")
    [sent] = digests(alice)
    assert sent.status == "sent" and sent.candidate_id is None
    assert "Ana Test" in sent.body and "Ben Test" in sent.body
    assert "Réponses à traiter" in sent.body  # Alice reads French
    run_digests_at("2026-03-11 18:00 Europe/Paris")
    run_digests_at("2026-03-11 23:59 Europe/Paris")
    assert len(digests(alice)) == 1
    run_digests_at("2026-03-12 08:01 Europe/Paris")
    assert len(digests(alice)) == 2
    assert digests(alice)[1].idempotency_key == f"digest:{alice.public_id}:2026-03-12"


@pytest.mark.django_db
def test_the_digest_time_is_read_in_the_users_time_zone(world, bob):
    import datetime as dt

    from vivier.accounts.services import user_update_preferences

    user_update_preferences(user=bob, language="en", time_zone="America/Montreal")
    notification_settings_update(user=bob, digest_enabled=True, digest_time=dt.time(8, 0), muted=[])
    run_digests_at("2026-03-11 08:00 Europe/Paris")  # 02:00 in Montreal
    assert digests(bob) == []
    run_digests_at("2026-03-11 13:00 Europe/Paris")  # 08:00 in Montreal
    [sent] = digests(bob)
    assert sent.subject.startswith("Vivier:") and "Replies to answer" in sent.body  # Bob reads English


@pytest.mark.django_db
def test_kinds_switched_off_are_left_out_and_an_empty_digest_is_not_sent(world, alice, bob):
    import datetime as dt

    notification_settings_update(
        user=alice, digest_enabled=True, digest_time=dt.time(8, 0), muted=["replies", "deadlines"]
    )
    notification_settings_update(user=bob, digest_enabled=False, digest_time=dt.time(8, 0), muted=[])
    assert run_digests_at("2026-03-11 09:00 Europe/Paris") == 1  # Alice handled (nothing to say); Bob off
    assert digests(alice) == [] and digests(bob) == []
    assert run_digests_at("2026-03-11 10:00 Europe/Paris") == 0  # not considered again today
    notification_settings_update(
        user=alice, digest_enabled=True, digest_time=dt.time(8, 0), muted=["replies"]
    )
    run_digests_at("2026-03-12 09:00 Europe/Paris")
    [sent] = digests(alice)
    assert "Délais sur le point d'être manqués" in sent.body and "Réponses à traiter" not in sent.body


@pytest.mark.django_db
def test_the_worker_once_sends_the_digest_through_its_registered_handler(world, alice):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("worker", once=True, now="2026-03-11T08:30:00+01:00", stdout=out)
    assert len(digests(alice)) == 1
    assert "notifications.digest: worked 2 time(s)" in out.getvalue().splitlines()  # Alice's, then Bob's
    again = io.StringIO()
    call_command("worker", once=True, now="2026-03-11T08:31:00+01:00", stdout=again)
    assert again.getvalue().splitlines() == ["nothing due"]
