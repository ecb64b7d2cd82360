"""The engine under faults: a row whose bookkeeping fails stays alone, a crash strands at most the message on
the wire, a message that cannot be sent ends ``failed`` where the recruiter sees it."""

import pytest

from vivier.jobs.services import job_create
from vivier.mail.tests.smtpd import Catcher, serving
from vivier.pool.models import TimelineEvent
from vivier.sequences import engine, services
from vivier.sequences.models import Enrollment, OutboundMessage
from vivier.sequences.services import campaign_create, campaign_start, sequence_save

from .conftest import FOUR_STEPS
from .test_engine import memory  # noqa: F401 - fixture


@pytest.fixture
def two_teams(team, other_team, campaign, alice, charlie, make_candidate, now_at):
    """Alice's campaign with three candidates, Charlie's (another team) with two, all due now."""
    now_at("2026-03-09 10:00 Europe/Paris")
    seq = sequence_save(team=other_team, name="Vasco", steps=FOUR_STEPS)
    job = job_create(team=other_team, title="Comptable", company="Vasco", pitch="Un cabinet de 10.")
    theirs = campaign_create(team=other_team, name="Vasco", sequence=seq, job=job, owner=charlie)
    ours = [make_candidate() for _ in range(3)]
    others = [make_candidate(team=other_team) for _ in range(2)]
    campaign_start(campaign=campaign, candidates=ours)
    campaign_start(campaign=theirs, candidates=others)
    return ours, others


@pytest.mark.django_db
def test_a_row_whose_bookkeeping_fails_does_not_change_the_others_outcome(
    two_teams,
    now_at,
    memory,
    monkeypatch,  # noqa: F811
):
    ours, others = two_teams
    now_at("2026-03-09 10:00 Europe/Paris")
    broken = Enrollment.objects.get(candidate=ours[1])
    real = services.enrollment_next_at

    def next_at(*, enrollment, **kw):
        if enrollment.pk == broken.pk:
            raise OverflowError("date value out of range")
        return real(enrollment=enrollment, **kw)

    monkeypatch.setattr(services, "enrollment_next_at", next_at)
    engine.handle_one_due()
    assert len(memory) == 5
    assert set(OutboundMessage.objects.values_list("status", flat=True)) == {"sent"}
    for e in Enrollment.objects.exclude(pk=broken.pk):
        assert e.next_position == 1 and e.next_at is not None and e.last_error == "" and e.claimed_by == ""
        assert TimelineEvent.objects.filter(candidate_id=e.candidate_id, kind="message_out").count() == 1
    broken.refresh_from_db()
    assert "OverflowError" in broken.last_error and broken.claimed_by == ""
    assert broken.next_position == 1 and broken.next_at == at_("2026-03-09 10:10 Europe/Paris")
    assert TimelineEvent.objects.filter(candidate=ours[1], kind="message_out").count() == 1


def at_(text):
    from .conftest import at

    return at(text)


@pytest.mark.django_db
@pytest.mark.parametrize("reader", ["alice", "bob"])  # Alice reads French, Bob English
def test_an_address_the_message_format_refuses_ends_failed_where_the_recruiter_sees_it(
    campaign,
    make_candidate,
    now_at,
    memory,
    reader,
    client,
    request,  # noqa: F811
):
    now_at("2026-03-09 10:00 Europe/Paris")
    inès = make_candidate(first_name="Inès", email="inès.test@mail.example")
    campaign_start(campaign=campaign, candidates=[inès])
    engine.handle_one_due()
    message = OutboundMessage.objects.get()
    assert message.status == "failed" and "not a plain email address" in message.last_error
    enrollment = Enrollment.objects.get()
    assert enrollment.state == "ended" and "could not send" in enrollment.stop_reason
    assert len(memory) == 0
    # nothing left due: no endless back-off
    now_at("2026-03-20 10:00 Europe/Paris")
    assert engine.handle_one_due() is False
    client.force_login(request.getfixturevalue(reader))
    page = client.get(f"/pool/c/{inès.public_id}/").content.decode()
    said = "n’a pas pu être envoyé" if reader == "alice" else "could not be sent"
    assert said in page and "inès.test@mail.example" in page
    outbox = client.get("/sequences/outbox/?status=failed").content.decode()
    assert 'data-status="failed"' in outbox and "inès.test@mail.example" in outbox


class RefusesSender(Catcher):
    """Refuses the envelope sender for good (a 5xx that is not about the recipient)."""

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        return "553 5.7.1 sender address rejected: not owned by user"


@pytest.mark.django_db
def test_a_permanent_refusal_not_about_the_recipient_ends_failed_at_once(
    team, sequence, job, alice, make_candidate, now_at
):
    from .test_smtp import campaign_on

    with serving(RefusesSender()) as server:
        camp = campaign_on(server.port, team=team, sequence=sequence, job=job, alice=alice)
        now_at("2026-03-09 10:00 Europe/Paris")
        hélène = make_candidate()
        campaign_start(campaign=camp, candidates=[hélène])
        engine.handle_one_due()
        engine.shutdown_sender()
    message = OutboundMessage.objects.get()
    assert message.status == "failed" and "553" in message.last_error
    enrollment = Enrollment.objects.get()
    assert enrollment.state == "ended" and "could not send" in enrollment.stop_reason
    event = TimelineEvent.objects.filter(candidate=hélène, kind="message_out").get()
    assert event.params["status"] == "failed" and "553" in event.params["error"]
    assert server.received == []


@pytest.mark.django_db
def test_send_it_sends_an_unknown_quick_reply_again_with_a_new_message_id_only_when_asked(
    team,
    alice,
    make_candidate,
    now_at,
    memory,
    monkeypatch,  # noqa: F811
):
    from vivier.mail import transport
    from vivier.sequences.outbox import Attachment, message_resolve, message_send

    now_at("2026-03-10 09:00 Europe/Paris")
    zoé = make_candidate(first_name="Zoé", email="zoe@example.org")
    monkeypatch.setattr(
        transport,
        "deliver",
        lambda **kw: transport.Outcome(transport.UNKNOWN, "connection lost while sending"),
    )
    first = message_send(
        team=team,
        candidate=zoé,
        kind=OutboundMessage.Kind.OFFER,
        subject="L'offre",
        body="Voici l'offre.",
        attachments=[Attachment("text/plain", "offre.txt", b"Offre")],
        idempotency_key="offer:zoe:1",
        by=alice,
    )
    monkeypatch.undo()
    assert first.status == "unknown" and len(memory) == 0
    old_id = first.message_id
    again = message_resolve(message=OutboundMessage.objects.get(pk=first.pk), arrived=False, by=alice)
    assert again.status == "sent" and again.message_id != old_id and len(memory) == 1
    assert memory[0]["Message-ID"] == again.message_id
    assert [part.get_filename() for part in memory[0].iter_attachments()] == ["offre.txt"]
    assert OutboundMessage.objects.get(pk=first.pk).message_id == again.message_id
