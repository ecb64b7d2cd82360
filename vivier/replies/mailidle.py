"""IMAP IDLE watchers: a companion of the long-running worker (``vivier worker``, ``vivier serve``).

One thread per mailbox with IMAP settings holds an IDLE connection on its inbox when the server offers IDLE.
When the server announces new mail, the watcher only makes the mailbox's poll due now
(``mailbox_poll_soon``) and wakes the worker: the worker's poll step (``mailpoll``) fetches and stores the
mail, as for every other mailbox. A server without IDLE keeps the regular poll; a watcher whose connection
fails waits, longer after each failure, and tries again. Every ``REFRESH`` seconds the list of mailboxes is
read again: a new or changed mailbox gets a (new) watcher, a removed one loses it.
"""

from __future__ import annotations

import dataclasses
import logging
import threading

from django.db import close_old_connections, connection

from vivier.lib import clock
from vivier.lib.imap import connect, idle_wait, select_folder, supports_idle
from vivier.mail.connection import imap_config
from vivier.mail.models import Mailbox
from vivier.mail.services import mailbox_poll_soon
from vivier.sequences.worker import worker_wake

log = logging.getLogger("vivier.replies")

# Seconds between two readings of the mailbox list.
REFRESH = 30.0
# RFC 2177: re-issue IDLE at least every 29 minutes, or the server may log the client off.
IDLE_RENEW = 25 * 60.0
BACKOFF_FIRST = 5.0
BACKOFF_MAX = 900.0

FINGERPRINT = (
    "imap_host",
    "imap_port",
    "imap_security",
    "imap_username",
    "imap_inbox",
    "auth_method",
    "imap_password_encrypted",
    "oauth_refresh_encrypted",
)


@dataclasses.dataclass
class Watcher:
    thread: threading.Thread
    stop: threading.Event
    fingerprint: tuple


def _mailboxes() -> dict[int, tuple]:
    try:
        rows = Mailbox.objects.exclude(imap_host="").values_list("pk", *FINGERPRINT)
        return {row[0]: tuple(row[1:]) for row in rows}
    finally:
        connection.close()  # this thread's connection: not held between two readings


def idle_watch(stop_event: threading.Event, *, refresh: float | None = None) -> None:
    """Keep one watcher per mailbox with IMAP settings until ``stop_event`` is set (the worker's companion)."""
    refresh = REFRESH if refresh is None else refresh
    watchers: dict[int, Watcher] = {}
    try:
        while not stop_event.is_set():
            try:
                wanted = _mailboxes()
            except Exception:  # noqa: BLE001 - a database hiccup: keep the watchers, read again later
                log.exception("IMAP IDLE: the mailbox list could not be read")
                wanted = {pk: w.fingerprint for pk, w in watchers.items()}
            for pk, watcher in list(watchers.items()):
                if wanted.get(pk) != watcher.fingerprint or not watcher.thread.is_alive():
                    watcher.stop.set()
                    del watchers[pk]
            for pk, fingerprint in wanted.items():
                if pk not in watchers:
                    stop = threading.Event()
                    thread = threading.Thread(
                        target=mailbox_watch,
                        args=(pk, stop, stop_event),
                        name=f"vivier-imap-idle-{pk}",
                        daemon=True,
                    )
                    thread.start()
                    watchers[pk] = Watcher(thread, stop, fingerprint)
            stop_event.wait(refresh)
    finally:
        for watcher in watchers.values():
            watcher.stop.set()
        for watcher in watchers.values():
            watcher.thread.join(timeout=3)


def mailbox_watch(mailbox_id: int, stop: threading.Event, worker_stop: threading.Event | None = None) -> None:
    """IDLE on one mailbox's inbox until ``stop`` (or ``worker_stop``) is set, or the server has no IDLE."""

    def stopped() -> bool:
        return stop.is_set() or (worker_stop is not None and worker_stop.is_set())

    failures = 0
    while not stopped():
        try:
            if not _watch_once(mailbox_id, stopped):
                return
            failures = 0
        except Exception as exc:  # noqa: BLE001 - the poll records the mailbox's errors; here we only retry
            failures += 1
            log.info("IMAP IDLE on mailbox %s: %s", mailbox_id, exc)
        finally:
            close_old_connections()
            connection.close()
        if failures:
            stop.wait(min(BACKOFF_FIRST * 2 ** min(failures - 1, 16), BACKOFF_MAX))
    return


def _due_now(mailbox_id: int) -> None:
    try:
        mailbox_poll_soon(mailbox_id=mailbox_id, at=clock.now())
    finally:
        connection.close()
    worker_wake()


def _watch_once(mailbox_id: int, stopped) -> bool:
    """One connection: IDLE rounds until stopped or an error. False when this mailbox cannot be watched
    (gone, or its server has no IDLE)."""
    mailbox = Mailbox.objects.filter(pk=mailbox_id).exclude(imap_host="").first()
    if mailbox is None:
        return False
    config = imap_config(mailbox)
    connection.close()  # no database connection held while idling
    conn = connect(config)
    try:
        if not supports_idle(conn):
            log.info("IMAP IDLE: %s offers no IDLE; its mailbox is polled", config.host)
            return False
        select_folder(conn, config.mailbox)
        # Mail that arrived while nobody watched is fetched now; what arrives from here on is announced by
        # the server (at the start of IDLE too, for mail delivered since the SELECT).
        _due_now(mailbox_id)
        while not stopped():
            if idle_wait(conn, timeout=IDLE_RENEW, stop=stopped):
                _due_now(mailbox_id)
        return True
    finally:
        try:
            conn.logout()
        except Exception:  # noqa: BLE001 - closing a broken connection
            pass
