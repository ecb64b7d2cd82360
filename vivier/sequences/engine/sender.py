"""Step 3: hand the committed messages to the transport, re-checking that their enrollments are still active
just before; a long-lived sender thread keeps SMTP connections open and overlaps the next batch's database
work (see "SMTP overlapped with the database work" below).

A batch is committed ``queued``. Each message is marked ``sending`` (a conditional UPDATE, committed) just
before it is handed to the transport, and its outcome is recorded before the next one is marked: a crash
leaves at most the message on the wire in doubt (one per open connection); the stale sweep sends the
``queued`` rest back to due.
"""

import os
import queue
import threading
import time

from django.db import transaction

from vivier.lib import clock
from vivier.mail import transport

from ..models import Enrollment, OutboundMessage
from . import state
from .commit import record_outcomes
from .decide import Pending


def mark_sending(message: OutboundMessage) -> bool:
    """``queued`` -> ``sending``, committed, just before the transport is called. False: the row is no longer
    queued (the stale sweep sent it back to due): it must not be sent."""
    from ..outbox import MESSAGE_LEASE

    return bool(
        OutboundMessage.objects.filter(
            message_id=message.message_id, status=OutboundMessage.Status.QUEUED
        ).update(status=OutboundMessage.Status.SENDING, claimed_until=clock.now() + MESSAGE_LEASE)
    )


def unsend(message_id: str, enrollment_id: int | None, position: int | None, due_at) -> bool:
    """A ``queued`` message that was never handed to the transport goes back to due: a first attempt's row
    is deleted and its enrollment is due again at that step; a retry is scheduled again. False when the row
    was no longer queued."""
    with transaction.atomic():
        deleted, _ = OutboundMessage.objects.filter(
            message_id=message_id, status=OutboundMessage.Status.QUEUED, attempts__lte=1
        ).delete()
        if deleted:
            assert position is not None and enrollment_id is not None  # only sequence steps are queued
            Enrollment.objects.filter(pk=enrollment_id, next_position=position + 1).update(
                next_position=position, next_at=due_at, claimed_by="", claimed_until=None
            )
            return True
        return bool(
            OutboundMessage.objects.filter(
                message_id=message_id, status=OutboundMessage.Status.QUEUED
            ).update(status=OutboundMessage.Status.SCHEDULED, claimed_by="", claimed_until=None)
        )


def _revert_unsent(rest: list[Pending]) -> None:
    """SIGTERM arrived before these were handed to SMTP: they were never sent, so they go back to due."""
    for p in rest:
        unsend(p.message.message_id, p.enrollment.pk, p.step.position, p.message.due_at)


# How stale the "is the enrollment still active?" answer may be while a batch is being sent. A reply that
# lands after the batch was committed as ``sending`` must still stop a message not yet handed to the
# transport (a slow SMTP server can take seconds per message); one set-based query per interval keeps that
# guarantee without a query per message.
SEND_GUARD_SECONDS = 0.5


def _stopped_meanwhile(rest: list[Pending]) -> set[int]:
    ids = [p.enrollment.pk for p in rest]
    return set(
        Enrollment.objects.filter(pk__in=ids)
        .exclude(state=Enrollment.State.ACTIVE)
        .values_list("pk", flat=True)
    )


def _cancel_unsent(p: Pending) -> None:
    """The candidate replied (or was stopped) after the batch was committed: this message never leaves."""
    OutboundMessage.objects.filter(
        message_id=p.message.message_id, status=OutboundMessage.Status.QUEUED
    ).update(
        status=OutboundMessage.Status.CANCELLED, last_error="stopped before sending: the enrollment ended"
    )


def _store_all(go: list[Pending]) -> list[Pending]:
    """The built-in outbox: nothing leaves the machine and the row is the stored message, so the batch is
    marked ``sending``, stored and recorded at once (after a crash the stale sweep knows they were stored)."""
    from ..outbox import MESSAGE_LEASE
    from .claim import is_postgres

    if state.stop_requested:
        _revert_unsent(go)
        return []
    stopped = _stopped_meanwhile(go)
    for p in go:
        if p.enrollment.pk in stopped:
            _cancel_unsent(p)
    with transaction.atomic():
        queued = OutboundMessage.objects.filter(
            message_id__in=[p.message.message_id for p in go if p.enrollment.pk not in stopped],
            status=OutboundMessage.Status.QUEUED,
        )
        if is_postgres():
            queued = queued.select_for_update()
        ids = set(queued.values_list("message_id", flat=True))
        OutboundMessage.objects.filter(message_id__in=ids).update(
            status=OutboundMessage.Status.SENDING, claimed_until=clock.now() + MESSAGE_LEASE
        )
    go = [p for p in go if p.message.message_id in ids]
    for p in go:
        p.outcome = transport.deliver(
            transport=p.message.transport,
            mailbox=None,
            email_message=p.email,
            to=p.message.to_email,
            pool=None,
        )
    record_outcomes(go)
    return go


