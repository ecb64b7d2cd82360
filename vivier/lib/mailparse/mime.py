"""Reading a raw message with the stdlib ``email`` package, whatever its charset claims."""

from __future__ import annotations

import codecs
import email
import re
from email import policy
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses

from charset_normalizer import from_bytes

WESTERN = {"cp1252", "latin_1", "iso8859_15", "utf_8"}
SHORT = 200  # bytes below which charset detection guesses more than it reads
LATIN = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso-8859-15", "windows-1252", "cp1252"}


def load(raw: bytes) -> Message:
    """The parsed message tree.

    policy.compat32 rather than policy.default: the default policy builds a header object (with a full
    structured parse) on every header access, several times slower; headers are decoded here instead.
    """
    msg = email.message_from_bytes(raw, policy=policy.compat32)
    if msg.get_content_maintype() == "multipart" and not msg.get_boundary():
        # A multipart without its boundary parameter: take the first "--" line of the body as the boundary
        # (what the writer meant); without one, bodies() reads the body as plain text.
        body = msg.get_payload()
        found = re.search(r"^--([^\s-][^\s]{0,69})\s*$", body if isinstance(body, str) else "", re.M)
        if found:
            head, sep, rest = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
            msg.set_param("boundary", found.group(1))
            fixed = msg.get("Content-Type", "")
            head = re.sub(
                rb"(?im)^content-type:.*(?:\r?\n[ \t].*)*",
                b"Content-Type: " + fixed.encode("utf-8", "surrogateescape"),
                head,
                count=1,
            )
            msg = email.message_from_bytes(head + sep + rest, policy=policy.compat32)
    return msg


def decode_bytes(payload: bytes, declared: str | None) -> str:
    """Decode a body, trusting the declared charset only as far as the bytes agree with it.

    1. No non-ASCII byte: ASCII.
    2. Valid UTF-8 with non-ASCII bytes: UTF-8, even when declared Latin-1 (a common mislabel).
    3. A declared charset that decodes: that one (Latin-1 read as Windows-1252, as browsers do). A charset
       Python does not know counts as undeclared.
    4. Otherwise, for a short text, Windows-1252 if it reads the bytes.
    5. Otherwise charset-normalizer's best guess, then Windows-1252 with replacement.
    """
    if not payload:
        return ""
    if payload.isascii():
        return payload.decode("ascii")
    declared = (declared or "").strip().lower() or None
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:  # a charset Python does not know ("x-unknown", "unknown-8bit"): as undeclared
            declared = None
    if declared in (None, *LATIN, "utf-8", "utf8"):
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if declared:
        if declared in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
            declared = "windows-1252"
        try:
            return payload.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    if len(payload) < SHORT:
        # A name or a subject is too short for detection (b"J\xe9r\xf4me" comes out as Chinese); Vivier's
        # mail is French and English, so Windows-1252 when it reads the bytes.
        try:
            return payload.decode("cp1252")
        except UnicodeDecodeError:
            pass
    # Western European encodings first when they read the bytes as cleanly as the detector's favourite:
    # Vivier's mail is French and English, where cp1250 or cp1257 are far less likely than cp1252.
    results = list(from_bytes(payload))
    if results:
        best = results[0]
        for match in results:
            if match.chaos <= best.chaos and set(match.could_be_from_charset) & WESTERN:
                return str(match)
        return str(best)
    return payload.decode("windows-1252", errors="replace")


def part_text(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - a broken transfer encoding still leaves the raw payload
        payload = None
    if not isinstance(payload, bytes):  # None: a multipart part, or a broken encoding
        raw = part.get_payload()
        if isinstance(raw, str):
            return raw
        return ""
    try:
        charset = part.get_content_charset()
    except Exception:  # noqa: BLE001
        charset = None
    return decode_bytes(payload, charset)


def decode_header_text(value: str) -> str:
    """RFC 2047 encoded words and raw 8-bit bytes (kept as surrogates by the parser) to text."""
    if not value:
        return ""
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        value = decode_bytes(value.encode("utf-8", "surrogateescape"), None)
    if "=?" in value:
        try:
            pieces = decode_header(value)
        except Exception:  # noqa: BLE001 - a broken encoded word stays as written
            pieces = [(value, None)]
        out = []
        for chunk, charset in pieces:
            if isinstance(chunk, bytes):
                try:
                    out.append(chunk.decode(charset or "ascii"))
                except (LookupError, UnicodeDecodeError):
                    out.append(decode_bytes(chunk, None))
            else:
                out.append(chunk)
        # decode_header splits encoded and plain runs; whitespace between encoded words is not content.
        value = "".join(out) if any(isinstance(c, bytes) for c, _ in pieces) else value
    return " ".join(value.split())


def header(msg: Message, name: str) -> str:
    """A header as text, decoded (RFC 2047, or raw 8-bit in some charset); '' when absent."""
    values = raw_values(msg, name)
    return decode_header_text(values[0]) if values else ""


def raw_values(msg: Message, name: str) -> list[str]:
    """The header's values as received (8-bit bytes as surrogates), not wrapped in Header objects."""
    name = name.lower()
    return [str(v) for k, v in msg.raw_items() if k.lower() == name]


def header_addresses(msg: Message, *names: str) -> list[tuple[str, str]]:
    """(display name, address) pairs, split on the raw header so an encoded comma stays in the name."""
    values = [v for name in names for v in raw_values(msg, name)]
    try:
        pairs = getaddresses(values)
    except Exception:  # noqa: BLE001
        return []
    return [(decode_header_text(n), decode_header_text(a)) for n, a in pairs if a and "@" in a]


def raw_header(msg: Message, name: str) -> str:
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return " ".join(str(value).split())
    return ""


def msg_ids(value: str) -> list[str]:
    """Message-IDs in a header, without angle brackets."""
    ids = re.findall(r"<([^<>\s]+)>", value or "")
    if not ids and value and "@" in value:
        ids = [v.strip("<>") for v in value.split() if "@" in v]
    return ids


def is_attachment(part: Message) -> bool:
    disposition = (part.get("Content-Disposition") or "").lower()
    return disposition.startswith("attachment")


def bodies(msg: Message) -> tuple[str, str]:
    """The first text/plain and the first text/html body, not descending into attached messages."""
    plain = html = ""

    def walk(part: Message) -> None:
        nonlocal plain, html
        ctype = part.get_content_type()
        if part.get_content_maintype() == "multipart" and not part.is_multipart():
            ctype = "text/plain"  # no boundary to split it on: its text is all there is
        if part.is_multipart():
            if ctype in {"message/rfc822", "message/delivery-status", "text/rfc822-headers"}:
                return
            subparts = part.get_payload()
            if isinstance(subparts, list):
                for sub in subparts:
                    if isinstance(sub, Message):
                        walk(sub)
            return
        if ctype == "message/rfc822" or is_attachment(part):
            return
        if ctype == "text/plain" and not plain:
            plain = part_text(part)
        elif ctype == "text/html" and not html:
            html = part_text(part)

    walk(msg)
    return plain, html
