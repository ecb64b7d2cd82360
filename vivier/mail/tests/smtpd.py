"""A real SMTP server on loopback (aiosmtpd) for the tests of every app that sends mail."""

from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller


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


class LoopbackController(Controller):
    """Port 0: the OS picks a free port; aiosmtpd's readiness probe must then use the real one."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@contextmanager
def serving(catcher):
    """``catcher`` served on a free loopback port (``catcher.port``) until the block ends."""
    controller = LoopbackController(catcher, hostname="127.0.0.1", port=0)
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
