"""Sending through a real SMTP server on loopback (aiosmtpd)."""

from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

from vivier.mail.models import OutboundMessage
from vivier.mail.services import mailbox_create
from vivier.pool.models import CandidateEmail
from vivier.sequences import engine
from vivier.sequences.models import Enrollment
from vivier.sequences.services import campaign_create, campaign_start
from vivier.sequences.tests.conftest import at, drain


class Catcher:
    """Accepts mail, except: RCPT to a ``bounce`` address gets 550, DATA for a ``busy`` one gets 451
    (``busy_times`` times)."""

    def __init__(self):
        self.received = []
        self.busy_times = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return f"550 5.1.1 <{address}>: user unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(r.startswith("busy") for r in envelope.rcpt_tos) and self.busy_times > 0:
            self.busy_times -= 1
            return "451 4.3.0 try again later"
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or
                              envelope.content))
        return "250 2.0.0 queued"


class LoopbackController(Controller):
    """Port 0: the OS picks a free port; aiosmtpd's readiness probe must then use the real one."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture
def smtp():
    catcher = Catcher()
    controller = LoopbackController(catcher, hostname="127.0.0.1", port=0)
    controller.start()
    catcher.port = controller.port
    yield catcher
    controller.stop()


@pytest.fixture
def smtp_campaign(team, sequence, job, alice, smtp):
    box = mailbox_create(team=team, address="alice@alvea-rh.fr", display_name="Alice Martin",
                         smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_security="none",
                         min_gap_seconds=0, jitter_seconds=0)
    return campaign_create(team=team, name="SMTP", sequence=sequence, job=job, owner=alice, mailbox=box)


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
def test_a_permanent_refusal_marks_the_address_invalid_and_the_enrollment_bounced(smtp_campaign, smtp,
                                                                                 make_candidate, now_at):
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
def test_a_temporary_refusal_is_retried_with_backoff_then_sent_once(smtp_campaign, smtp, make_candidate, now_at):
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
    assert message.status == "sent" and message.sent_at == at("2026-03-09 10:20 Europe/Paris")  # +5 min, +15 min
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
    box = mailbox_create(team=team, address="alice@alvea-rh.fr", smtp_host="127.0.0.1", smtp_port=1,
                         smtp_security="none", min_gap_seconds=0, jitter_seconds=0)
    camp = campaign_create(team=team, name="Down", sequence=sequence, job=job, owner=alice, mailbox=box)
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=camp, candidates=[make_candidate()])
    engine.handle_one_due()
    message = OutboundMessage.objects.get()
    assert message.status == "scheduled" and "cannot connect" in message.last_error


@pytest.mark.django_db
def test_mailbox_passwords_are_encrypted_at_rest(team):
    box = mailbox_create(team=team, address="a@alvea-rh.fr", smtp_host="smtp.example.org",
                         smtp_password="s3cret-pa55")
    box.refresh_from_db()
    assert "s3cret" not in box.smtp_password_encrypted
    assert box.get_password() == "s3cret-pa55"
