"""The one send path: every email is an outbound message of a kind, at most once, with the bytes that left."""

import datetime as dt
import json
from email import message_from_bytes
from email.policy import default

import pytest

from vivier.mail import transport
from vivier.mail.tests.smtpd import Catcher, serving
from vivier.pool.models import TimelineEvent
from vivier.sequences import engine
from vivier.sequences.history import EventKind
from vivier.sequences.models import OutboundMessage
from vivier.sequences.outbox import (
    CONVERSATION,
    LEGAL,
    AlreadySent,
    Attachment,
    Decision,
    SendRefused,
    contact_allowed,
    contact_rule_register,
    message_send,
)
from vivier.sequences.services import campaign_start

from .conftest import at
from .test_cli import SEQUENCE_YAML, vivier  # noqa: F401 - the CLI fixture

Kind = OutboundMessage.Kind


@pytest.fixture
def memory(settings):
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    yield transport.memory_outbox
    transport.memory_outbox.clear()


@pytest.fixture
def zoe(make_candidate):
    return make_candidate(first_name="Zoé", email="zoe@example.org")


@pytest.mark.django_db
def test_a_quick_reply_is_an_outbound_message_of_its_kind_with_the_bytes_it_was_sent_as(
    team, zoe, alice, memory, now_at
):
    now_at("2026-03-10 09:00 Europe/Paris")
    message = message_send(
        team=team,
        candidate=zoe,
        kind=Kind.QUICK_REPLY,
        subject="Re: Un poste",
        body="Avec plaisir, je vous appelle demain.",
        in_reply_to="<abc@example.org>",
        idempotency_key="quick_reply:test:1",
        by=alice,
    )
    assert message.status == "sent" and message.kind == "quick_reply"
    assert message.enrollment_id is None and message.campaign_id is None and message.position is None
    assert memory == [bytes(OutboundMessage.objects.get(pk=message.pk).raw)]
    parsed = message_from_bytes(memory[0], policy=default)
    assert (
        parsed["In-Reply-To"] == "<abc@example.org>" and parsed["From"].addresses[0].addr_spec == alice.email
    )
    zoe.refresh_from_db()
    assert zoe.last_contacted_at == message.sent_at
    event = TimelineEvent.objects.get(candidate=zoe, kind=EventKind.MESSAGE_OUT)
    assert event.params["message_kind"] == "quick_reply"


@pytest.mark.django_db
def test_the_idempotency_key_refuses_a_second_send(team, zoe, memory, now_at):
    now_at("2026-03-10 09:00 Europe/Paris")
    sent = dict(team=team, candidate=zoe, kind=Kind.OFFER, subject="L'offre", body="Voici l'offre.")
    message_send(**sent, idempotency_key="offer:zoe:backend")
    with pytest.raises(AlreadySent):
        message_send(**sent, idempotency_key="offer:zoe:backend")
    assert OutboundMessage.objects.count() == 1 and len(memory) == 1


@pytest.mark.django_db
def test_a_sequence_step_is_sent_at_most_once_per_enrollment_and_step(
    campaign, make_candidate, memory, now_at
):
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate()])
    engine.handle_one_due()
    step = OutboundMessage.objects.get()
    assert step.kind == "sequence_step" and step.idempotency_key == f"step:{step.enrollment_id}:0"
    assert memory == [bytes(step.raw)]
    with pytest.raises(AlreadySent):  # nothing else may take a step's key
        message_send(
            team=campaign.team,
            candidate=step.candidate,
            kind=Kind.SYSTEM,
            subject="x",
            body="y",
            idempotency_key=step.idempotency_key,
            now=at("2026-03-20 10:00 Europe/Paris"),
        )


@pytest.mark.django_db
def test_contact_pressure_holds_everything_but_a_live_conversation(zoe, settings):
    settings.VIVIER_CONTACT_PRESSURE_DAYS = 2
    zoe.last_contacted_at = at("2026-03-10 09:00 Europe/Paris")
    soon = at("2026-03-11 09:00 Europe/Paris")
    for kind in Kind.values:
        decision = contact_allowed(zoe, kind, soon)
        if kind in CONVERSATION:
            assert decision.allowed, kind
        else:
            assert not decision.allowed and decision.earliest == at("2026-03-12 09:00 Europe/Paris"), kind
    assert all(contact_allowed(zoe, kind, at("2026-03-12 09:00 Europe/Paris")) for kind in Kind.values)


@pytest.mark.django_db
def test_an_unsubscribed_candidate_gets_nothing_but_a_legal_notice(zoe):
    zoe.unsubscribed_at = at("2026-03-01 09:00 Europe/Paris")
    later = at("2026-06-01 09:00 Europe/Paris")
    allowed = {kind for kind in Kind.values if contact_allowed(zoe, kind, later)}
    assert allowed == {"notice"}
    assert contact_allowed(zoe, Kind.QUICK_REPLY, later).reason == "the candidate unsubscribed"


