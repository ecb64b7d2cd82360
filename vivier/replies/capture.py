"""Writes for inbound mail: storing what arrives (never losing it) and parsing it again on demand."""

from __future__ import annotations

import logging
import re

from django.db import IntegrityError, transaction

from vivier.lib import clock
from vivier.lib.mailparse import MailParseError, ParsedMessage, parse_message, raw_digest
from vivier.pool import blocklist
from vivier.pool.models import CandidateEmail

from .models import InboundMessage

log = logging.getLogger(__name__)

_MESSAGE_ID_HEADER = re.compile(rb"^message-id:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)


def _header_block(raw: bytes) -> bytes:
    match = re.search(rb"\r?\n\r?\n", raw)
    return raw[: match.start()] if match else raw


def inbound_message_key(raw: bytes, parsed: ParsedMessage | None = None) -> str:
    """The deduplication key: the Message-ID header, else a hash of the bytes.

    Read from the raw header block when parsing failed, so that an unparsable message delivered twice
    is still stored once.
    """
    if parsed is not None and parsed.message_id:
        key = parsed.message_id
    else:
        match = _MESSAGE_ID_HEADER.search(_header_block(raw))
        found = re.search(rb"<[^<>\s]+>", match.group(1)) if match else None
        key = found.group(0).decode("utf-8", "replace") if found else ""
    if not key or len(key) > 500:
        key = f"sha256:{raw_digest(raw)}"
    return key


def _apply(message: InboundMessage, parsed: ParsedMessage) -> None:
    message.status = InboundMessage.Status.PROCESSED
    message.error = ""
    message.parsed_at = clock.now()
    message.kind = parsed.kind
    message.from_address = parsed.from_address[:254]
    message.from_name = parsed.from_name[:300]
    message.subject = parsed.subject[:998]
    message.sent_at = parsed.date
    message.in_reply_to = (parsed.in_reply_to or "")[:500]
    message.references = parsed.references
    message.text = parsed.text
    message.visible_text = parsed.visible_text
    message.lang = parsed.lang
    message.auto_reason = (parsed.auto_reason or "")[:200]
    message.return_date = parsed.return_date
    bounce = parsed.bounce
    message.bounce_recipient = ((bounce.recipient or "") if bounce else "")[:254]
    message.bounce_status = ((bounce.status or "") if bounce else "")[:16]
    message.bounce_permanent = bounce.permanent if bounce else None


def _from_erased(team, address: str) -> bool:
    if not address:
        return False
    address = address.lower()
    if not blocklist.blocked(team, [f"e:{address}"]):
        return False
    live = CandidateEmail.objects.filter(email=address)
    return not (live if team is None else live.filter(team=team)).exists()


def _parse(raw: bytes) -> tuple[ParsedMessage | None, str]:
    try:
        return parse_message(raw), ""
    except MailParseError as exc:
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the message: store it unprocessed
        log.exception("inbound parse crashed")
        return None, f"parser error: {type(exc).__name__}: {exc}"


def inbound_store(
    *, raw: bytes, source: str, mailbox_address: str | None = None, team=None
) -> tuple[InboundMessage, bool]:
    """Store one received message; return it and whether it was new.

    1. Parse (a failure is recorded, not raised).
    2. Deduplicate on (team, Message-ID or hash of the bytes): a message seen before is returned as is.
    3. Insert; a concurrent insert of the same message loses the race quietly and returns the winner.
    Database errors propagate, so the caller can ask the sender to retry (IMAP: keep the cursor; pipe: 75).
    """
    if source not in InboundMessage.Source.values:
        raise ValueError(f"unknown source {source!r}")
    parsed, error = _parse(raw)
    key = inbound_message_key(raw, parsed)
    existing = InboundMessage.objects.filter(team=team, message_id=key).first()
    if existing is not None:
        return existing, False
    message = InboundMessage(
        team=team,
        message_id=key,
        raw=raw,
        raw_sha256=raw_digest(raw),
        size=len(raw),
        received_at=clock.now(),
        source=source,
        mailbox_address=(mailbox_address or "")[:254],
    )
    if parsed is not None:
        _apply(message, parsed)
        if _from_erased(team, message.from_address):
            # Someone erased at their request writes again: nothing of it is kept (the privacy app logs the
            # refusal, hashes only). A live candidate with this address is never concerned.
            message.raw = b""
            message.dropped = True
            blocklist.refused(team, f"e:{message.from_address.lower()}", "inbound")
            return message, False
    else:
        message.status = InboundMessage.Status.UNPROCESSED
        message.error = error
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        winner = InboundMessage.objects.filter(team=team, message_id=key).first()
        if winner is None:
            raise
        return winner, False
    return message, True


def inbound_reparse(*, message: InboundMessage) -> InboundMessage:
    """Parse a stored message again from its raw bytes (after a parser fix, or from the unprocessed list)."""
    parsed, error = _parse(bytes(message.raw))
    if parsed is None:
        message.status = InboundMessage.Status.UNPROCESSED
        message.error = error
    else:
        _apply(message, parsed)
    message.save()
    return message
