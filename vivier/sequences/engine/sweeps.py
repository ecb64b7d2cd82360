"""The other handlers: retries of temporary failures, sends left ``sending`` by a dead worker, a message a human
confirmed, and new segment matches of running campaigns."""

import datetime as dt
import logging
import os
import socket

from django.db import transaction
from django.db.models import Q

from vivier.lib import clock
from vivier.lib import tz as tzlib
from vivier.pool.models import CandidateEmail
from vivier.pool.services import candidates_mark_contacted, timeline_add
from vivier.segments.selectors import segment_candidates

from .. import services
from ..history import EventKind
from ..models import Campaign, Enrollment, OutboundMessage, Step
from ..outbox import MESSAGE_LEASE, message_bytes
from .claim import is_postgres, worker_id
from .decide import Pending
from .sender import send_all, unsend

log = logging.getLogger("vivier.engine")


def handle_one_retry() -> bool:
    """Send again one message that failed with a temporary error, after re-checking its enrollment."""
    now = clock.now()
    with transaction.atomic():
        # Uses index outbound_status_next (status, next_attempt_at).
        qs = OutboundMessage.objects.filter(
            status=OutboundMessage.Status.SCHEDULED,
            next_attempt_at__lte=now,
            campaign__status=Campaign.Status.RUNNING,
        ).order_by("next_attempt_at")
        if is_postgres():
            qs = qs.select_for_update(skip_locked=True, of=("self",))
        pk = qs.values_list("pk", flat=True).first()
        if pk is None:
            return False
        if not OutboundMessage.objects.filter(pk=pk, status=OutboundMessage.Status.SCHEDULED).update(
            status=OutboundMessage.Status.QUEUED, claimed_by=worker_id(), claimed_until=now + MESSAGE_LEASE
        ):
            return True
    m = OutboundMessage.objects.select_related(
        "enrollment__campaign__team",
        "enrollment__campaign__sequence",
        "enrollment__candidate",
        "mailbox__team",
        "step",
    ).get(pk=pk)
    e = m.enrollment
    # Only sequence steps are ever scheduled for a retry, and a step has its enrollment and position.
    assert e is not None and m.position is not None
    candidate = e.candidate
    if (
        e.state != Enrollment.State.ACTIVE
        or candidate is None  # erased since: the row is kept for the campaign's figures only
        or candidate.unsubscribed_at
        or CandidateEmail.objects.filter(
            team_id=e.team_id, email=m.to_email, invalid_at__isnull=False
        ).exists()
    ):
        OutboundMessage.objects.filter(pk=pk).update(
            status=OutboundMessage.Status.CANCELLED,
            claimed_by="",
            claimed_until=None,
            last_error="cancelled before retry",
        )
        return True
    step = m.step
    if step is not None:
        window = step.window(
            zone=services.candidate_zone(candidate, e.campaign.team), country=e.campaign.team.holidays
        )
        opens = tzlib.next_in_window(now, **window)
        if opens > now:
            OutboundMessage.objects.filter(pk=pk).update(
                status=OutboundMessage.Status.SCHEDULED,
                next_attempt_at=opens,
                claimed_by="",
                claimed_until=None,
            )
            return True
    m.attempts += 1
    m.raw = message_bytes(m, date=now)  # a new Date: the bytes of this attempt are the ones kept
    OutboundMessage.objects.filter(pk=pk).update(attempts=m.attempts, raw=m.raw)
    pending = Pending(
        enrollment=e,
        step=step or Step(position=m.position, same_thread=bool(m.in_reply_to)),
        message=m,
        email=m.raw,
    )
    send_all([pending])
    return True


def _dead_here(claimed_by: str) -> bool:
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname()[:60] or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def handle_one_stale() -> bool:
    """Rows a worker that died left behind (lease over, or its process is gone on this host):

    1. ``queued``: never handed to the transport, so they go back to due (a retry is scheduled again).
    2. ``sending``: they were on the wire. Through the built-in outbox the message is stored whatever
       happened, so it is sent; otherwise it becomes ``unknown`` and the recruiter says whether it arrived
       (never resent automatically).
    """
    now = clock.now()
    rows = list(
        OutboundMessage.objects.filter(
            status__in=[OutboundMessage.Status.QUEUED, OutboundMessage.Status.SENDING]
        ).values_list(
            "pk",
            "claimed_by",
            "claimed_until",
            "enrollment_id",
            "status",
            "message_id",
            "position",
            "due_at",
            "transport",
        )[:500]
    )
    stale = [r for r in rows if (r[2] is not None and r[2] < now) or _dead_here(r[1])]
    if not stale:
        return False
    requeued = sum(
        unsend(mid, eid, position, due_at)
        for _, _, _, eid, status, mid, position, due_at, _ in stale
        if status == OutboundMessage.Status.QUEUED
    )
    sending = [r for r in stale if r[4] == OutboundMessage.Status.SENDING]
    stored = [r[0] for r in sending if r[8] == OutboundMessage.Transport.OUTBOX]
    doubtful = [r for r in sending if r[8] != OutboundMessage.Transport.OUTBOX]
    with transaction.atomic():
        changed = OutboundMessage.objects.filter(
            pk__in=[r[0] for r in doubtful], status=OutboundMessage.Status.SENDING
        ).update(
            status=OutboundMessage.Status.UNKNOWN,
            claimed_by="",
            claimed_until=None,
            last_error="the worker stopped while sending: check whether this email arrived",
        )
        Enrollment.objects.filter(pk__in=[r[3] for r in doubtful]).update(
            last_error="a message's outcome is unknown: check it in the outbox",
            claimed_by="",
            claimed_until=None,
        )
        for m in OutboundMessage.objects.filter(
            pk__in=[r[0] for r in doubtful], status=OutboundMessage.Status.UNKNOWN
        ).select_related("candidate"):
            if m.candidate is None:  # system mail has no candidate and no timeline
                continue
            timeline_add(
                candidate=m.candidate,
                kind=EventKind.MESSAGE_OUT,
                at=now,
                params={
                    "message": str(m.public_id),
                    "status": "unknown",
                    "message_id": m.message_id,
                    "subject": m.subject[:300],
                },
            )
    resolved = unknown_resolve_stored(ids=stored, at=now)
    if changed or requeued or resolved:
        log.warning(
            "a stopped worker's messages: %s back to due, %s stored in the outbox, %s now 'unknown'",
            requeued,
            resolved,
            changed,
        )
    return False


