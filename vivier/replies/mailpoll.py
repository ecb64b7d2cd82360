"""The worker step that polls every mailbox with IMAP settings.

INBOX: new messages go through the inbound capture path (``inbound_store``), once each: the per-folder UID
cursor moves only after a message is stored, a new UIDVALIDITY starts the folder over, and the Message-ID
deduplication absorbs any repeat. The next worker step (``handle_one_inbound``) threads and understands them.

Sent: mail the recruiter wrote to a candidate from their own mail client lands on the candidate's timeline
and answers the candidate's open replies; a message Vivier itself sent is recognised by its Message-ID and is
never recorded twice (one whose fate was ``unknown`` is resolved as sent).

A failing mailbox records its error (shown on its page) and backs off; it never stops the worker.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from vivier.lib import clock
from vivier.lib.imap import ImapCursor, ImapError, baseline, connect, fetch_new
from vivier.lib.mailparse import MailParseError, parse_message
from vivier.lib.oauth2 import OAuthError
from vivier.mail.connection import imap_config
from vivier.mail.models import Mailbox
from vivier.pool.models import Candidate, TimelineEvent
from vivier.pool.services import timeline_add
from vivier.sequences.models import OutboundMessage, Task
from vivier.sequences.sent_resolve import outbound_found_in_sent

from .capture import inbound_store
from .models import Reply

log = logging.getLogger("vivier.replies")

# A poll that dies mid-way leaves the mailbox claimed this long.
LEASE = dt.timedelta(minutes=5)
# A newly connected mailbox imports the mail of this many days back, not its whole history.
HISTORY = dt.timedelta(days=14)
SENT_KIND = "message_written"
SKEW = dt.timedelta(minutes=5)


def _claim(now: dt.datetime) -> int | None:
    due = Q(imap_next_poll_at__isnull=True) | Q(imap_next_poll_at__lte=now)
    with transaction.atomic():
        # Uses index mailbox_poll_due (imap_next_poll_at).
        qs = Mailbox.objects.exclude(imap_host="").filter(due).order_by("imap_next_poll_at", "id")
        if connection.vendor == "postgresql":
            qs = qs.select_for_update(skip_locked=True)
        pk = qs.values_list("pk", flat=True).first()
        if pk is None:
            return None
        won = Mailbox.objects.filter(pk=pk).filter(due).update(imap_next_poll_at=now + LEASE)
    return pk if won else 0


def backoff(failures: int) -> dt.timedelta:
    seconds = settings.VIVIER_IMAP_POLL_SECONDS * 2 ** min(failures, 16)
    return dt.timedelta(seconds=min(seconds, settings.VIVIER_IMAP_BACKOFF_MAX_SECONDS))


def handle_one_mailbox_poll() -> bool:
    """Claim one mailbox whose poll is due and poll it; True when one was polled."""
    now = clock.now()
    pk = _claim(now)
    if pk is None:
        return False
    if pk == 0:
        return True
    mailbox = Mailbox.objects.select_related("team").get(pk=pk)
    try:
        mailbox_poll(mailbox=mailbox, now=now)
    except Exception as exc:  # noqa: BLE001 - a broken mailbox must not stop the worker or the others
        expected = isinstance(exc, (ImapError, OAuthError))
        if not expected:
            log.exception("mailbox %s could not be polled", mailbox.address)
        failures = mailbox.imap_failures + 1
        Mailbox.objects.filter(pk=pk).update(
            imap_error=(f"{exc}" if expected else f"{type(exc).__name__}: {exc}")[:2000],
            imap_error_at=now,
            imap_failures=failures,
        )
        _next_poll(pk, now, now + backoff(failures))
        return True
    Mailbox.objects.filter(pk=pk).update(imap_polled_at=now, imap_error="", imap_failures=0)
    _next_poll(pk, now, now + dt.timedelta(seconds=settings.VIVIER_IMAP_POLL_SECONDS))
    return True


def _next_poll(pk: int, now: dt.datetime, at: dt.datetime) -> None:
    # Only while the claim's lease stands: new mail announced during the poll (IMAP IDLE, mailidle) made the
    # mailbox due earlier, and that must not be pushed back.
    Mailbox.objects.filter(pk=pk, imap_next_poll_at__gte=now + LEASE).update(imap_next_poll_at=at)


def mailbox_poll(*, mailbox: Mailbox, now: dt.datetime | None = None) -> dict:
    """Fetch what is new in the mailbox's inbox and sent folders; return counts per folder.

    1. Connect once (password or XOAUTH2).
    2. Inbox: each new message through ``inbound_store``.
    3. Sent: each new message through ``sent_record``.
    4. The cursors are saved whatever happened, so a message handled is never handed over again.
    """
    now = now or clock.now()
    config = imap_config(mailbox)
    cursors = dict(mailbox.imap_cursors or {})
    counts = {"inbox": 0, "sent": 0}
    conn = connect(config)
    try:
        folders = [("inbox", mailbox.imap_inbox or "INBOX")]
        if mailbox.imap_sent:
            folders.append(("sent", mailbox.imap_sent))
        for role, folder in folders:
            saved = cursors.get(folder)
            if saved:
                cursor = ImapCursor(
                    uidvalidity=saved.get("uidvalidity"), last_uid=int(saved.get("last_uid") or 0)
                )
            else:
                cursor = baseline(conn, folder, (mailbox.created_at - HISTORY).date())

            if role == "inbox":

                def handle(raw: bytes, uid: int) -> None:
                    inbound_store(raw=raw, source="imap", mailbox_address=mailbox.address, team=mailbox.team)
            else:

                def handle(raw: bytes, uid: int) -> None:
                    sent_record(mailbox=mailbox, raw=raw, at=now)

            try:
                counts[role] = fetch_new(replace(config, mailbox=folder), cursor, handle, conn=conn)
            finally:
                cursors[folder] = {"uidvalidity": cursor.uidvalidity, "last_uid": cursor.last_uid}
                Mailbox.objects.filter(pk=mailbox.pk).update(imap_cursors=cursors)
    finally:
        try:
            conn.logout()
        except Exception:  # noqa: BLE001 - closing a broken connection
            pass
    mailbox.imap_cursors = cursors
    return counts


def sent_record(*, mailbox: Mailbox, raw: bytes, at: dt.datetime | None = None) -> list[TimelineEvent]:
    """One message from the mailbox's Sent folder: on the timeline of each candidate it was written to.

    1. A message Vivier sent (its Message-ID is in the outbox) is not recorded again; if its fate was
       ``unknown``, it is now known to be sent.
    2. Each recipient that is a candidate of the team gets a timeline event (once per Message-ID).
    3. It answers that candidate's open replies and their "reply now" tasks, at the message's date.
    """
    at = at or clock.now()
    try:
        parsed = parse_message(raw)
    except MailParseError:
        return []
    except Exception:  # noqa: BLE001 - a parser bug must not stop the poll
        log.exception("a message of %s's Sent folder could not be parsed", mailbox.address)
        return []
    message_id = parsed.message_id or ""
    if message_id:
        own = OutboundMessage.objects.filter(message_id=message_id).first()
        if own is not None:
            if own.status == OutboundMessage.Status.UNKNOWN and own.mailbox_id == mailbox.pk:
                outbound_found_in_sent(message=own, folder=mailbox.imap_sent)
            return []
    addresses = {a.strip().lower() for a in parsed.to if a and "@" in a}
    addresses.discard(mailbox.address.lower())
    if not addresses:
        return []
    written_at = parsed.date or at
    events = []
    candidates = Candidate.objects.filter(team=mailbox.team, emails__email__in=addresses).distinct()
    for candidate in candidates:
        if (
            message_id
            and TimelineEvent.objects.filter(
                candidate=candidate, kind=SENT_KIND, params__message_id=message_id
            ).exists()
        ):
            continue
        with transaction.atomic():
            events.append(
                timeline_add(
                    candidate=candidate,
                    kind=SENT_KIND,
                    params={
                        "subject": parsed.subject[:300],
                        "text": (parsed.visible_text or parsed.text or "")[:500],
                        "from": mailbox.address,
                        "message_id": message_id,
                        "in_reply_to": parsed.in_reply_to or "",
                    },
                    actor=mailbox.owner,
                    at=written_at,
                )
            )
            replies_answered(candidate=candidate, at=written_at, by=mailbox.owner)
    return events


def replies_answered(*, candidate: Candidate, at: dt.datetime, by=None) -> int:
    """The recruiter answered ``candidate`` (from their own mail client) at ``at``: their replies received
    before then are done, and so are their "reply now" tasks. Returns how many replies it closed."""
    # The Date header has whole seconds and the sender's clock: a little slack.
    before = at + SKEW
    open_replies = Reply.objects.filter(candidate=candidate, done_at__isnull=True, received_at__lte=before)
    task_ids = [t for t in open_replies.values_list("task_id", flat=True) if t]
    closed = open_replies.update(done_at=at, done_by=by)
    Task.objects.filter(
        Q(pk__in=task_ids) | Q(candidate=candidate, created_at__lte=before),
        kind=Task.Kind.REPLY,
        done_at__isnull=True,
    ).update(done_at=at, done_by=by)
    return closed
