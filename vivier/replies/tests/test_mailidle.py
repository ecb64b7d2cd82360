"""IMAP IDLE in the long-running worker (a real Dovecot on loopback, which offers IDLE): a watcher thread per
mailbox makes its poll due as soon as the server announces new mail; the poll step then fetches it."""

import datetime as dt
import threading

import pytest

from vivier.lib import clock
from vivier.mail.models import Mailbox
from vivier.mail.services import mailbox_poll_soon, mailbox_update
from vivier.replies import mailidle, mailpoll
from vivier.replies.mailpoll import handle_one_mailbox_poll
from vivier.replies.models import InboundMessage
from vivier.replies.tests.test_mailpoll import imap_box, mail
from vivier.sequences import worker

pytestmark = pytest.mark.django_db(transaction=True)  # the watchers run in threads with their own connections

WAIT = 30  # generous bound on waiting for the threads; nothing is asserted about durations
FAR = dt.timedelta(days=1)


def wait_for(condition, timeout=WAIT):
    done = threading.Event()
    while not done.wait(0.05):
        if condition():
            return True
        timeout -= 0.05
        if timeout <= 0:
            return False
    return True


def push_back(box):
    Mailbox.objects.filter(pk=box.pk).update(imap_next_poll_at=clock.now() + FAR)


def due(box):
    return Mailbox.objects.get(pk=box.pk).imap_next_poll_at <= clock.now()


@pytest.fixture
def watching():
    stop = threading.Event()
    threads = []

    def start(**kw):
        thread = threading.Thread(target=mailidle.idle_watch, args=(stop,), kwargs=kw, daemon=True)
        thread.start()
        threads.append(thread)
        return thread

    yield start
    stop.set()
    for thread in threads:
        thread.join(WAIT)


def test_mail_appended_while_the_watcher_idles_makes_the_mailbox_due(team, alice, imap_mailbox, watching):
    box = imap_box(team, imap_mailbox, owner=alice)
    push_back(box)
    thread = watching(refresh=0.2)
    # Connected: whatever arrived while nobody watched is due at once.
    assert wait_for(lambda: due(box))
    handle_one_mailbox_poll()
    push_back(box)
    worker._wake.clear()

    imap_mailbox.append(mail("helene@example.org", box.address, "Re: Poste", "Oui, avec plaisir."))
    assert wait_for(lambda: due(box))
    assert worker._wake.is_set()  # the worker's pause ends at once
    assert handle_one_mailbox_poll() is True
    assert InboundMessage.objects.filter(team=team, source="imap").count() == 1
    assert thread.is_alive()


def test_the_watcher_stops_with_the_worker(team, alice, imap_mailbox):
    box = imap_box(team, imap_mailbox, owner=alice)
    push_back(box)
    stop = threading.Event()
    thread = threading.Thread(target=mailidle.idle_watch, args=(stop,), kwargs={"refresh": 0.2}, daemon=True)
    thread.start()
    assert wait_for(lambda: due(box))
    assert wait_for(lambda: any(t.name == f"vivier-imap-idle-{box.pk}" for t in threading.enumerate()))
    stop.set()
    thread.join(WAIT)
    assert not thread.is_alive()
    assert wait_for(lambda: not any(t.name == f"vivier-imap-idle-{box.pk}" for t in threading.enumerate()))


def test_a_changed_mailbox_gets_a_new_watcher(team, alice, imap_mailbox, watching):
    box = imap_box(team, imap_mailbox, owner=alice)
    push_back(box)
    watching(refresh=0.2)
    assert wait_for(lambda: due(box))
    first = [t for t in threading.enumerate() if t.name == f"vivier-imap-idle-{box.pk}"]
    assert len(first) == 1
    mailbox_update(mailbox=Mailbox.objects.get(pk=box.pk), imap_password="imap-secret")
    push_back(box)
    # The new watcher connects and makes the mailbox due; the old one has stopped.
    assert wait_for(lambda: due(box))
    assert wait_for(lambda: not first[0].is_alive())
    assert wait_for(lambda: any(t.name == f"vivier-imap-idle-{box.pk}" for t in threading.enumerate()))


def test_a_server_without_idle_keeps_the_poll(team, alice, imap_mailbox, monkeypatch):
    monkeypatch.setattr(mailidle, "supports_idle", lambda conn: False)
    box = imap_box(team, imap_mailbox, owner=alice)
    push_back(box)
    stop = threading.Event()
    thread = threading.Thread(target=mailidle.mailbox_watch, args=(box.pk, stop), daemon=True)
    thread.start()
    thread.join(WAIT)
    assert not thread.is_alive()  # the watcher gave up on this mailbox at once
    assert not due(box)  # and the regular poll interval stands


def test_a_failing_server_is_retried_with_backoff(team, alice, imap_mailbox, monkeypatch):
    box = imap_box(team, imap_mailbox, owner=alice, password="wrong")
    waits = []
    stop = threading.Event()

    class Recording(threading.Event):
        def wait(self, timeout=None):
            waits.append(timeout)
            if len(waits) >= 3:
                stop.set()
            return stop.is_set()

        def is_set(self):
            return stop.is_set()

    mailidle.mailbox_watch(box.pk, Recording())
    assert waits[:3] == [mailidle.BACKOFF_FIRST, mailidle.BACKOFF_FIRST * 2, mailidle.BACKOFF_FIRST * 4]


def test_mail_announced_during_a_poll_is_not_pushed_back(team, alice, imap_mailbox, monkeypatch):
    box = imap_box(team, imap_mailbox, owner=alice)
    real = mailpoll.mailbox_poll
    announced = []

    def poll_with_news(*, mailbox, now=None):
        result = real(mailbox=mailbox, now=now)
        announced.append(clock.now())
        mailbox_poll_soon(mailbox_id=mailbox.pk, at=announced[0])
        return result

    monkeypatch.setattr(mailpoll, "mailbox_poll", poll_with_news)
    assert handle_one_mailbox_poll() is True
    assert Mailbox.objects.get(pk=box.pk).imap_next_poll_at == announced[0]
    monkeypatch.setattr(mailpoll, "mailbox_poll", real)
    assert handle_one_mailbox_poll() is True  # due again at once
    # Without news, the regular interval follows.
    assert Mailbox.objects.get(pk=box.pk).imap_next_poll_at > clock.now()
