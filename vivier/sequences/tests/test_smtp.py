"""Sending through a real SMTP server on loopback (aiosmtpd)."""

import socket
from email import message_from_bytes
from email.policy import default

import pytest

from vivier.mail.services import mailbox_create
from vivier.mail.tests.smtpd import Catcher, serving, smtp  # noqa: F401 - fixture
from vivier.pool.models import CandidateEmail
from vivier.sequences import engine
from vivier.sequences.engine import sender
from vivier.sequences.models import Enrollment, OutboundMessage
from vivier.sequences.services import campaign_create, campaign_start
from vivier.sequences.tests.conftest import at, drain


def campaign_on(port, *, team, sequence, job, alice):
    """A campaign sending through Alice's mailbox on the loopback server at ``port``, with no pacing."""
    box = mailbox_create(
        team=team,
        address="alice@alvea-rh.fr",
        display_name="Alice Martin",
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security="none",
        min_gap_seconds=0,
        jitter_seconds=0,
    )
    return campaign_create(team=team, name="SMTP", sequence=sequence, job=job, owner=alice, mailbox=box)


@pytest.fixture
def smtp_campaign(team, sequence, job, alice, smtp):
    return campaign_on(smtp.port, team=team, sequence=sequence, job=job, alice=alice)


@pytest.mark.django_db
def test_it_sends_real_emails_over_smtp_and_threads_follow_ups(smtp_campaign, smtp, make_candidate, now_at):
    hélène = make_candidate(email="helene@example.org")
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=smtp_campaign, candidates=[hélène])
    drain(until=at("2026-03-12 00:00 Europe/Paris"))
    assert len(smtp.received) == 2
    mail_from, rcpts, raw = smtp.received[0]
    first = message_from_bytes(raw, policy=default)
    second = message_from_bytes(smtp.received[1][2], policy=default)
    assert (mail_from, rcpts) == ("alice@alvea-rh.fr", ["helene@example.org"])
    assert str(first["From"]) == "Alice Martin <alice@alvea-rh.fr>"
    assert first["Subject"] == "Un poste de Développeuse Python chez Alvéa"
    assert second["In-Reply-To"] == first["Message-ID"] == OutboundMessage.objects.get(position=0).message_id
    assert OutboundMessage.objects.get(position=0).smtp_response.startswith("250")


@pytest.mark.django_db
def test_a_permanent_refusal_marks_the_address_invalid_and_the_enrollment_bounced(
    smtp_campaign, smtp, make_candidate, now_at
):
    gone = make_candidate(email="bounce@example.org")
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=smtp_campaign, candidates=[gone])
    drain(until=at("2026-04-01 00:00 Europe/Paris"))
    message = OutboundMessage.objects.get()
    assert message.status == "bounced" and "550" in message.last_error
    assert CandidateEmail.objects.get(email="bounce@example.org").invalid_at is not None
    assert Enrollment.objects.get().state == "bounced"
    assert smtp.received == []


@pytest.mark.django_db
def test_a_temporary_refusal_is_retried_with_backoff_then_sent_once(
    smtp_campaign, smtp, make_candidate, now_at
):
    busy = make_candidate(email="busy@example.org")
    smtp.busy_times = 2
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=smtp_campaign, candidates=[busy])
    engine.handle_one_due()
    message = OutboundMessage.objects.get()
    assert message.status == "scheduled" and "451" in message.last_error
    assert message.next_attempt_at == at("2026-03-09 10:05 Europe/Paris")
    drain(until=at("2026-03-09 12:00 Europe/Paris"))
    message.refresh_from_db()
    assert message.status == "sent" and message.sent_at == at(
        "2026-03-09 10:20 Europe/Paris"
    )  # +5 min, +15 min
    assert len(smtp.received) == 1
    enrollment = Enrollment.objects.get()
    assert enrollment.next_at == at("2026-03-11 10:20 Europe/Paris")  # follow-up timed from the real send


@pytest.mark.django_db
def test_after_the_last_retry_the_message_is_given_up_visibly(smtp_campaign, smtp, make_candidate, now_at):
    busy = make_candidate(email="busy@example.org")
    smtp.busy_times = 100
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=smtp_campaign, candidates=[busy])
    drain(until=at("2026-03-20 00:00 Europe/Paris"))
    message = OutboundMessage.objects.get()
    assert message.status == "failed" and message.last_error.startswith("given up: ")
    enrollment = Enrollment.objects.get()
    assert enrollment.state == "ended" and "could not send" in enrollment.stop_reason
    assert smtp.received == []


@pytest.mark.django_db
def test_an_unreachable_server_is_retried_not_lost(team, sequence, job, alice, make_candidate, now_at):
    box = mailbox_create(
        team=team,
        address="alice@alvea-rh.fr",
        smtp_host="127.0.0.1",
        smtp_port=1,
        smtp_security="none",
        min_gap_seconds=0,
        jitter_seconds=0,
    )
    camp = campaign_create(team=team, name="Down", sequence=sequence, job=job, owner=alice, mailbox=box)
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=camp, candidates=[make_candidate()])
    engine.handle_one_due()
    message = OutboundMessage.objects.get()
    assert message.status == "scheduled" and "cannot connect" in message.last_error


@pytest.mark.django_db
def test_mailbox_passwords_are_encrypted_at_rest(team):
    box = mailbox_create(
        team=team, address="a@alvea-rh.fr", smtp_host="smtp.example.org", smtp_password="s3cret-pa55"
    )
    box.refresh_from_db()
    assert "s3cret" not in box.smtp_password_encrypted
    assert box.get_password() == "s3cret-pa55"


