"""iMIP (RFC 6047): an invitation as an email that mail clients show with Accept / Decline buttons.

The shape is the one Gmail sends and Outlook and Apple Mail read:

    multipart/mixed
      multipart/alternative
        text/plain                       what a person reads, in their language
        text/calendar; method=REQUEST    what the calendar reads
      application/ics; name="invite.ics" the same file, for clients that only offer attachments

``method`` must equal the METHOD inside the file (REQUEST, CANCEL, REPLY).
"""

from __future__ import annotations

from email.message import EmailMessage

import icalendar


def attach_calendar(message: EmailMessage, ics: bytes, *, filename: str = "invite.ics") -> EmailMessage:
    """Turn a text message into an iMIP message carrying ``ics``; returns the same message."""
    method = str(icalendar.Calendar.from_ical(ics).get("method", "")).upper()
    if not method:
        raise ValueError("an iMIP calendar needs a METHOD")
    text = message.get_content() if not message.is_multipart() else None
    if text is None:
        raise ValueError("attach_calendar takes a plain text message")
    charset = message.get_content_charset() or "utf-8"
    message.clear_content()
    message.set_content(text, subtype="plain", charset=charset)
    # As bytes, the file travels base64-encoded: its CRLF line ends arrive unchanged.
    message.add_alternative(
        ics, maintype="text", subtype="calendar", params={"method": method, "charset": "utf-8"}
    )
    message.make_mixed()
    message.add_attachment(
        ics, maintype="application", subtype="ics", filename=filename, params={"method": method}
    )
    return message


def calendar_parts(message) -> list[tuple[str, bytes]]:
    """Every calendar found in a message, as (content type, bytes): text/calendar and .ics attachments."""
    found = []
    for part in message.walk():
        kind = part.get_content_type()
        name = (part.get_filename() or "").lower()
        if kind in ("text/calendar", "application/ics") or name.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if payload:
                found.append((kind, payload))
    return found