def unknown_resolve_stored(*, ids: list[int] | None = None, at: dt.datetime) -> int:
    """Messages left ``sending`` or ``unknown`` whose transport is the built-in outbox: the message is
    stored in the outbox, which is what sending it means there, so it is ``sent``. Returns how many."""
    qs = OutboundMessage.objects.filter(
        transport=OutboundMessage.Transport.OUTBOX,
        status__in=[OutboundMessage.Status.SENDING, OutboundMessage.Status.UNKNOWN],
    )
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    count = 0
    for m in qs.select_related("candidate", "campaign")[:500]:
        with transaction.atomic():
            if not OutboundMessage.objects.filter(pk=m.pk, status=m.status).update(
                status=OutboundMessage.Status.SENT,
                sent_at=at,
                claimed_by="",
                claimed_until=None,
                last_error="",
                smtp_response="stored in the outbox",
            ):
                continue
            m.status, m.sent_at = OutboundMessage.Status.SENT, at
            if m.kind == OutboundMessage.Kind.SEQUENCE_STEP and m.enrollment_id is not None:
                Enrollment.objects.filter(pk=m.enrollment_id).update(claimed_by="", claimed_until=None)
                after_sent_manually(message=m, at=at)
            elif m.candidate_id is not None:
                candidates_mark_contacted(ids=[m.candidate_id], at=at)
            if m.candidate is None:  # system mail has no candidate and no timeline
                count += 1
                continue
            timeline_add(
                candidate=m.candidate,
                kind=EventKind.MESSAGE_OUT,
                at=at,
                params={
                    "subject": m.subject[:300],
                    "message": str(m.public_id),
                    "message_kind": m.kind,
                    **({"campaign": str(m.campaign.public_id)} if m.campaign is not None else {}),
                    "message_id": m.message_id,
                    "transport": m.transport,
                },
            )
        count += 1
    return count


def after_sent_manually(*, message: OutboundMessage, at: dt.datetime) -> None:
    """A human confirmed an ``unknown`` message arrived: the sequence goes on from there."""
    assert message.enrollment_id is not None, "only a sequence step's message goes on with its sequence"
    e = Enrollment.objects.select_related("campaign__team", "campaign__sequence", "candidate").get(
        pk=message.enrollment_id
    )
    if not e.thread_root_id:
        e.thread_root_id, e.thread_subject, e.thread_refs = (
            message.message_id,
            message.subject,
            message.message_id,
        )
    else:
        e.thread_refs = f"{e.thread_refs} {message.message_id}"
    assert e.candidate is not None, "an erased candidate's messages are not resolved as sent"
    candidates_mark_contacted(ids=[e.candidate.pk], at=at)
    e.candidate.last_contacted_at = at
    e.last_sent_at, e.last_error = at, ""
    if e.state == Enrollment.State.ACTIVE:
        e.next_at = services.enrollment_next_at(
            enrollment=e, steps=list(e.campaign.sequence.steps.all()), base=at
        )
    e.save(
        update_fields=[
            "thread_root_id",
            "thread_subject",
            "thread_refs",
            "last_sent_at",
            "last_error",
            "next_at",
        ]
    )


MATCH_EVERY = dt.timedelta(hours=1)


def handle_one_new_matches() -> bool:
    """A running campaign that follows its segment enrolls the candidates who matched since launch
    (at most once an hour per campaign; those whose templates miss values are left out, as at launch)."""
    now = clock.now()
    due = (
        Campaign.objects.filter(status=Campaign.Status.RUNNING, follow_new_matches=True)
        .exclude(segment_query="")
        .filter(Q(matched_at__isnull=True) | Q(matched_at__lt=now - MATCH_EVERY))
        .order_by("matched_at")
        .first()
    )
    if due is None:
        return False
    if (
        not Campaign.objects.filter(pk=due.pk)
        .filter(Q(matched_at__isnull=True) | Q(matched_at__lt=now - MATCH_EVERY))
        .update(matched_at=now)
    ):
        return True  # another worker took it
    candidates = segment_candidates(team=due.team, query=due.segment_query).exclude(enrollments__campaign=due)
    review = services.campaign_start(campaign=due, candidates=candidates, allow_missing=True)
    if review.eligible:
        log.info("campaign %s: %s new match(es) enrolled", due.public_id, len(review.eligible))
    return True
