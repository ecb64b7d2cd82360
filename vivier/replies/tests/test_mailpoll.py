"""The worker polls mailboxes with IMAP settings (a real Dovecot on loopback): replies from INBOX reach the
inbox once, mail written from the Sent folder lands on the candidate's timeline, and `unknown` messages are
found in the Sent folder by Message-ID."""

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest

from vivier.lib import clock
from vivier.mail.models import Mailbox
from vivier.mail.services import mailbox_create
from vivier.pool.models import TimelineEvent
from vivier.pool.tests.factories import candidate_make
from vivier.replies.mailpoll import handle_one_mailbox_poll
from vivier.replies.models import InboundMessage, Reply
from vivier.replies.services import handle_one_inbound
from vivier.replies.tests.conftest import PASSWORD
from vivier.sequences.models import OutboundMessage
from vivier.sequences.sent_resolve import handle_one_sent_resolve


def imap_box(team, imap_mailbox, owner=None, password=PASSWORD, address="alice@alvea-rh.fr"):
    conn = imap_mailbox.connect()
    try:
        conn.create("Sent")
    finally:
        conn.logout()
    return mailbox_create(
        team=team,
        address=address,
        kind=Mailbox.Kind.OUTBOX,
        owner=owner,
        imap_host=imap_mailbox.server.host,
        imap_port=imap_mailbox.server.port,
        imap_security="none",
        imap_username=imap_mailbox.user,
        imap_password=password,
        imap_sent="Sent",
    )


def mail(frm, to, subject, text, **headers) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = frm, to, subject
    msg["Date"] = format_datetime(clock.now())
    msg["Message-ID"] = headers.pop("message_id", None) or make_msgid(domain="mail.example.org")
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(text)
    return bytes(msg)


@pytest.fixture
def helene(team):
    return candidate_make(team=team, first_name="Hélène", last_name="Dupré", email="helene@example.org")


def test_a_reply_in_the_inbox_reaches_the_replies_once(team, alice, helene, imap_mailbox):
    box = imap_box(team, imap_mailbox, owner=alice)
    imap_mailbox.append(mail("helene@example.org", box.address, "Re: Poste Python", "Oui, ça m'intéresse !"))

    assert handle_one_mailbox_poll() is True
    assert handle_one_mailbox_poll() is False  # not due again before the interval
    while handle_one_inbound():
        pass
    reply = Reply.objects.get(team=team)
    assert reply.candidate == helene and reply.inbound.source == "imap"
    assert reply.inbound.mailbox_address == "alice@alvea-rh.fr"

    box.refresh_from_db()
    assert box.imap_polled_at is not None and box.imap_error == ""
    assert box.imap_cursors["INBOX"]["last_uid"] == 1
    # Polled again (cursor forgotten, as after a UIDVALIDITY change): the Message-ID keeps it single.
    Mailbox.objects.filter(pk=box.pk).update(imap_next_poll_at=None, imap_cursors={"INBOX": {"last_uid": 0}})
    assert handle_one_mailbox_poll() is True
    assert InboundMessage.objects.filter(team=team).count() == 1


def test_mail_written_from_the_sent_folder_lands_on_the_timeline_and_answers_the_reply(
    team, alice, helene, imap_mailbox
):
    box = imap_box(team, imap_mailbox, owner=alice)
    imap_mailbox.append(mail("helene@example.org", box.address, "Re: Poste Python", "Oui, appelez-moi."))
    handle_one_mailbox_poll()
    while handle_one_inbound():
        pass
    reply = Reply.objects.get(team=team)
    assert reply.done_at is None

    written = mail(
        box.address, "Hélène Dupré <helene@example.org>", "Re: Poste Python", "Je vous appelle demain."
    )
    imap_mailbox.append(written, mailbox="Sent")
    Mailbox.objects.filter(pk=box.pk).update(imap_next_poll_at=None)
    handle_one_mailbox_poll()

    events = TimelineEvent.objects.filter(candidate=helene, kind="message_written")
    assert events.count() == 1
    assert events[0].params["subject"] == "Re: Poste Python"
    reply.refresh_from_db()
    assert reply.done_at is not None
    # Not a Vivier send: nothing in the outbox.
    assert not OutboundMessage.objects.filter(candidate=helene).exists()

    # Read again from the start: still one event.
    Mailbox.objects.filter(pk=box.pk).update(imap_next_poll_at=None, imap_cursors={})
    box.refresh_from_db()
    handle_one_mailbox_poll()
    assert TimelineEvent.objects.filter(candidate=helene, kind="message_written").count() == 1


def test_the_timeline_event_reads_in_the_readers_language(team, alice, helene, imap_mailbox):
    from django.utils import translation

    from vivier.pool.timeline import event_text

    box = imap_box(team, imap_mailbox, owner=alice)
    imap_mailbox.append(
        mail(box.address, "helene@example.org", "Entretien jeudi", "À jeudi."), mailbox="Sent"
    )
    handle_one_mailbox_poll()
    event = TimelineEvent.objects.get(candidate=helene, kind="message_written")
    with translation.override("en"):
        assert event_text(event) == "Email written from alice@alvea-rh.fr: Entretien jeudi"
    with translation.override("fr"):
        assert event_text(event) == "E-mail écrit depuis alice@alvea-rh.fr : Entretien jeudi"


