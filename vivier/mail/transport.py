"""Delivery: SMTP (one connection reused per mailbox), an email service through anymail, or the outbox.

``deliver`` answers with an ``Outcome`` and never raises for a delivery problem. The SMTP conversation is
split (MAIL, RCPT, DATA) so that we know whether a failure may have delivered the message: an error before
DATA, or a coded reply to DATA, means "not sent"; a connection lost during DATA means "unknown".
"""

import smtplib
import ssl
import time
from dataclasses import dataclass

SENT, RETRY, BOUNCE, UNKNOWN, FAIL = "sent", "retry", "bounce", "unknown", "fail"

# Messages handed to the "memory" transport (tests and benchmarks), in order.
memory_outbox: list = []


@dataclass
class Outcome:
    result: str
    detail: str = ""
    code: int | None = None


class SmtpPool:
    """Keeps one open SMTP connection per mailbox: for a worker batch, or for a worker's lifetime (the
    engine's sender thread). A connection idle for ``check_after`` seconds is probed with NOOP before it is
    used again (servers drop idle clients); one that fails the probe is replaced by a fresh one. A change to
    the mailbox's server settings (host, port, security, login) opens a new connection."""

    def __init__(self, timeout: float = 30, check_after: float = 2.0):
        self.timeout = timeout
        self.check_after = check_after
        self.connections: dict[int, smtplib.SMTP] = {}
        self.keys: dict[int, tuple] = {}
        self.used_at: dict[int, float] = {}
        self.fresh: set[int] = set()  # opened by the last ``get`` (a failure on it is not a stale reuse)

    @staticmethod
    def _key(mailbox) -> tuple:
        return (
            mailbox.smtp_host,
            mailbox.smtp_port,
            mailbox.smtp_security,
            mailbox.smtp_username,
            getattr(mailbox, "smtp_password_encrypted", ""),
        )

    def get(self, mailbox) -> smtplib.SMTP:
        conn = self.connections.get(mailbox.pk)
        if conn is not None and self.keys.get(mailbox.pk) != self._key(mailbox):
            self.drop(mailbox)
            conn = None
        if conn is not None:
            self.fresh.discard(mailbox.pk)
            if time.monotonic() - self.used_at.get(mailbox.pk, 0.0) < self.check_after:
                self.used_at[mailbox.pk] = time.monotonic()
                return conn
            try:
                code, _ = conn.noop()
            except (smtplib.SMTPException, OSError):
                code = None
            if code == 250:
                self.used_at[mailbox.pk] = time.monotonic()
                return conn
            self.drop(mailbox)
        if mailbox.smtp_security == "tls":
            conn = smtplib.SMTP_SSL(
                mailbox.smtp_host,
                mailbox.smtp_port,
                timeout=self.timeout,
                context=ssl.create_default_context(),
            )
        else:
            conn = smtplib.SMTP(mailbox.smtp_host, mailbox.smtp_port, timeout=self.timeout)
            if mailbox.smtp_security == "starttls":
                conn.starttls(context=ssl.create_default_context())
        conn.ehlo_or_helo_if_needed()
        if getattr(mailbox, "uses_oauth", False):
            _login_xoauth2(conn, mailbox)
        elif mailbox.smtp_username:
            conn.login(mailbox.smtp_username, mailbox.get_password())
        self.connections[mailbox.pk] = conn
        self.keys[mailbox.pk] = self._key(mailbox)
        self.used_at[mailbox.pk] = time.monotonic()
        self.fresh.add(mailbox.pk)
        return conn

    def drop(self, mailbox) -> None:
        self._forget(mailbox.pk, polite=False)

    def _forget(self, pk: int, polite: bool) -> None:
        conn = self.connections.pop(pk, None)
        self.keys.pop(pk, None)
        self.used_at.pop(pk, None)
        self.fresh.discard(pk)
        if conn is None:
            return
        try:
            if polite:
                conn.quit()
            else:
                conn.close()
        except Exception:  # noqa: BLE001 - closing a broken connection
            conn.close()

    def close_idle(self, seconds: float) -> None:
        """Say goodbye to the connections not used for ``seconds``."""
        for pk, used in list(self.used_at.items()):
            if time.monotonic() - used >= seconds:
                self._forget(pk, polite=True)

    def close(self) -> None:
        for pk in list(self.connections):
            self._forget(pk, polite=True)


def _login_xoauth2(conn: smtplib.SMTP, mailbox) -> None:
    """SASL XOAUTH2 with a fresh access token (Google Workspace, Microsoft 365)."""
    from vivier.lib.oauth2 import OAuthError, xoauth2

    from .oauth import mailbox_access_token

    try:
        token = mailbox_access_token(mailbox=mailbox)
    except OAuthError as exc:
        # Nothing was sent: the message is retried once the mailbox is connected again.
        raise smtplib.SMTPAuthenticationError(535, str(exc).encode()) from exc
    initial = xoauth2(mailbox.smtp_username or mailbox.address, token).decode()
    # A refusal comes as a 334 challenge (the error in JSON) that the client answers with an empty line.
    conn.auth("XOAUTH2", lambda challenge=None: "" if challenge else initial)