@pytest.mark.django_db
def test_a_rule_a_later_app_registers_holds_messages_and_never_a_legal_notice(zoe, team, memory):
    def budget(candidate, kind, when):
        if kind in LEGAL or kind in CONVERSATION:
            return None
        return Decision(False, "monthly budget spent", when + dt.timedelta(days=30))

    contact_rule_register("test-budget", budget, order=50)
    try:
        now = at("2026-03-10 09:00 Europe/Paris")
        assert not contact_allowed(zoe, Kind.SURVEY, now) and contact_allowed(zoe, Kind.RENEWAL, now)
        with pytest.raises(SendRefused, match="budget"):
            message_send(
                team=team, candidate=zoe, kind=Kind.SURVEY, subject="?", body="?", idempotency_key="s"
            )
        assert not OutboundMessage.objects.exists() and memory == []
    finally:
        contact_rule_register("test-budget", lambda *a: None)


@pytest.mark.django_db
def test_the_engine_holds_a_step_a_registered_rule_refuses_until_its_date(
    campaign, make_candidate, memory, now_at
):
    now_at("2026-03-09 10:00 Europe/Paris")
    until = at("2026-03-16 10:00 Europe/Paris")
    contact_rule_register(
        "test-interview",
        lambda c, kind, when: Decision(False, "interview upcoming", until) if when < until else None,
    )
    try:
        campaign_start(campaign=campaign, candidates=[make_candidate()])
        engine.handle_one_due()
        assert memory == []
        assert campaign.enrollments.get().next_at == until
    finally:
        contact_rule_register("test-interview", lambda *a: None)


@pytest.mark.django_db
def test_attachments_are_sent_kept_and_listed(team, zoe, memory, now_at):
    from io import StringIO

    from django.core.management import call_command

    now_at("2026-03-10 09:00 Europe/Paris")
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    message = message_send(
        team=team,
        candidate=zoe,
        kind=Kind.INVITATION,
        subject="Entretien",
        body="Voici l'invitation.",
        attachments=[Attachment("text/calendar", "invite.ics", ics)],
        idempotency_key="invitation:1",
    )
    parts = list(message_from_bytes(memory[0], policy=default).iter_attachments())
    assert [(p.get_content_type(), p.get_filename(), p.get_content().encode()) for p in parts] == [
        ("text/calendar", "invite.ics", ics)
    ]
    assert message.attachments.get().content == ics
    out = StringIO()
    call_command("outbox", "--json", stdout=out)
    row = json.loads(out.getvalue().splitlines()[0])
    assert row["kind"] == "invitation" and row["step"] is None and row["campaign"] is None
    assert row["attachments"] == [{"content_type": "text/calendar", "filename": "invite.ics"}]


def test_outbox_show_eml_prints_exactly_what_the_smtp_server_received(vivier, tmp_path):  # noqa: F811
    with serving(Catcher()) as catcher:
        playbook = tmp_path / "relance.yaml"
        playbook.write_text(SEQUENCE_YAML, encoding="utf-8")
        vivier("sequence", "import", str(playbook))
        slug = vivier(
            "job",
            "create",
            "--title",
            "Développeur Python",
            "--location",
            "Lyon",
            "--pitch",
            "Une équipe de 6.",
        ).stdout.strip()
        vivier(
            "mailbox", "add", "alice@alvea-rh.fr", "--host", "127.0.0.1", "--port", str(catcher.port),
            "--security", "none", "--min-gap", "0", "--jitter", "0", "--owner", "alice",
        )  # fmt: skip
        vivier(
            "campaign", "start", "--sequence", "Relance Python", "--job", slug, "--mailbox", "alice@alvea-rh.fr",
            "--candidates", "helene@example.org", "--now", "2026-03-09T08:00:00+01:00",
        )  # fmt: skip
        vivier("worker", "--once", "--now", "2026-03-09T10:00:00+01:00")
        row = json.loads(vivier("outbox", "--json").stdout.splitlines()[0])
        assert row["kind"] == "sequence_step" and row["status"] == "sent" and row["attachments"] == []
        shown = json.loads(vivier("outbox", "show", row["message_id"], "--json").stdout)
        assert shown["id"] == row["id"] and shown["subject"] == row["subject"]
    [(_, _, received)] = catcher.received
    eml = vivier("outbox", "show", row["id"], "--eml", raw_bytes=True).stdout
    assert eml == received


def test_outbox_show_refuses_an_unknown_message_with_the_json_error(vivier):  # noqa: F811
    result = vivier("outbox", "show", "<nobody@example.org>", "--json", check=False)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"error": "not_found", "message": "no message '<nobody@example.org>'"}
    assert vivier("outbox", "show", check=False).returncode == 2


@pytest.mark.django_db
def test_the_outbox_pages_show_a_message_sent_outside_any_campaign(
    alice_client, team, zoe, alice, memory, now_at
):
    from django.urls import reverse

    now_at("2026-03-10 09:00 Europe/Paris")
    message = message_send(
        team=team,
        candidate=zoe,
        kind=Kind.OFFER,
        subject="Offre Python",
        body="Voici.",
        idempotency_key="o",
        by=alice,
    )
    page = alice_client.get(reverse("sequences:outbox")).content.decode()
    assert "Offre Python" in page and ">Offre<" in page  # the kind, in the reader's language
    detail = alice_client.get(reverse("sequences:message", args=[message.public_id]))
    assert detail.status_code == 200
    assert message.message_id.replace("<", "&lt;").replace(">", "&gt;") in detail.content.decode()