def send_all(go: list[Pending]) -> list[Pending]:
    """Send ``go`` one message at a time: marked ``sending``, handed over, its outcome recorded."""
    if go and all(p.message.transport == OutboundMessage.Transport.OUTBOX for p in go):
        return _store_all(go)
    pool = transport.SmtpPool()
    done = []
    checked_at = time.monotonic()
    stopped: set[int] = set()
    try:
        for i, p in enumerate(go):
            if state.stop_requested:
                _revert_unsent(go[i:])
                break
            if time.monotonic() - checked_at >= SEND_GUARD_SECONDS:
                stopped |= _stopped_meanwhile(go[i:])
                checked_at = time.monotonic()
            if p.enrollment.pk in stopped:
                _cancel_unsent(p)
                continue
            if not mark_sending(p.message):
                continue
            p.outcome = transport.deliver(
                transport=p.message.transport,
                mailbox=p.message.mailbox,
                email_message=p.email,
                to=p.message.to_email,
                pool=pool,
            )
            record_outcomes([p])
            done.append(p)
    finally:
        pool.close()
    return done


# --- SMTP overlapped with the database work ---------------------------------------------------
# A batch that goes entirely through SMTP is handed to one long-lived sender thread that keeps its
# connections open for the worker's lifetime. While it talks to the server (socket waits release the GIL),
# the worker claims, renders and commits the next batch as ``sending``. The rules stay those of
# ``send_all``: before each hand-over the sender asks the worker's thread (which alone touches the
# database) to record the previous message's outcome and mark this one ``sending``, and waits for it; the
# "still active?" re-check runs at most SEND_GUARD_SECONDS before each hand-over; a stopped enrollment's
# message is cancelled, never handed over; on SIGTERM the message being sent is finished and the rest goes
# back to due. Every batch is landed (outcomes recorded) before ``handle_one_due`` returns.

# How long one ``handle_one_due`` call keeps chaining batches through the sender (the other handlers run
# in between calls).
PIPELINE_SECONDS = 2.0
# While a batch is in flight, how soon the sender thread gets the GIL back after a server reply (the
# default 5 ms would be paid at each of the 3-4 round trips of every message).
SWITCH_INTERVAL = 0.00005
# Connections unused for this long are closed politely by the sender thread.
SMTP_IDLE_CLOSE_SECONDS = 60.0


class Flight:
    """A batch committed as ``sending``, being handed to SMTP by the sender thread."""

    def __init__(self, go: list[Pending], guard_at: float) -> None:
        self.go = go
        self.done: list[Pending] = []  # handed to the transport, with their outcome
        self.cancelled: list[Pending] = []  # their enrollment stopped meanwhile: never handed over
        self.rest: list[Pending] = []  # stop requested: never handed over, back to due
        self.stopped: set[int] = set()  # enrollment ids the guard found no longer active
        self.guard_at = guard_at  # monotonic time of the last "still active?" check
        self.next = 0  # index of the next message to hand over
        self.marked = -1  # index of the last message the worker's thread answered for (marked or not)
        self.lost: set[int] = set()  # indexes no longer queued when asked for: never handed over
        self.recorded = 0  # how many of ``done`` have their outcome recorded
        self.waiting = False  # the sender waits for a fresh check, or for its next message to be marked
        self.finished = False
        self.error: BaseException | None = None
        self.cond = threading.Condition()


