"""``parse_message(raw)``: one raw RFC 5322 message in, one ``ParsedMessage`` out."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from vivier.lib.datesfr import extract_return_date
from vivier.lib.lang import guess_lang
from vivier.lib.text import strip_controls

from .detect import Bounce, auto_reply_reason, detect_bounce
from .htmltext import html_to_text
from .mime import bodies, header, header_addresses, load, msg_ids
from .quotes import cut_quoted, visible_text

KNOWN_HEADERS = {
    "from",
    "to",
    "date",
    "subject",
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "content-type",
    "in-reply-to",
    "references",
    "sender",
    "delivered-to",
}


class MailParseError(ValueError):
    """The bytes are not a mail message we can read."""


@dataclass
class ParsedMessage:
    kind: str  # "reply" | "auto_reply" | "bounce"
    from_address: str
    from_name: str
    to: list[str]
    message_id: str | None  # with angle brackets, as in the header: "<abc@mail.gmail.com>"
    in_reply_to: str | None
    references: list[str]
    subject: str
    date: datetime | None  # aware; None when the Date: header is missing or unreadable
    text: str  # the whole body as text, quoted thread included (HTML converted)
    visible_text: str  # what the person wrote: no quoted thread, no signature
    return_date: dt.date | None  # auto replies: first day the writer is back
    bounce: Bounce | None
    lang: str
    auto_reason: str | None = None  # which header or wording made it an automatic reply
    html: bool = False  # the text came from an HTML-only message
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self):
        # A NUL cannot be stored by PostgreSQL; other controls would reach headers and pages.
        for name in ("from_name", "subject", "text", "visible_text"):
            setattr(self, name, strip_controls(getattr(self, name) or ""))

    def as_json(self, file: str | None = None) -> dict:
        """The one-line object of ``vivier inbound parse --json``."""
        return {
            "kind": self.kind,
            "from": self.from_address,
            "in_reply_to": self.in_reply_to,
            "visible_text": self.visible_text,
            "return_date": self.return_date.isoformat() if self.return_date else None,
            "bounce": self.bounce.as_dict() if self.bounce else None,
            "file": file,
        }


def raw_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _parse_date(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _today() -> date | None:
    """Vivier's clock, when Django is configured (the parser also runs standalone, e.g. in bench/)."""
    from django.core.exceptions import ImproperlyConfigured

    from vivier.lib import clock

    try:
        return clock.now().date()
    except ImproperlyConfigured:
        return None


def _ids(msg, name: str) -> list[str]:
    return [f"<{i}>" for i in msg_ids(header(msg, name))]


def parse_message(raw: bytes, *, reference_date: date | None = None) -> ParsedMessage:
    """Parse raw bytes; raise ``MailParseError`` when they are not a mail message.

    1. Load with the stdlib parser (policy.default) and check it looks like mail at all.
    2. Headers: sender, ids, subject, date (decoded whatever the charset).
    3. Body: text/plain, else the HTML converted (quoted elements left out), in the charset the bytes are in.
    4. Kind: a delivery failure first (DSN or plain-words bounce), then an automatic reply (RFC 3834 and
       vendor headers, or out-of-office wording), else a person's reply.
    5. Visible text, language, and for automatic replies the return date.
    """
    if not raw or not raw.strip():
        raise MailParseError("empty message")
    # Some stores pad a message file with NUL bytes at the end; only NULs inside the message mean binary data.
    raw = raw.rstrip(b"\x00")
    if b"\x00" in raw:
        raise MailParseError("binary data, not a mail message")
    try:
        msg = load(raw)
    except Exception as exc:  # noqa: BLE001 - the stdlib parser rarely raises, but never crash the caller
        raise MailParseError(f"unreadable message: {exc}") from exc
    present = {key.lower() for key in msg.keys()}
    if len(present & KNOWN_HEADERS) < 2 or not (present & {"from", "sender", "return-path"}):
        raise MailParseError("not a mail message: no From: header and too few mail headers")

    senders = (
        header_addresses(msg, "From")
        or header_addresses(msg, "Sender")
        or header_addresses(msg, "Return-Path")
    )
    from_name, from_address = senders[0] if senders else ("", header(msg, "From").strip("<> "))
    to = [addr for _, addr in header_addresses(msg, "To", "Cc")]
    subject = header(msg, "Subject")
    date_header = header(msg, "Date")
    sent_at = _parse_date(date_header)
    message_ids = _ids(msg, "Message-ID")
    in_reply_to = _ids(msg, "In-Reply-To")
    references = _ids(msg, "References")

    try:
        plain, html = bodies(msg)
    except Exception as exc:  # noqa: BLE001
        raise MailParseError(f"unreadable body: {exc}") from exc
    warnings: list[str] = []
    is_html = False
    if plain.strip():
        text = plain
        visible = visible_text(plain)
    elif html.strip():
        is_html = True
        text = html_to_text(html, keep_quotes=True)
        visible = visible_text(html_to_text(html, keep_quotes=False))
    else:
        text = visible = ""
        warnings.append("no text body")

    quoted_removed = cut_quoted(text).strip()
    quotes_thread = len(quoted_removed) < len(text.strip())
    own = {a.lower() for a in to}
    bounce = detect_bounce(msg, text, from_address, from_name, subject, own)
    auto_reason = None
    return_date = None
    if bounce is not None:
        kind = "bounce"
    else:
        auto_reason = auto_reply_reason(msg, subject, quoted_removed, quotes_thread)
        kind = "auto_reply" if auto_reason else "reply"
    lang = guess_lang(f"{subject}\n{visible or text}")
    if kind == "auto_reply":
        reference = sent_at.date() if sent_at else reference_date
        if reference is None:
            reference = _today()
        if reference is not None:
            return_date = extract_return_date(quoted_removed or text, reference, lang)

    return ParsedMessage(
        kind=kind,
        from_address=from_address,
        from_name=from_name,
        to=to,
        message_id=message_ids[0] if message_ids else None,
        in_reply_to=in_reply_to[0] if in_reply_to else None,
        references=references,
        subject=subject,
        date=sent_at,
        text=text,
        visible_text=visible,
        return_date=return_date,
        bounce=bounce,
        lang=lang,
        auto_reason=auto_reason,
        html=is_html,
        warnings=warnings,
    )
