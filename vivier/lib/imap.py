"""Fetching new mail from an IMAP mailbox (stdlib imaplib), knowing nothing of Vivier's models.

    cursor = ImapCursor()                        # or one loaded from where the caller keeps it
    fetch_new(config, cursor, on_message)        # on_message(raw_bytes, uid) once per new message

Incremental by UID: the cursor remembers the mailbox's UIDVALIDITY and the last UID handed over. The cursor
moves only after ``on_message`` returned, so a message whose storage failed is fetched again next time
(storage deduplicates by Message-ID, so a repeat is harmless). Messages are read with BODY.PEEK[]: the
mailbox's read/unread flags stay as the recruiter left them.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import json
import re
import select
import ssl
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "plain": 143}


class ImapError(RuntimeError):
    pass


@dataclass
class ImapConfig:
    host: str
    user: str
    password: str
    port: int | None = None
    security: str = "ssl"  # "ssl" (implicit TLS), "starttls", or "plain" (loopback and tests only)
    mailbox: str = "INBOX"
    timeout: float = 60.0
    ssl_context: ssl.SSLContext | None = None
    # OAuth2 (Google Workspace, Microsoft 365): log in with SASL XOAUTH2 instead of the password.
    access_token: str = ""

    def __post_init__(self):
        if self.security not in DEFAULT_PORTS:
            raise ValueError(f"security must be one of {', '.join(DEFAULT_PORTS)}, not {self.security!r}")

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]


@dataclass
class ImapCursor:
    uidvalidity: int | None = None
    last_uid: int = 0

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> ImapCursor:
        data = json.loads(text)
        return cls(uidvalidity=data.get("uidvalidity"), last_uid=int(data.get("last_uid") or 0))

    @classmethod
    def load(cls, path: Path) -> ImapCursor:
        try:
            return cls.from_json(path.read_text())
        except (OSError, ValueError):
            return cls()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(self.to_json())
        tmp.replace(path)


def connect(config: ImapConfig) -> imaplib.IMAP4:
    """An authenticated connection; ``ImapError`` with a readable reason otherwise."""
    conn: imaplib.IMAP4
    try:
        if config.security == "ssl":
            context = config.ssl_context or ssl.create_default_context()
            conn = imaplib.IMAP4_SSL(
                config.host, config.effective_port, ssl_context=context, timeout=config.timeout
            )
        else:
            conn = imaplib.IMAP4(config.host, config.effective_port, timeout=config.timeout)
            if config.security == "starttls":
                conn.starttls(ssl_context=config.ssl_context or ssl.create_default_context())
        if config.access_token:
            from .oauth2 import xoauth2

            initial = xoauth2(config.user, config.access_token)
            conn.authenticate("XOAUTH2", lambda _challenge: initial)
        else:
            conn.login(config.user, config.password)
        return conn
    except (imaplib.IMAP4.error, OSError, ssl.SSLError) as exc:
        raise ImapError(f"IMAP {config.host}:{config.effective_port}: {exc}") from exc


def _select(conn: imaplib.IMAP4, mailbox: str) -> tuple[int, int]:
    """Select read-only; return (UIDVALIDITY, number of messages)."""
    typ, data = conn.select(_quote(mailbox), readonly=True)
    if typ != "OK":
        raise ImapError(f"cannot open mailbox {mailbox!r}: {data}")
    exists = int(data[0] or 0) if data and data[0] else 0
    _, values = conn.response("UIDVALIDITY")
    if not values or values[0] is None:
        typ, status = conn.status(_quote(mailbox), "(UIDVALIDITY)")
        match = re.search(rb"UIDVALIDITY (\d+)", status[0] or b"") if typ == "OK" else None
        if not match:
            raise ImapError("the server gave no UIDVALIDITY")
        return int(match.group(1)), exists
    return int(values[-1]), exists


def select_folder(conn: imaplib.IMAP4, mailbox: str) -> tuple[int, int]:
    """Open ``mailbox`` read-only: (UIDVALIDITY, number of messages); ``ImapError`` when it cannot."""
    try:
        return _select(conn, mailbox)
    except imaplib.IMAP4.error as exc:
        raise ImapError(f"cannot open mailbox {mailbox!r}: {exc}") from exc


def _quote(mailbox: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9._/-]+", mailbox):
        return mailbox
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fetch_raw(conn: imaplib.IMAP4, uid: int) -> bytes | None:
    typ, data = conn.uid("FETCH", str(uid), "(BODY.PEEK[])")
    if typ != "OK":
        raise ImapError(f"UID FETCH {uid} failed: {data}")
    for item in data or []:
        if isinstance(item, tuple) and len(item) >= 2 and isinstance(item[1], bytes):
            return item[1]
    return None  # expunged meanwhile


def fetch_new(
    config: ImapConfig,
    cursor: ImapCursor,
    on_message: Callable[[bytes, int], None],
    *,
    limit: int | None = None,
    conn: imaplib.IMAP4 | None = None,
) -> int:
    """Hand every message newer than the cursor to ``on_message``; return how many were handed over.

    1. Connect (unless a connection is given) and select the mailbox read-only.
    2. A changed UIDVALIDITY means the UIDs were renumbered: start over from UID 1 (dedup absorbs repeats).
    3. UID SEARCH for UIDs above the cursor, oldest first; fetch and hand over one at a time, moving the
       cursor (in place) after each success. An exception from ``on_message`` stops the run with the cursor
       on the last message handled.
    """
    own = conn is None
    conn = conn or connect(config)
    try:
        uidvalidity, exists = _select(conn, config.mailbox)
        if cursor.uidvalidity != uidvalidity:
            cursor.uidvalidity = uidvalidity
            cursor.last_uid = 0
        if exists == 0:
            return 0
        typ, data = conn.uid("SEARCH", f"UID {cursor.last_uid + 1}:*")
        if typ != "OK":
            raise ImapError(f"UID SEARCH failed: {data}")
        # "N:*" always matches the highest UID, even below N: filter.
        uids = sorted(int(u) for u in b" ".join(data or []).split() if int(u) > cursor.last_uid)
        handled = 0
        for uid in uids[:limit] if limit else uids:
            raw = _fetch_raw(conn, uid)
            if raw is not None:
                on_message(raw, uid)
                handled += 1
            cursor.last_uid = uid
        return handled
    except (imaplib.IMAP4.error, OSError) as exc:
        raise ImapError(f"IMAP {config.host}: {exc}") from exc
    finally:
        if own:
            _logout(conn)


def baseline(conn: imaplib.IMAP4, mailbox: str, before: dt.date) -> ImapCursor:
    """A cursor that skips what arrived before ``before``: a newly connected mailbox's history is not
    imported, only its recent mail."""
    uidvalidity, exists = select_folder(conn, mailbox)
    cursor = ImapCursor(uidvalidity=uidvalidity, last_uid=0)
    if exists:
        typ, data = conn.uid(
            "SEARCH",
            "BEFORE",
            imaplib.Time2Internaldate(dt.datetime.combine(before, dt.time(0, 0), tzinfo=dt.UTC))
            .split(" ")[0]
            .strip('"'),
        )
        if typ != "OK":
            raise ImapError(f"UID SEARCH BEFORE failed: {data}")
        uids = [int(u) for u in b" ".join(d for d in data or [] if d).split()]
        cursor.last_uid = max(uids, default=0)
    return cursor


def search_message_id(conn: imaplib.IMAP4, mailbox: str, message_id: str) -> bool:
    """Whether ``mailbox`` holds a message with this Message-ID header (IMAP SEARCH HEADER)."""
    if not message_id or '"' in message_id or "\\" in message_id or "\r" in message_id or "\n" in message_id:
        return False
    try:
        _select(conn, mailbox)
        typ, data = conn.uid("SEARCH", "HEADER", "Message-ID", f'"{message_id}"')
    except (imaplib.IMAP4.error, OSError) as exc:
        raise ImapError(f"IMAP SEARCH in {mailbox!r}: {exc}") from exc
    if typ != "OK":
        raise ImapError(f"IMAP SEARCH in {mailbox!r} failed: {data}")
    return bool(b" ".join(d for d in data or [] if d).split())


def _logout(conn: imaplib.IMAP4) -> None:
    try:
        conn.logout()
    except (imaplib.IMAP4.error, OSError):
        pass


def supports_idle(conn: imaplib.IMAP4) -> bool:
    return "IDLE" in getattr(conn, "capabilities", ())


def idle_wait(conn: imaplib.IMAP4, timeout: float, stop: Callable[[], bool] | None = None) -> bool:
    """RFC 2177 IDLE on the selected mailbox: True when the server announced new mail before ``timeout``.

    ``stop`` is checked every second (a SIGTERM handler's flag), so a worker shuts down promptly.

    imaplib (before Python 3.14) has no IDLE, so this speaks the few lines of protocol itself.
    """
    tag = conn._new_tag()  # noqa: SLF001 - imaplib's tag counter keeps later commands consistent
    conn.send(tag + b" IDLE\r\n")
    line = conn.readline()
    if not line.startswith(b"+"):
        raise ImapError(f"IDLE refused: {line!r}")
    sock = conn.socket()
    deadline = time.monotonic() + timeout
    got_mail = False
    try:
        # select() rather than a socket timeout: a timed-out read would break imaplib's buffered file.
        while (remaining := deadline - time.monotonic()) > 0:
            if stop is not None and stop():
                break
            readable, _, _ = select.select([sock], [], [], min(remaining, 1.0))
            if not readable:
                continue
            line = conn.readline()
            if not line:
                raise ImapError("connection closed during IDLE")
            if re.match(rb"\* \d+ (EXISTS|RECENT)", line):
                got_mail = True
                break
    finally:
        conn.send(b"DONE\r\n")
        while True:
            line = conn.readline()
            if not line or line.startswith(tag):
                break
    return got_mail
