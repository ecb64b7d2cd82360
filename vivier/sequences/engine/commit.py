"""Steps 2b and 4: commit the decided messages as ``sending`` (one transaction that re-checks the enrollments
and takes the mailboxes' slots), and record the transport's outcomes."""

import datetime as dt
import logging

from django.db import transaction

from vivier.lib import clock
from vivier.lib import tz as tzlib
from vivier.mail import transport
from vivier.mail.models import Mailbox
from vivier.mail.services import mailbox_take_slots
from vivier.pool.models import CandidateEmail, TimelineEvent
from vivier.pool.services import candidates_mark_contacted, timeline_add

from .. import services
from ..history import EventKind
from ..models import Enrollment, OutboundMessage
from .claim import BACKOFF_FIRST, is_postgres, release
from .decide import Pending, sequence_steps
from .rows import insert_rows, plain_row, update_rows

log = logging.getLogger("vivier.engine")

RETRY_DELAYS = [dt.timedelta(minutes=m) for m in (5, 15, 60, 240, 720)]  # then given up


def commit_sending(token: str, pending: list[Pending], now: dt.datetime) -> list[Pending]:
    """One transaction: still active and ours? mailbox slots free? Then the rows exist as ``sending``."""
    if not pending:
        return []
    with transaction.atomic():
        live = Enrollment.objects.filter(
            pk__in=[p.enrollment.pk for p in pending], state=Enrollment.State.ACTIVE, claimed_by=token
        )
        if is_postgres():
            live = live.select_for_update(of=("self",))
        live_ids = set(live.values_list("pk", flat=True))
        pending = [p for p in pending if p.enrollment.pk in live_ids]
        # The rhythm (daily limit, gap) belongs to real mailboxes; the outbox sends without one.
        by_mailbox: dict[int, list[Pending]] = {}
        go = []
        for p in pending:
            mailbox = p.message.mailbox
            if mailbox is not None and mailbox.kind != Mailbox.Kind.OUTBOX:
                by_mailbox.setdefault(mailbox.pk, []).append(p)
            else:
                go.append(p)
        for group in by_mailbox.values():
            mailbox = group[0].message.mailbox
            assert mailbox is not None  # grouped above by their mailbox
            fits, later = mailbox_take_slots(mailbox=mailbox, now=now, wanted=len(group))
            go += group[:fits]
            for p, retry_at in zip(group[fits:], later, strict=True):
                e = p.enrollment
                window = p.step.window(
                    zone=services.candidate_zone(e.candidate, e.campaign.team),
                    country=e.campaign.team.holidays,
                )
                release(e, next_at=tzlib.next_in_window(retry_at, **window))
        if not go:
            return []
        # Rows are addressed by their unique Message-ID afterwards, so no primary key needs to come back.
        insert_rows(OutboundMessage, [p.message for p in go])
        for p in go:
            p.enrollment.next_position = p.step.position + 1
            p.enrollment.next_at = None
        update_rows(Enrollment, [p.enrollment for p in go], ["next_position", "next_at"])
    return go


def _message_status(p: Pending, at: dt.datetime) -> None:
    """The message's own outcome, as the transport said, whatever happens to its enrollment's bookkeeping."""
    m, outcome = p.message, p.outcome
    assert outcome is not None
    m.claimed_by, m.claimed_until = "", None
    m.smtp_response = (outcome.detail or "")[:500]
    if outcome.result == transport.SENT:
        m.status, m.sent_at, m.last_error = OutboundMessage.Status.SENT, at, ""
    elif outcome.result == transport.BOUNCE:
        m.status, m.last_error = OutboundMessage.Status.BOUNCED, outcome.detail
    elif outcome.result == transport.UNKNOWN:
        m.status, m.last_error = OutboundMessage.Status.UNKNOWN, outcome.detail
    elif outcome.result == transport.FAIL:  # a permanent refusal that is not about the recipient
        m.status, m.last_error = OutboundMessage.Status.FAILED, f"refused: {outcome.detail}"
    elif m.attempts > len(RETRY_DELAYS):
        m.status, m.last_error = OutboundMessage.Status.FAILED, f"given up: {outcome.detail}"
    else:  # retry (4xx, network, refused login...)
        m.status, m.last_error = OutboundMessage.Status.SCHEDULED, outcome.detail
        m.next_attempt_at = at + RETRY_DELAYS[m.attempts - 1]


def _bookkeep(p: Pending, at: dt.datetime, cache: dict, candidates: list, events: list) -> None:
    """What the message's outcome means for its enrollment (the message's own status is already set)."""
    m, e, outcome = p.message, p.enrollment, p.outcome
    # The sender set the outcome of every message it returns; the engine sends only sequence steps.
    assert outcome is not None and m.position is not None
    if m.status == OutboundMessage.Status.SENT:
        c = e.candidate
        assert c is not None  # a claimed enrollment (see decide_one)
        c.last_contacted_at = at
        candidates.append(c)
        events.append(
            plain_row(
                TimelineEvent,
                team_id=e.team_id,
                candidate_id=c.pk,
                at=at,
                kind=EventKind.MESSAGE_OUT,
                params={
                    "subject": m.subject[:300],
                    "message": str(m.public_id),
                    "campaign": str(e.campaign.public_id),
                    "step": m.position + 1,
                    "message_id": m.message_id,
                    "transport": m.transport,
                },
            )
        )
        if not e.thread_root_id or not p.step.same_thread:
            e.thread_root_id, e.thread_subject, e.thread_refs = m.message_id, m.subject, m.message_id
        else:
            e.thread_refs = f"{e.thread_refs} {m.message_id}".strip()
        e.last_sent_at, e.last_error = at, ""
        e.next_position = max(e.next_position, m.position + 1)
        e.next_at = services.enrollment_next_at(
            enrollment=e, steps=sequence_steps(cache, e.campaign.sequence_id), base=at
        )
    elif m.status == OutboundMessage.Status.UNKNOWN:
        e.last_error = f"message {m.public_id}: outcome unknown, check by hand ({outcome.detail})"[:2000]
    elif m.status == OutboundMessage.Status.SCHEDULED:
        assert m.next_attempt_at is not None
        e.last_error = f"will retry at {m.next_attempt_at.isoformat()}: {outcome.detail}"[:2000]


