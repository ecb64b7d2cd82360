"""A real SMTP server on loopback (aiosmtpd) for the tests of every app that sends mail."""

import base64
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Catcher:
    """Accepts mail, except: RCPT to a ``bounce`` address gets 550, DATA for a ``busy`` one gets 451
    (``busy_times`` times)."""

    def __init__(self):
        self.received = []
        self.busy_times = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return f"550 5.1.1 <{address}>: user unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(r.startswith("busy") for r in envelope.rcpt_tos) and self.busy_times > 0:
            self.busy_times -= 1
            return "451 4.3.0 try again later"
        self.received.append(
            (envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content)
        )
        return "250 2.0.0 queued"


class AuthCatcher(Catcher):
    """A ``Catcher`` that requires a login: PLAIN/LOGIN with ``users`` (name -> password), or SASL XOAUTH2
    with a bearer token from ``tokens`` (token -> name, a live mapping: an OAuth2 stand-in's issued tokens), answering a refused token the way Gmail does."""

    def __init__(self, users=None, tokens=None):
        super().__init__()
        self.users = dict(users or {})
        self.tokens = tokens if tokens is not None else {}
        self.logins = []

    def authenticator(self, server, session, envelope, mechanism, auth_data):
        user = auth_data.login.decode()
        ok = self.users.get(user) == auth_data.password.decode()
        if ok:
            self.logins.append((mechanism, user))
        return AuthResult(success=ok, handled=False)

    async def auth_XOAUTH2(self, server, args):
        raw = args[1] if len(args) > 1 else ""
        try:
            fields = dict(
                part.split("=", 1) for part in base64.b64decode(raw).decode().split("\x01") if "=" in part
            )
        except (ValueError, UnicodeDecodeError):
            return AuthResult(success=False, handled=False, message="501 5.5.2 Cannot decode XOAUTH2")
        user, bearer = fields.get("user", ""), fields.get("auth", "")
        token = bearer[len("Bearer ") :] if bearer.startswith("Bearer ") else ""
        if token and self.tokens.get(token) == user:
            self.logins.append(("XOAUTH2", user))
            return AuthResult(success=True)
        # The error comes as a challenge; the client answers it with an empty line.
        await server.challenge_auth('{"status":"401","schemes":"bearer"}')
        return AuthResult(
            success=False, handled=False, message="535 5.7.8 Username and Password not accepted (XOAUTH2)"
        )


class LoopbackController(Controller):
    """Port 0: the OS picks a free port; aiosmtpd's readiness probe must then use the real one."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@contextmanager
def serving(catcher):
    """``catcher`` served on a free loopback port (``catcher.port``) until the block ends."""
    extra = {}
    if isinstance(catcher, AuthCatcher):
        extra = {"authenticator": catcher.authenticator, "auth_require_tls": False, "auth_required": True}
    controller = LoopbackController(catcher, hostname="127.0.0.1", port=0, **extra)
    controller.start()
    catcher.port = controller.port
    try:
        yield catcher
    finally:
        controller.stop()


@pytest.fixture
def smtp():
    with serving(Catcher()) as catcher:
        yield catcher
