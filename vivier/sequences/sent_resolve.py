"""Resolving ``unknown`` messages from the mailbox's Sent folder.

A message whose transmission was cut (``unknown``) may still have reached the server. Many providers file
what they accept in the Sent folder: for a mailbox with IMAP settings, this worker step searches that folder
by Message-ID (IMAP SEARCH HEADER) and marks the messages it finds as sent, with a note on the candidate's
timeline. What it does not find stays ``unknown`` for the recruiter to decide.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vivier.lib import clock
from vivier.lib.imap import ImapError, connect, search_message_id
from vivier.mail.connection import imap_config
from vivier.mail.models import Mailbox
from vivier.pool.services import timeline_add
from vivier.pool.timeline import timeline_kind

from .models import OutboundMessage

log = logging.getLogger("vivier.sequences")

FOUND_KIND = "message_found_sent"
# A provider may take a moment to file a submitted message in Sent.
SETTLE = dt.timedelta(minutes=1)
BATCH = 200


def found_in_sent(params: dict) -> str:
    return _("Email found in the Sent folder of %(mailbox)s: marked as sent (%(subject)s)") % {
        "mailbox": params.get("mailbox", ""),
        "subject": params.get("subject", ""),
    }


def register() -> None:
    timeline_kind(FOUND_KIND, gettext_lazy("Message sent"))(found_in_sent)


@transaction.atomic
def outbound_found_in_sent(*, message: OutboundMessage, folder: str = "") -> OutboundMessage:
    """An ``unknown`` message was found in its mailbox's Sent folder: it was sent."""
    from .outbox import message_resolve

    message = message_resolve(message=message, arrived=True)
    timeline_add(
        candidate=message.candidate,
        kind=FOUND_KIND,
        params={
            "message": str(message.public_id),
            "subject": message.subject[:300],
            "mailbox": message.from_email,
            "folder": folder,
        },
    )
    return message


def _unknown(mailbox_pk, now: dt.datetime):
    return OutboundMessage.objects.filter(
        mailbox_id=mailbox_pk, status=OutboundMessage.Status.UNKNOWN, created_at__lte=now - SETTLE
    )


def _claim(now: dt.datetime) -> int | None:
    since = now - dt.timedelta(seconds=settings.VIVIER_IMAP_POLL_SECONDS)
    free = Q(imap_sent_checked_at__isnull=True) | Q(imap_sent_checked_at__lte=since)
    with transaction.atomic():
        qs = (
            Mailbox.objects.exclude(imap_host="")
            .exclude(imap_sent="")
            .filter(free)
            .filter(Exists(_unknown(OuterRef("pk"), now)))
            .order_by("imap_sent_checked_at", "id")
        )
        if connection.vendor == "postgresql":
            qs = qs.select_for_update(skip_locked=True, of=("self",))
        pk = qs.values_list("pk", flat=True).first()
        if pk is None:
            return None
        won = Mailbox.objects.filter(pk=pk).filter(free).update(imap_sent_checked_at=now)
    return pk if won else 0


def handle_one_sent_resolve() -> bool:
    """Search one mailbox's Sent folder for its ``unknown`` messages; True when a mailbox was searched."""
    now = clock.now()
    pk = _claim(now)
    if pk is None:
        return False
    if pk == 0:
        return True
    mailbox = Mailbox.objects.get(pk=pk)
    try:
        mailbox_sent_resolve(mailbox=mailbox, now=now)
    except ImapError as exc:
        # The poller shows the mailbox's connection errors; this step tries again at the next interval.
        log.warning("Sent folder of %s not searched: %s", mailbox.address, exc)
    except Exception:  # noqa: BLE001 - one mailbox must not stop the worker
        log.exception("Sent folder of %s not searched", mailbox.address)
    return True


def mailbox_sent_resolve(*, mailbox: Mailbox, now: dt.datetime | None = None) -> int:
    """Mark the ``unknown`` messages of ``mailbox`` found in its Sent folder as sent; return how many."""
    now = now or clock.now()
    messages = list(_unknown(mailbox.pk, now).select_related("candidate").order_by("id")[:BATCH])
    if not messages:
        return 0
    conn = connect(imap_config(mailbox, mailbox.imap_sent))
    found = 0
    try:
        for message in messages:
            if search_message_id(conn, mailbox.imap_sent, message.message_id):
                outbound_found_in_sent(message=message, folder=mailbox.imap_sent)
                found += 1
    finally:
        try:
            conn.logout()
        except Exception:  # noqa: BLE001 - closing a broken connection
            pass
    return found