def _broken(p: Pending, at: dt.datetime, exc: BaseException) -> None:
    """A row whose bookkeeping failed: its message keeps the transport's outcome; its enrollment records the
    error and backs off, so the recruiter sees it and the worker goes on with its next step later."""
    log.exception("enrollment %s: recording message %s failed", p.enrollment.public_id, p.message.public_id)
    e = p.enrollment
    e.claimed_by, e.claimed_until = "", None
    e.last_error = f"message {p.message.public_id} {p.message.status}, then {type(exc).__name__}: {exc}"[
        :2000
    ]
    if p.message.position is not None:
        e.next_position = max(e.next_position, p.message.position + 1)
    e.next_at = at + BACKOFF_FIRST


MESSAGE_FIELDS = [
    "status",
    "sent_at",
    "last_error",
    "smtp_response",
    "next_attempt_at",
    "claimed_by",
    "claimed_until",
]
ENROLLMENT_FIELDS = [
    "claimed_by",
    "claimed_until",
    "thread_root_id",
    "thread_subject",
    "thread_refs",
    "last_sent_at",
    "last_error",
    "next_at",
    "next_position",
]


def _write(done: list[Pending], candidates: list, events: list, at: dt.datetime) -> None:
    with transaction.atomic():
        update_rows(OutboundMessage, [p.message for p in done], MESSAGE_FIELDS, key="message_id")
        update_rows(Enrollment, [p.enrollment for p in done], ENROLLMENT_FIELDS)
        candidates_mark_contacted(ids=[c.pk for c in candidates], at=at)
        if events:
            insert_rows(TimelineEvent, events)


def record_outcomes(done: list[Pending]) -> None:
    """Record what the transport said of each message, and what it means for its enrollment. Each row stands
    alone: a failure in one row's bookkeeping, or in its write, never changes what is recorded for another.

    1. Each message's status from its outcome; then its enrollment's bookkeeping (a failure there: the
       enrollment records the error and backs off).
    2. One transaction for the batch; if the database refuses it, one per row.
    3. Bounces and messages that failed for good end their enrollment, visibly."""
    if not done:
        return
    at = clock.now()
    cache: dict = {}
    own: list[tuple[list, list]] = []  # each row's candidates and timeline events, to write it alone
    for p in done:
        _message_status(p, at)
        p.enrollment.claimed_by, p.enrollment.claimed_until = "", None
        candidates: list = []
        events: list = []
        try:
            _bookkeep(p, at, cache, candidates, events)
        except Exception as exc:  # noqa: BLE001 - one broken row must not decide the others' outcome
            _broken(p, at, exc)
        own.append((candidates, events))
    try:
        _write(done, [c for cs, _ in own for c in cs], [ev for _, evs in own for ev in evs], at)
    except Exception:  # noqa: BLE001 - row by row, so a row the database refuses stays alone
        log.exception("recording %s outcomes at once failed; recording them one by one", len(done))
        for p, (candidates, events) in zip(done, own, strict=True):
            try:
                _write([p], candidates, events, at)
            except Exception as exc:  # noqa: BLE001
                _broken(p, at, exc)
                with transaction.atomic():
                    update_rows(OutboundMessage, [p.message], MESSAGE_FIELDS, key="message_id")
                    update_rows(
                        Enrollment, [p.enrollment], ["claimed_by", "claimed_until", "last_error", "next_at"]
                    )
    for p in done:
        try:
            _end_if_undeliverable(p, at)
        except Exception as exc:  # noqa: BLE001
            log.exception("enrollment %s: ending it failed", p.enrollment.public_id)
            Enrollment.objects.filter(pk=p.enrollment.pk).update(
                last_error=f"{type(exc).__name__}: {exc}"[:2000]
            )


def _end_if_undeliverable(p: Pending, at: dt.datetime) -> None:
    """A bounce marks the address invalid and ends the enrollment; a message that failed for good ends it
    too. Both say so on the candidate's timeline."""
    m, e = p.message, p.enrollment
    if m.status not in (OutboundMessage.Status.BOUNCED, OutboundMessage.Status.FAILED):
        return
    assert e.candidate is not None  # a claimed enrollment (see decide_one)
    bounced = m.status == OutboundMessage.Status.BOUNCED
    if bounced:
        CandidateEmail.objects.filter(team_id=e.team_id, email=m.to_email, invalid_at__isnull=True).update(
            invalid_at=at, invalid_reason=m.last_error[:300]
        )
    timeline_add(
        candidate=e.candidate,
        kind=EventKind.MESSAGE_OUT,
        at=at,
        params={
            "message": str(m.public_id),
            "status": m.status,
            "to": m.to_email,
            "error": m.last_error[:300],
        },
    )
    services.enrollment_transition(
        enrollment=e,
        state=Enrollment.State.BOUNCED if bounced else Enrollment.State.ENDED,
        at=at,
        reason=m.last_error[:200] if bounced else f"could not send: {m.last_error}"[:200],
    )
