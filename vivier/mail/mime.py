"""Outgoing MIME: plain-text emails built with the standard library's header registry, no header injection."""

from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid


class HeaderInjection(ValueError):
    pass


def clean_header(value: str, what: str) -> str:
    if "\r" in value or "\n" in value or "\x00" in value:
        raise HeaderInjection(f"{what} contains a line break")
    return value


def new_message_id(from_email: str) -> str:
    domain = from_email.rpartition("@")[2] or "vivier.localhost"
    return make_msgid(idstring="viv", domain=clean_header(domain, "domain"))


def address(name: str, email: str, what: str) -> Address:
    clean_header(name or "", what)
    clean_header(email, what)
    local, _, domain = email.rpartition("@")
    if not local or not domain:
        raise HeaderInjection(f"{what} is not an email address: {email!r}")
    try:
        return Address(display_name=name or "", username=local, domain=domain)
    except (ValueError, IndexError) as exc:
        raise HeaderInjection(f"{what} is not a valid address: {exc}") from exc


def build(
    *,
    from_name: str,
    from_email: str,
    to_name: str,
    to_email: str,
    subject: str,
    body: str,
    message_id: str,
    date,
    in_reply_to: str = "",
    references: str = "",
    unsubscribe_url: str = "",
    unsubscribe_mailto: str = "",
) -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = address(from_name, from_email, "From")
    msg["To"] = address(to_name, to_email, "To")
    msg["Subject"] = clean_header(subject, "Subject")
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = clean_header(message_id, "Message-ID")
    if in_reply_to:
        msg["In-Reply-To"] = clean_header(in_reply_to, "In-Reply-To")
        msg["References"] = clean_header(references or in_reply_to, "References")
    links = []
    if unsubscribe_mailto:
        links.append(f"<mailto:{clean_header(unsubscribe_mailto, 'List-Unsubscribe')}?subject=unsubscribe>")
    if unsubscribe_url:
        links.append(f"<{clean_header(unsubscribe_url, 'List-Unsubscribe')}>")
    if links:
        msg["List-Unsubscribe"] = ", ".join(links)
        if unsubscribe_url:
            # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" to the https link.
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(body if body.endswith("\n") else body + "\n", subtype="plain", charset="utf-8")
    return msg


# --- Fast path ---------------------------------------------------------------------------------
# The worker builds the same plain-text message as ``build`` directly as bytes: the standard library's
# header registry costs about a millisecond per message, which alone would cap a worker below the
# 2,000 steps/s target. Same safety rules (no CR/LF anywhere in a header, ASCII addresses only, RFC 2047
# encoded words for non-ASCII text); the tests check that the standard parser reads both builds the same way.

import base64 as _b64  # noqa: E402
import binascii as _binascii  # noqa: E402
from functools import lru_cache as _lru_cache  # noqa: E402


def _encoded_words(value: str) -> str:
    if value.isascii():
        return value
    # Greedy: as many whole characters as fit in 45 bytes per encoded word (never split a UTF-8 sequence).
    data = value.encode()
    words, start, total = [], 0, len(data)
    while start < total:
        end = min(start + 45, total)
        while end < total and (data[end] & 0xC0) == 0x80:
            end -= 1
        words.append(data[start:end])
        start = end
    return "\r\n ".join("=?utf-8?b?" + _b64.b64encode(w).decode() + "?=" for w in words)


_SPECIALS = frozenset('()<>[]:;@\\,."')
_NOT_IN_ADDRESS = frozenset(' <>(),;:"[]\\')


def _address_bytes(name: str, email: str, what: str) -> str:
    clean_header(name or "", what)
    clean_header(email, what)
    local, _, domain = email.rpartition("@")
    if not local or not domain or not email.isascii() or not _NOT_IN_ADDRESS.isdisjoint(email):
        raise HeaderInjection(f"{what} is not a plain email address: {email!r}")
    if not name:
        return email
    if not name.isascii():
        return f"{_encoded_words(name)} <{email}>"
    if not _SPECIALS.isdisjoint(name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{email}>"


def _date_header(date) -> str:
    # A batch's messages share one date. Keyed with the offset too: equal instants in two zones are equal
    # datetimes, but their headers differ.
    return _date_header_cached(date, date.utcoffset())


@_lru_cache(maxsize=64)
def _date_header_cached(date, offset) -> str:
    return format_datetime(date)


def build_bytes(
    *,
    from_name: str,
    from_email: str,
    to_name: str,
    to_email: str,
    subject: str,
    body: str,
    message_id: str,
    date,
    in_reply_to: str = "",
    references: str = "",
    unsubscribe_url: str = "",
    unsubscribe_mailto: str = "",
) -> bytes:
    lines = [
        "From: " + _address_bytes(from_name, from_email, "From"),
        "To: " + _address_bytes(to_name, to_email, "To"),
        "Subject: " + _encoded_words(clean_header(subject, "Subject")),
        "Date: " + _date_header(date),
        "Message-ID: " + clean_header(message_id, "Message-ID"),
    ]
    if in_reply_to:
        lines.append("In-Reply-To: " + clean_header(in_reply_to, "In-Reply-To"))
        lines.append(
            "References: " + clean_header(references or in_reply_to, "References").replace(" ", "\r\n ")
        )
    links = []
    if unsubscribe_mailto:
        links.append(f"<mailto:{clean_header(unsubscribe_mailto, 'List-Unsubscribe')}?subject=unsubscribe>")
    if unsubscribe_url:
        links.append(f"<{clean_header(unsubscribe_url, 'List-Unsubscribe')}>")
    if links:
        lines.append("List-Unsubscribe: " + ",\r\n ".join(links))
        if unsubscribe_url:
            lines.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    for line in lines:
        if not line.isascii():
            raise HeaderInjection(f"header not encodable: {line[:40]!r}")
    lines += [
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: quoted-printable",
    ]
    text = body if body.endswith("\n") else body + "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    payload = _binascii.b2a_qp(text.encode("utf-8"), istext=True).replace(b"\n", b"\r\n")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + payload
