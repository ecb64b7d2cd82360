"""Talking to a mailbox's servers: the IMAP settings the poller uses, and the "test connection" checks that
report what the servers really answered (greeting, TLS, login, folders).

A check returns steps as (code, server's text); the page words the codes in the reader's language and shows
the server's text as is.
"""

from __future__ import annotations

import imaplib
import smtplib
import ssl
from dataclasses import dataclass, field

from vivier.lib.imap import ImapConfig, ImapError, select_folder
from vivier.lib.oauth2 import OAuthError, xoauth2

from .models import Mailbox

# Mailbox.Security -> vivier.lib.imap's names.
IMAP_SECURITY = {
    Mailbox.Security.TLS: "ssl",
    Mailbox.Security.STARTTLS: "starttls",
    Mailbox.Security.NONE: "plain",
}


@dataclass
class Check:
    ok: bool = True
    steps: list[tuple[str, str]] = field(default_factory=list)

    def step(self, code: str, text) -> None:
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        self.steps.append((code, " ".join(str(text).split())[:500]))

    def fail(self, code: str, text) -> Check:
        self.ok = False
        self.step(code, text)
        return self


def access_token_for(mailbox: Mailbox) -> str:
    """The OAuth2 access token when the mailbox uses OAuth2, else "" (``OAuthError`` when it cannot)."""
    if not mailbox.uses_oauth:
        return ""
    from .oauth import mailbox_access_token

    return mailbox_access_token(mailbox=mailbox)


def imap_config(mailbox: Mailbox, folder: str | None = None, *, timeout: float = 60.0) -> ImapConfig:
    return ImapConfig(
        host=mailbox.imap_host,
        port=mailbox.imap_port,
        user=mailbox.imap_username or mailbox.address,
        password="" if mailbox.uses_oauth else mailbox.get_imap_password(),
        security=IMAP_SECURITY.get(mailbox.imap_security, "ssl"),
        mailbox=folder or mailbox.imap_inbox or "INBOX",
        timeout=timeout,
        access_token=access_token_for(mailbox),
    )


def smtp_check(
    *,
    host: str,
    port: int,
    security: str,
    username: str,
    password: str = "",
    access_token: str = "",
    timeout: float = 15.0,
) -> Check:
    """Connect, greet, STARTTLS or TLS, log in; stop at the first refusal with the server's words."""
    check = Check()
    if not host:
        return check.fail("no_host", "")
    try:
        if security == Mailbox.Security.TLS:
            conn = smtplib.SMTP_SSL(timeout=timeout, context=ssl.create_default_context())
        else:
            conn = smtplib.SMTP(timeout=timeout)
        code, msg = conn.connect(host, port)
        check.step("greeting", f"{code} {msg.decode('utf-8', 'replace')}")
    except (OSError, smtplib.SMTPException) as exc:
        return check.fail("connect", exc)
    try:
        code, msg = conn.ehlo()
        if code != 250:
            return check.fail("ehlo", f"{code} {msg.decode('utf-8', 'replace')}")
        if security == Mailbox.Security.STARTTLS:
            code, msg = conn.starttls(context=ssl.create_default_context())
            check.step("starttls", f"{code} {msg.decode('utf-8', 'replace')}")
            conn.ehlo()
        if access_token:
            initial = xoauth2(username, access_token).decode()
            code, msg = conn.auth("XOAUTH2", lambda challenge=None: "" if challenge else initial)
            check.step("login", f"{code} {msg.decode('utf-8', 'replace')}")
        elif username:
            code, msg = conn.login(username, password)
            check.step("login", f"{code} {msg.decode('utf-8', 'replace')}")
        else:
            check.step("no_login", "")
    except smtplib.SMTPAuthenticationError as exc:
        return check.fail("login", f"{exc.smtp_code} {exc.smtp_error.decode('utf-8', 'replace')}")
    except smtplib.SMTPNotSupportedError as exc:
        return check.fail("unsupported", exc)
    except (OSError, smtplib.SMTPException) as exc:
        return check.fail("error", exc)
    finally:
        try:
            conn.quit()
        except (OSError, smtplib.SMTPException):
            conn.close()
    return check


def imap_check(
    *,
    host: str,
    port: int,
    security: str,
    username: str,
    password: str = "",
    access_token: str = "",
    folders: tuple[str, ...] = ("INBOX",),
    timeout: float = 15.0,
) -> Check:
    """Connect, greet, log in, open each folder read-only (its message count is reported)."""
    check = Check()
    if not host:
        return check.fail("no_host", "")
    mode = IMAP_SECURITY.get(security, "ssl")
    try:
        if mode == "ssl":
            conn = imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(), timeout=timeout)
        else:
            conn = imaplib.IMAP4(host, port, timeout=timeout)
        check.step("greeting", conn.welcome)
    except (OSError, imaplib.IMAP4.error) as exc:
        return check.fail("connect", exc)
    try:
        if mode == "starttls":
            typ, data = conn.starttls(ssl_context=ssl.create_default_context())
            check.step("starttls", f"{typ} {_text(data)}")
        if access_token:
            initial = xoauth2(username, access_token)
            typ, data = conn.authenticate("XOAUTH2", lambda _challenge: initial)
        else:
            typ, data = conn.login(username, password)
        check.step("login", f"{typ} {_text(data)}")
        for folder in folders:
            if not folder:
                continue
            try:
                _, exists = select_folder(conn, folder)
            except ImapError as exc:
                return check.fail("folder_missing", f"{folder}: {exc}")
            check.step("folder", f"{folder}: {exists}")
    except imaplib.IMAP4.error as exc:
        return check.fail("login", exc)
    except (OSError, ImapError) as exc:
        return check.fail("error", exc)
    finally:
        try:
            conn.logout()
        except (OSError, imaplib.IMAP4.error):
            pass
    return check


def _text(data) -> str:
    return " ".join(d.decode("utf-8", "replace") if isinstance(d, bytes) else str(d) for d in data or [] if d)


def mailbox_smtp_check(mailbox: Mailbox, **overrides) -> Check:
    try:
        token = access_token_for(mailbox)
    except OAuthError as exc:
        return Check().fail("oauth", exc)
    values = {
        "host": mailbox.smtp_host,
        "port": mailbox.smtp_port,
        "security": mailbox.smtp_security,
        "username": mailbox.smtp_username or (mailbox.address if token else ""),
        "password": mailbox.get_password(),
        "access_token": token,
    }
    _merge(values, overrides, stored_host=mailbox.smtp_host)
    return smtp_check(**values)


def mailbox_imap_check(mailbox: Mailbox, **overrides) -> Check:
    try:
        token = access_token_for(mailbox)
    except OAuthError as exc:
        return Check().fail("oauth", exc)
    values = {
        "host": mailbox.imap_host,
        "port": mailbox.imap_port,
        "security": mailbox.imap_security,
        "username": mailbox.imap_username or mailbox.address,
        "password": mailbox.get_imap_password(),
        "access_token": token,
        "folders": (mailbox.imap_inbox or "INBOX", mailbox.imap_sent),
    }
    _merge(values, overrides, stored_host=mailbox.imap_host)
    return imap_check(**values)


def _merge(values: dict, overrides: dict, *, stored_host: str) -> None:
    """The form's values over the stored ones. The stored password and token only ever go to the stored
    server: a test against another host never carries them."""
    values.update({k: v for k, v in overrides.items() if v not in (None, "")})
    if values["host"] != stored_host:
        if not overrides.get("password"):
            values["password"] = ""
        values["access_token"] = ""