def test_a_mailbox_history_is_not_imported_when_it_is_first_polled(team, helene, imap_mailbox):
    box = imap_box(team, imap_mailbox)
    old = clock.now() - dt.timedelta(days=60)
    conn = imap_mailbox.connect()
    try:
        conn.append("INBOX", None, old, mail("helene@example.org", box.address, "Vieux", "Il y a deux mois."))
    finally:
        conn.logout()
    imap_mailbox.append(mail("helene@example.org", box.address, "Récent", "Cette semaine."))
    handle_one_mailbox_poll()
    assert list(InboundMessage.objects.filter(team=team).values_list("subject", flat=True)) == ["Récent"]


def test_a_refused_login_is_recorded_and_backs_off(team, imap_mailbox):
    box = imap_box(team, imap_mailbox, password="wrong")
    now = clock.now()
    assert handle_one_mailbox_poll() is True
    box.refresh_from_db()
    assert box.imap_failures == 1 and box.imap_error_at is not None
    assert "AUTHENTICATIONFAILED" in box.imap_error or "Authentication failed" in box.imap_error
    assert box.imap_next_poll_at > now + dt.timedelta(seconds=60)
    assert handle_one_mailbox_poll() is False


def _unknown_message(team, box, candidate, message_id):
    return OutboundMessage.objects.create(
        team=team,
        kind=OutboundMessage.Kind.QUICK_REPLY,
        idempotency_key=f"test:{message_id}",
        candidate=candidate,
        mailbox=box,
        transport=OutboundMessage.Transport.SMTP,
        status=OutboundMessage.Status.UNKNOWN,
        from_email=box.address,
        to_email="helene@example.org",
        subject="Poste Python à Lyon",
        body="Bonjour Hélène",
        message_id=message_id,
        due_at=clock.now() - dt.timedelta(hours=1),
        created_at=clock.now() - dt.timedelta(hours=1),
    )


def test_an_unknown_message_found_in_the_sent_folder_is_marked_sent(team, alice, helene, imap_mailbox):
    box = imap_box(team, imap_mailbox, owner=alice)
    Mailbox.objects.filter(pk=box.pk).update(imap_next_poll_at=clock.now() + dt.timedelta(hours=1))
    found_id, lost_id = make_msgid(domain="alvea-rh.fr"), make_msgid(domain="alvea-rh.fr")
    found = _unknown_message(team, box, helene, found_id)
    lost = _unknown_message(team, box, helene, lost_id)
    imap_mailbox.append(
        mail(box.address, "helene@example.org", "Poste Python à Lyon", "Bonjour Hélène", message_id=found_id),
        mailbox="Sent",
    )

    assert handle_one_sent_resolve() is True
    assert handle_one_sent_resolve() is False  # searched: not again before the interval
    found.refresh_from_db()
    lost.refresh_from_db()
    assert found.status == OutboundMessage.Status.SENT
    assert lost.status == OutboundMessage.Status.UNKNOWN  # left for the recruiter
    assert TimelineEvent.objects.filter(candidate=helene, kind="message_found_sent").count() == 1
    # The poller reading that Sent copy does not record it as mail written elsewhere.
    Mailbox.objects.filter(pk=box.pk).update(imap_next_poll_at=None)
    handle_one_mailbox_poll()
    assert not TimelineEvent.objects.filter(candidate=helene, kind="message_written").exists()


def test_an_oauth2_mailbox_is_read_with_xoauth2(team, helene, imap_mailbox, settings, monkeypatch):
    from vivier.mail.crypto import encrypt

    tokens = imap_mailbox.server.oauth  # Dovecot checks XOAUTH2 tokens with this stand-in endpoint
    monkeypatch.setattr(tokens, "email", imap_mailbox.user)
    monkeypatch.setattr(tokens, "refresh_token", tokens.refresh_token)
    settings.VIVIER_OAUTH_GOOGLE_CLIENT_ID = "vivier-client"
    settings.VIVIER_OAUTH_GOOGLE_CLIENT_SECRET = "vivier-secret"
    settings.VIVIER_OAUTH_TOKEN_URL = f"{tokens.url}/token"
    box = imap_box(team, imap_mailbox, password="")
    Mailbox.objects.filter(pk=box.pk).update(
        auth_method=Mailbox.Auth.GOOGLE, oauth_refresh_encrypted=encrypt(tokens.refresh_token)
    )
    imap_mailbox.append(mail("helene@example.org", box.address, "Re: Poste", "Oui !"))

    handle_one_mailbox_poll()
    box.refresh_from_db()
    assert box.imap_error == ""
    assert InboundMessage.objects.filter(team=team, subject="Re: Poste").exists()
    assert tokens.requests[-1]["grant_type"] == "refresh_token"

    # Access revoked: the error is recorded on the mailbox, nothing crashes.
    tokens.issued.clear()
    Mailbox.objects.filter(pk=box.pk).update(imap_next_poll_at=None)
    tokens.refresh_token = "rt-rotated"  # the stored one is no longer accepted
    Mailbox.objects.filter(pk=box.pk).update(oauth_expires_at=clock.now())
    handle_one_mailbox_poll()
    box.refresh_from_db()
    assert "invalid_grant" in box.imap_error and box.imap_failures == 1