class _Sender:
    def __init__(self) -> None:
        self.pid = os.getpid()
        self.pool = transport.SmtpPool()
        self.inbox: queue.SimpleQueue = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="vivier-smtp-sender", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            try:
                flight = self.inbox.get(timeout=SMTP_IDLE_CLOSE_SECONDS / 2)
            except queue.Empty:
                self.pool.close_idle(SMTP_IDLE_CLOSE_SECONDS)
                continue
            if flight is None:
                self.pool.close()
                return
            self._send(flight)

    def _send(self, f: Flight) -> None:
        try:
            for i, p in enumerate(f.go):
                with f.cond:
                    asked = None
                    while not state.stop_requested and (
                        f.marked < i
                        or (
                            time.monotonic() - f.guard_at >= SEND_GUARD_SECONDS
                            and (asked is None or f.guard_at < asked)
                        )
                    ):
                        asked = asked or time.monotonic()
                        f.next, f.waiting = i, True
                        f.cond.notify_all()  # the worker's thread re-checks and marks go[i], then wakes us
                        f.cond.wait(0.05)
                    f.waiting = False
                    if state.stop_requested and f.marked < i:
                        f.rest = f.go[i:]
                        return
                    f.next = i
                    stopped = p.enrollment.pk in f.stopped
                    lost = i in f.lost
                if stopped:
                    f.cancelled.append(p)
                    continue
                if lost:
                    continue
                p.outcome = transport.deliver(
                    transport=p.message.transport,
                    mailbox=p.message.mailbox,
                    email_message=p.email,
                    to=p.message.to_email,
                    pool=self.pool,
                )
                with f.cond:
                    f.done.append(p)
        except BaseException as exc:  # noqa: BLE001 - handed back to the worker's thread
            f.error = exc
            with f.cond:
                f.rest = f.go[f.next + 1 :]
        finally:
            with f.cond:
                f.finished = True
                f.cond.notify_all()

    def close(self) -> None:
        self.inbox.put(None)
        self.thread.join(timeout=35)


_sender: _Sender | None = None


def the_sender() -> _Sender:
    global _sender
    if _sender is None or _sender.pid != os.getpid() or not _sender.thread.is_alive():
        _sender = _Sender()
    return _sender


def shutdown_sender() -> None:
    """Close the kept-open SMTP connections (the worker calls this when it stops)."""
    global _sender
    if _sender is not None and _sender.pid == os.getpid():
        _sender.close()
    _sender = None


def _guard_due(flight: Flight) -> bool:
    """The sender waits for a check, or the last one is half stale (refreshed before the sender must wait)."""
    return flight.waiting or (
        SEND_GUARD_SECONDS > 0 and time.monotonic() - flight.guard_at >= SEND_GUARD_SECONDS / 2
    )


def _record_done(flight: Flight) -> None:
    with flight.cond:
        done = flight.done[flight.recorded :]
        flight.recorded += len(done)
    record_outcomes(done)


def guard(flight: Flight | None, force: bool = False) -> None:
    """Answer the sender thread when it waits: refresh the "still active?" check when it is due (see
    ``_guard_due``), record the outcome of the message it handed over, mark the next one ``sending``."""
    if flight is None or flight.finished or not (force or _guard_due(flight)):
        return
    with flight.cond:
        start = flight.next
        wanted = flight.waiting and flight.marked < start
    if time.monotonic() - flight.guard_at >= SEND_GUARD_SECONDS / 2 or not wanted:
        checked_at = time.monotonic()  # before the query: the answer is at least this fresh
        stopped = _stopped_meanwhile(flight.go[start:])
        with flight.cond:
            flight.stopped |= stopped
            flight.guard_at = checked_at
    if wanted and not state.stop_requested:  # stopping: what is not on the wire yet goes back to due
        p = flight.go[start]
        with transaction.atomic():  # one commit for the previous outcome and the next mark
            _record_done(flight)
            lost = p.enrollment.pk not in flight.stopped and not mark_sending(p.message)
        with flight.cond:
            if lost:
                flight.lost.add(start)
            flight.marked = start
    with flight.cond:
        flight.waiting = False  # answered; the sender asks again if it needs to
        flight.cond.notify_all()


def land(flight: Flight) -> None:
    """Wait for the sender to finish the batch (re-checking for it meanwhile), then record the outcomes."""
    while True:
        with flight.cond:
            if flight.finished:
                break
            if not _guard_due(flight):
                flight.cond.wait(
                    0.05
                    if SEND_GUARD_SECONDS <= 0
                    else max(0.001, min(0.05, SEND_GUARD_SECONDS / 2 - (time.monotonic() - flight.guard_at)))
                )
                continue
        guard(flight, force=True)
    _record_done(flight)
    for p in flight.cancelled:
        _cancel_unsent(p)
    if flight.rest:
        _revert_unsent(flight.rest)
    if flight.error is not None:
        raise flight.error


def threaded(go: list[Pending]) -> bool:
    return bool(go) and all(p.message.transport == OutboundMessage.Transport.SMTP for p in go)