@pytest.mark.django_db
def test_an_email_service_mailbox_sends_through_djangos_backend(
    team, sequence, job, alice, make_candidate, now_at, mailoutbox
):
    box = mailbox_create(team=team, address="alice@alvea-rh.fr", kind="anymail", display_name="Alice Martin")
    camp = campaign_create(team=team, name="ESP", sequence=sequence, job=job, owner=alice, mailbox=box)
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=camp, candidates=[make_candidate(email="helene@example.org")])
    drain(until=at("2026-03-12 00:00 Europe/Paris"))
    first, second = mailoutbox
    assert first.to == ["Hélène Dupré1 <helene@example.org>"] and first.subject.startswith("Un poste de")
    assert second.extra_headers["In-Reply-To"] == first.extra_headers["Message-ID"]
    assert first.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert OutboundMessage.objects.filter(status="sent", transport="anymail").count() == 2


# --- The sender thread: batches chained over one kept-open connection ------------------------------


class Peers(Catcher):
    """Also remembers which client connection (peer address) carried each message."""

    def __init__(self):
        super().__init__()
        self.peers = []

    async def handle_DATA(self, server, session, envelope):
        self.peers.append(session.peer)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def peers():
    with serving(Peers()) as catcher:
        yield catcher
        engine.shutdown_sender()


@pytest.fixture
def peers_campaign(team, sequence, job, alice, peers):
    return campaign_on(peers.port, team=team, sequence=sequence, job=job, alice=alice)


@pytest.mark.django_db
def test_batches_chain_through_the_sender_on_one_kept_open_connection(
    peers_campaign, peers, make_candidate, now_at, settings, monkeypatch
):
    settings.VIVIER_WORKER_BATCH = 2
    monkeypatch.setattr(sender, "PIPELINE_SECONDS", 60)
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=peers_campaign, candidates=[make_candidate() for _ in range(5)])
    assert engine.handle_one_due() is True  # three batches, each sent while the next one was prepared
    assert sorted(r[1][0] for r in peers.received) == sorted(
        OutboundMessage.objects.values_list("to_email", flat=True)
    )
    assert set(OutboundMessage.objects.values_list("status", flat=True)) == {"sent"}
    assert OutboundMessage.objects.count() == 5 and not Enrollment.objects.exclude(claimed_by="").exists()
    assert Enrollment.objects.filter(next_position=1, next_at__isnull=False).count() == 5
    assert len(set(peers.peers)) == 1
    assert engine.handle_one_due() is False


@pytest.mark.django_db
@pytest.mark.parametrize("probe", [True, False])
def test_a_kept_connection_the_server_dropped_is_replaced_without_losing_the_message(
    peers_campaign, peers, make_candidate, now_at, probe
):
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=peers_campaign, candidates=[make_candidate()])
    engine.handle_one_due()
    pool = sender._sender.pool
    pool.check_after = 0 if probe else 10**6  # probe with NOOP before reuse, or find out at MAIL FROM
    pool.connections[peers_campaign.mailbox_id].sock.shutdown(socket.SHUT_RDWR)  # as a server hanging up
    now_at("2026-03-11 10:00 Europe/Paris")
    engine.handle_one_due()
    assert list(OutboundMessage.objects.order_by("position").values_list("status", flat=True)) == [
        "sent",
        "sent",
    ]
    assert len(peers.received) == 2 and len(set(peers.peers)) == 2


def _stop_on_second_check(monkeypatch, action):
    real = sender._stopped_meanwhile
    calls = []

    def check(rest):
        calls.append(len(rest))
        if len(calls) == 2:  # the first message is on its way; the worker's thread re-checks the others
            action(rest)
        return real(rest)

    monkeypatch.setattr(sender, "SEND_GUARD_SECONDS", 0)  # a slow server: re-check before each hand-over
    monkeypatch.setattr(sender, "_stopped_meanwhile", check)
    return calls


@pytest.mark.django_db
def test_a_reply_while_the_sender_thread_works_stops_the_messages_not_yet_handed_over(
    peers_campaign, peers, make_candidate, now_at, monkeypatch
):
    from vivier.lib import clock
    from vivier.sequences.services import enrollment_stop_on_reply

    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=peers_campaign, candidates=[make_candidate() for _ in range(3)])
    replied = []

    def reply(rest):
        enrollment = Enrollment.objects.get(pk=rest[-1].enrollment.pk)
        enrollment_stop_on_reply(enrollment=enrollment, at=clock.now())
        replied.append(enrollment.candidate_id)

    calls = _stop_on_second_check(monkeypatch, reply)
    engine.handle_one_due()
    assert len(calls) >= 3 and replied
    message = OutboundMessage.objects.get(candidate_id=replied[0])
    assert message.status == "cancelled" and message.to_email not in [r[1][0] for r in peers.received]
    assert OutboundMessage.objects.filter(status="sent").count() == 2 == len(peers.received)


@pytest.mark.django_db
def test_sigterm_while_the_sender_thread_works_finishes_the_message_and_puts_the_rest_back(
    peers_campaign, peers, make_candidate, now_at, monkeypatch
):
    from vivier.lib import clock

    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=peers_campaign, candidates=[make_candidate() for _ in range(3)])

    def sigterm(rest):
        engine.state.stop_requested = True

    _stop_on_second_check(monkeypatch, sigterm)
    try:
        engine.handle_one_due()
    finally:
        engine.state.stop_requested = False
    assert len(peers.received) == 1
    assert list(OutboundMessage.objects.values_list("status", flat=True)) == ["sent"]
    assert Enrollment.objects.filter(next_position=0, next_at__lte=clock.now(), claimed_by="").count() == 2
    monkeypatch.undo()
    engine.handle_one_due()
    assert len(peers.received) == 3 and OutboundMessage.objects.filter(status="sent").count() == 3