def _coded(code: int, detail: str, recipient_problem: bool) -> Outcome:
    if 500 <= code < 600:
        return Outcome(BOUNCE if recipient_problem else FAIL, detail, code)
    return Outcome(RETRY, detail, code)


def smtp_send(pool: SmtpPool, mailbox, email_message, envelope_from: str, to: str) -> Outcome:
    # 1. Connection, TLS and login: any failure means nothing was sent.
    try:
        conn = pool.get(mailbox)
    except smtplib.SMTPAuthenticationError as exc:
        return Outcome(RETRY, f"login refused: {exc.smtp_code} {exc.smtp_error!r}", exc.smtp_code)
    except (smtplib.SMTPException, OSError) as exc:
        pool.drop(mailbox)
        return Outcome(RETRY, f"cannot connect to {mailbox.smtp_host}:{mailbox.smtp_port}: {exc}")
    data = email_message if isinstance(email_message, bytes) else email_message.as_bytes()
    # 2. Envelope: refusals here are definite. A kept-open connection found closed by the server here is
    # replaced once: nothing of this message was sent on it.
    reused = mailbox.pk not in pool.fresh
    while True:
        try:
            code, resp = conn.mail(
                envelope_from, ["SMTPUTF8"] if conn.has_extn("smtputf8") and not data.isascii() else []
            )
            if code != 250:
                conn.rset()
                return _coded(code, f"MAIL FROM refused: {code} {resp!r}", recipient_problem=False)
            code, resp = conn.rcpt(to)
            if code not in (250, 251):
                conn.rset()
                return _coded(code, f"RCPT TO refused: {code} {resp!r}", recipient_problem=True)
            break
        except (smtplib.SMTPException, OSError) as exc:
            pool.drop(mailbox)
            if reused and isinstance(exc, (smtplib.SMTPServerDisconnected, ConnectionError)):
                reused = False
                try:
                    conn = pool.get(mailbox)
                except smtplib.SMTPAuthenticationError as again:
                    return Outcome(
                        RETRY, f"login refused: {again.smtp_code} {again.smtp_error!r}", again.smtp_code
                    )
                except (smtplib.SMTPException, OSError) as again:
                    pool.drop(mailbox)
                    return Outcome(
                        RETRY, f"cannot connect to {mailbox.smtp_host}:{mailbox.smtp_port}: {again}"
                    )
                continue
            return Outcome(RETRY, f"connection lost before the message was sent: {exc}")
    # 3. DATA: a coded answer is definite; a lost connection leaves the outcome unknown.
    try:
        code, resp = conn.data(data)
    except smtplib.SMTPDataError as exc:
        return _coded(
            exc.smtp_code, f"DATA refused: {exc.smtp_code} {exc.smtp_error!r}", recipient_problem=True
        )
    except (smtplib.SMTPException, OSError) as exc:
        pool.drop(mailbox)
        return Outcome(UNKNOWN, f"connection lost while sending: {exc}")
    text = resp.decode(errors="replace") if isinstance(resp, bytes) else str(resp)
    if code != 250:  # smtplib returns the final reply to DATA without raising
        return _coded(code, f"DATA refused: {code} {text}", recipient_problem=True)
    return Outcome(SENT, f"{code} {text}"[:500], code)


def anymail_send(email_message, to: str) -> Outcome:
    from email import message_from_bytes
    from email.policy import default

    from django.core.mail import EmailMessage as DjangoEmail

    if isinstance(email_message, bytes):
        email_message = message_from_bytes(email_message, policy=default)

    headers = {
        k: str(v)
        for k, v in email_message.items()
        if k not in ("From", "To", "Subject", "Content-Type", "Content-Transfer-Encoding", "MIME-Version")
    }
    django_mail = DjangoEmail(
        subject=str(email_message["Subject"]),
        body=email_message.get_content(),
        from_email=str(email_message["From"]),
        to=[str(email_message["To"])],
        headers=headers,
    )
    try:
        django_mail.send()
    except Exception as exc:  # noqa: BLE001 - each email service raises its own errors
        status = getattr(exc, "status_code", None)
        if status and 400 <= int(status) < 500:
            return Outcome(FAIL, f"email service refused the message: {exc}")
        return Outcome(UNKNOWN if status is None else RETRY, f"email service error: {exc}")
    return Outcome(SENT, "accepted by the email service")


def deliver(*, transport: str, mailbox, email_message, to: str, pool: SmtpPool | None) -> Outcome:
    if transport == "outbox":
        return Outcome(SENT, "stored in the outbox")
    if transport == "memory":
        memory_outbox.append(email_message)
        return Outcome(SENT, "kept in memory")
    if transport == "anymail":
        return anymail_send(email_message, to)
    return smtp_send(pool, mailbox, email_message, mailbox.address, to)
