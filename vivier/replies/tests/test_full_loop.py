"""The whole loop with real servers on loopback: a campaign sends over SMTP (aiosmtpd), the candidate
answers into the mailbox over IMAP (Dovecot), `vivier inbound poll` fetches it, `vivier worker` understands
it and stops the sequence, and the inbox shows the classified reply."""

import io
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime, make_msgid

import pytest
from django.core.management import call_command
from django.urls import reverse

from vivier.lib import clock
from vivier.mail.services import mailbox_create
from vivier.mail.tests.smtpd import smtp  # noqa: F401 - fixture: a real SMTP server on loopback
from vivier.pool.models import Candidate
from vivier.replies.models import Reply
from vivier.sequences.models import Enrollment, Task
from vivier.sequences.services import campaign_create, campaign_start
from vivier.sequences.tests import conftest as seqfix
from vivier.sequences.tests.conftest import at

job, make_candidate, sequence = seqfix.job, seqfix.make_candidate, seqfix.sequence


def worker_once(when: str) -> None:
    call_command(
        "worker", "--once", "--now", at(when).isoformat(), stdout=io.StringIO(), stderr=io.StringIO()
    )


def original_id(received: bytes) -> str:
    return message_from_bytes(received, policy=default)["Message-ID"]


def answer(received: bytes, text: str) -> bytes:
    """What the candidate's client sends back to the email the SMTP server received."""
    original = message_from_bytes(received, policy=default)
    msg = EmailMessage()
    msg["From"] = str(original["To"])
    msg["To"] = str(original["From"])
    msg["Subject"] = f"Re: {original['Subject']}"
    msg["Date"] = format_datetime(clock.now())
    msg["Message-ID"] = make_msgid(domain="mail.gmail.com")
    msg["In-Reply-To"] = original["Message-ID"]
    msg["References"] = original["Message-ID"]
    quoted = "\n".join("> " + line for line in original.get_content().splitlines())
    msg.set_content(
        f"{text}\n\nLe lun. 9 mars 2026 à 10:00, Alice Martin <alice@alvea-rh.fr> a écrit :\n{quoted}\n"
    )
    return bytes(msg)


@pytest.mark.django_db(transaction=True)
def test_a_reply_over_imap_stops_the_sequence_and_lands_classified_in_the_inbox(  # noqa: F811
    team,
    alice,
    alice_client,
    sequence,
    job,
    make_candidate,
    smtp,
    imap_mailbox,
    tmp_path,  # noqa: F811
):
    box = mailbox_create(
        team=team,
        address="alice@alvea-rh.fr",
        display_name="Alice Martin",
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_security="none",
        min_gap_seconds=0,
        jitter_seconds=0,
    )
    campaign = campaign_create(
        team=team, name="Python Lyon", sequence=sequence, job=job, owner=alice, mailbox=box
    )
    hélène = make_candidate(first_name="Hélène", last_name="Dupré", email="helene@example.org")
    clock.set_now(at("2026-03-09 10:00 Europe/Paris"))
    campaign_start(campaign=campaign, candidates=[hélène])

    # 1. The worker sends the first step over SMTP.
    worker_once("2026-03-09 10:01 Europe/Paris")
    assert len(smtp.received) == 1
    _, rcpts, raw = smtp.received[0]
    assert rcpts == ["helene@example.org"]

    # 2. Hélène answers; her reply arrives in Alice's mailbox (IMAP APPEND).
    clock.set_now(at("2026-03-10 08:45 Europe/Paris"))
    imap_mailbox.append(
        answer(raw, "Bonjour Alice, oui avec plaisir ! Je suis disponible pour un appel jeudi.")
    )

    # 3. The poller fetches it; the worker understands it before the follow-up is due.
    out = io.StringIO()
    call_command(
        "inbound",
        "poll",
        "--host",
        imap_mailbox.server.host,
        "--port",
        str(imap_mailbox.server.port),
        "--user",
        imap_mailbox.user,
        "--password",
        "imap-secret",
        "--security",
        "plain",
        "--team",
        "alvea",
        "--once",
        "--state",
        str(tmp_path / "cursor.json"),
        stdout=out,
    )
    assert "1 new" in out.getvalue()
    worker_once("2026-03-10 09:00 Europe/Paris")

    reply = Reply.objects.get()
    assert (reply.candidate, reply.campaign, reply.intent) == (hélène, campaign, "interested")
    assert reply.matched_by == "in_reply_to"
    assert Enrollment.objects.get(candidate=hélène).state == "replied"
    assert Task.objects.get(candidate=hélène, kind="reply").owner == alice
    assert Candidate.objects.get(pk=hélène.pk).last_reply_intent == "interested"

    # 4. Time passes: no follow-up ever goes out.
    for when in ("2026-03-11 12:00", "2026-03-16 10:00", "2026-04-01 10:00", "2026-06-01 10:00"):
        worker_once(f"{when} Europe/Paris")
    assert len(smtp.received) == 1

    # 5. The inbox shows the classified reply.
    html = alice_client.get(reverse("replies:inbox")).content.decode()
    assert 'data-intent="interested" data-count="1"' in html
    assert "oui avec plaisir" in html and "Hélène" in html and "Python Lyon" in html
    assert "a écrit" not in html  # the quoted thread stays out of the visible text

    # 6. Alice answers from the inbox: the email leaves through the same SMTP mailbox, in the thread.
    response = alice_client.post(
        reverse("replies:send", args=[reply.public_id]), {"body": "Parfait, je vous appelle jeudi à 14 h."}
    )
    assert response.status_code == 302
    assert len(smtp.received) == 2
    answered = message_from_bytes(smtp.received[1][2], policy=default)
    assert answered["In-Reply-To"] == reply.inbound.message_id
    assert original_id(raw) in answered["References"]
    assert answered["Subject"].startswith("Re: ") and not answered["Subject"].startswith("Re: Re:")
    assert smtp.received[1][1] == ["helene@example.org"]


@pytest.mark.django_db(transaction=True)
def test_without_a_reply_the_follow_up_goes_out(
    team,
    alice,
    sequence,
    job,
    make_candidate,
    smtp,  # noqa: F811
    imap_mailbox,
    tmp_path,
):
    """The control: the same loop with an empty mailbox sends the second step."""
    box = mailbox_create(
        team=team,
        address="alice@alvea-rh.fr",
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_security="none",
        min_gap_seconds=0,
        jitter_seconds=0,
    )
    campaign = campaign_create(
        team=team, name="Python Lyon", sequence=sequence, job=job, owner=alice, mailbox=box
    )
    hélène = make_candidate(email="helene@example.org")
    clock.set_now(at("2026-03-09 10:00 Europe/Paris"))
    campaign_start(campaign=campaign, candidates=[hélène])
    worker_once("2026-03-09 10:01 Europe/Paris")
    call_command(
        "inbound",
        "poll",
        "--host",
        imap_mailbox.server.host,
        "--port",
        str(imap_mailbox.server.port),
        "--user",
        imap_mailbox.user,
        "--password",
        "imap-secret",
        "--security",
        "plain",
        "--team",
        "alvea",
        "--once",
        "--state",
        str(tmp_path / "cursor.json"),
        stdout=io.StringIO(),
    )
    worker_once("2026-03-11 12:00 Europe/Paris")
    assert len(smtp.received) == 2
    assert not Reply.objects.exists()
