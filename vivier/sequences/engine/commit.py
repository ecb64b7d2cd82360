"""Steps 2b and 4: commit the decided messages as ``sending`` (one transaction that re-checks the enrollments
and takes the mailboxes' slots), and record the transport's outcomes."""

import datetime as dt

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
from .claim import is_postgres, release
from .decide import Pending, sequence_steps
from .rows import insert_rows, plain_row, update_rows

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


def record_outcomes(done: list[Pending]) -> None:
    if not done:
        return
    at = clock.now()
    cache: dict = {}
    messages, enrollments, candidates, events = [], [], [], []
    bounced, gave_up = [], []
    for p in done:
        m, e, outcome = p.message, p.enrollment, p.outcome
        # The sender set the outcome of every message it returns; the engine sends only sequence steps.
        assert outcome is not None and m.position is not None
        m.claimed_by, m.claimed_until = "", None
        m.smtp_response = (outcome.detail or "")[:500]
        e.claimed_by, e.claimed_until = "", None
        if outcome.result == transport.SENT:
            m.status, m.sent_at, m.last_error = OutboundMessage.Status.SENT, at, ""
            c = e.candidate
            c.last_contacted_at = at
            candidates.append(c)
            if not e.thread_root_id or not p.step.same_thread:
                e.thread_root_id, e.thread_subject, e.thread_refs = m.message_id, m.subject, m.message_id
            else:
                e.thread_refs = f"{e.thread_refs} {m.message_id}".strip()
            e.last_sent_at, e.last_error = at, ""
            e.next_position = max(e.next_position, m.position + 1)
            e.next_at = services.enrollment_next_at(
                enrollment=e, steps=sequence_steps(cache, e.campaign.sequence_id), base=at
            )
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
        elif outcome.result == transport.BOUNCE:
            m.status, m.last_error = OutboundMessage.Status.BOUNCED, outcome.detail
            bounced.append(p)
        elif outcome.result == transport.UNKNOWN:
            m.status, m.last_error = OutboundMessage.Status.UNKNOWN, outcome.detail
            e.last_error = f"message {m.public_id}: outcome unknown, check by hand ({outcome.detail})"[:2000]
        else:  # retry (4xx, network, refused login...)
            if m.attempts > len(RETRY_DELAYS):
                m.status, m.last_error = OutboundMessage.Status.FAILED, f"given up: {outcome.detail}"
                gave_up.append(p)
            else:
                m.status, m.last_error = OutboundMessage.Status.SCHEDULED, outcome.detail
                m.next_attempt_at = at + RETRY_DELAYS[m.attempts - 1]
                e.last_error = f"will retry at {m.next_attempt_at.isoformat()}: {outcome.detail}"[:2000]
        messages.append(m)
        enrollments.append(e)
    with transaction.atomic():
        update_rows(
            OutboundMessage,
            messages,
            [
                "status",
                "sent_at",
                "last_error",
                "smtp_response",
                "next_attempt_at",
                "claimed_by",
                "claimed_until",
            ],
            key="message_id",
        )
        update_rows(
            Enrollment,
            enrollments,
            [
                "claimed_by",
                "claimed_until",
                "thread_root_id",
                "thread_subject",
                "thread_refs",
                "last_sent_at",
                "last_error",
                "next_at",
                "next_position",
            ],
        )
        candidates_mark_contacted(ids=[c.pk for c in candidates], at=at)
        if events:
            insert_rows(TimelineEvent, events)
    for p in bounced:
        m, e = p.message, p.enrollment
        CandidateEmail.objects.filter(team_id=e.team_id, email=m.to_email, invalid_at__isnull=True).update(
            invalid_at=at, invalid_reason=m.last_error[:300]
        )
        timeline_add(
            candidate=e.candidate,
            kind=EventKind.MESSAGE_OUT,
            at=at,
            params={
                "message": str(m.public_id),
                "status": "bounced",
                "to": m.to_email,
                "error": m.last_error[:300],
            },
        )
        services.enrollment_transition(
            enrollment=e, state=Enrollment.State.BOUNCED, at=at, reason=m.last_error[:200]
        )
    for p in gave_up:
        services.enrollment_transition(
            enrollment=p.enrollment,
            state=Enrollment.State.ENDED,
            at=at,
            reason=f"could not send: {p.message.last_error}"[:200],
        )
