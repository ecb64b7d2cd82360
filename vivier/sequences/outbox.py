"""The one send path: every email Vivier sends is an ``OutboundMessage`` recorded as ``sending`` before the
transport is called, and whether it may go now is one rule, ``contact_allowed``.

Sequence steps go through the engine (``vivier.sequences.engine``), in batches, with the same rule and the same
at-most-once row; everything else (a quick reply, an offer, slots, an invitation, a notice...) calls
``message_send``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from vivier.accounts.models import Team
from vivier.lib import clock
from vivier.mail import mime, transport
from vivier.mail.models import Mailbox
from vivier.pool.models import Candidate
from vivier.pool.services import candidates_mark_contacted, timeline_add

from .history import EventKind
from .models import Campaign, Enrollment, OutboundAttachment, OutboundMessage, Step

Kind = OutboundMessage.Kind

# Messages of a live conversation: the candidate is waiting for them, contact pressure never holds them.
CONVERSATION = frozenset({Kind.QUICK_REPLY, Kind.OFFER, Kind.SLOTS, Kind.INVITATION})
# Messages the law requires: a contact budget never holds them back.
LEGAL = frozenset({Kind.NOTICE, Kind.RENEWAL})

# A row in ``sending`` whose lease is over is presumed abandoned (the stale sweep flags it ``unknown``).
MESSAGE_LEASE = dt.timedelta(minutes=10)


# --- Whether a message may go now ----------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """``allowed``, or why not and the earliest time it may be allowed (None: not by waiting)."""

    allowed: bool
    reason: str = ""
    earliest: dt.datetime | None = None

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)

# A rule answers a refusal, or None when it has nothing against the message.
ContactRule = Callable[[Candidate, str, dt.datetime], Decision | None]
_rules: list[tuple[int, str, ContactRule]] = []


def contact_rule_register(name: str, rule: ContactRule, *, order: int = 100) -> None:
    """Add a rule (higher apps call this in ``AppConfig.ready()``); registering a name again replaces it."""
    _rules[:] = [r for r in _rules if r[1] != name]
    _rules.append((order, name, rule))
    _rules.sort(key=lambda r: (r[0], r[1]))


def pressure_days(team_id: int | None = None) -> int:
    """The team's contact-pressure days (its settings page), else the installation's default."""
    if team_id is not None:
        days = _team_pressure_days(team_id)
        if days is not None:
            return days
    return int(getattr(settings, "VIVIER_CONTACT_PRESSURE_DAYS", 2))


def _team_pressure_days(team_id: int) -> int | None:
    return Team.objects.filter(pk=team_id).values_list("contact_pressure_days", flat=True).first()


def _unsubscribed(candidate: Candidate, kind: str, at: dt.datetime) -> Decision | None:
    if candidate.unsubscribed_at and kind != Kind.NOTICE:
        return Decision(False, "the candidate unsubscribed")
    return None


def _pressure(candidate: Candidate, kind: str, at: dt.datetime) -> Decision | None:
    """Never two messages to one person within ``VIVIER_CONTACT_PRESSURE_DAYS``, a conversation aside."""
    if kind in CONVERSATION or not candidate.last_contacted_at:
        return None
    free_at = candidate.last_contacted_at + dt.timedelta(days=pressure_days(candidate.team_id))
    if at < free_at:
        return Decision(False, "contacted too recently", free_at)
    return None


contact_rule_register("unsubscribed", _unsubscribed, order=0)
contact_rule_register("pressure", _pressure, order=10)


def contact_allowed(candidate: Candidate, kind: str, at: dt.datetime) -> Decision:
    """Whether a message of ``kind`` may go to ``candidate`` at ``at``: the first rule that refuses, else
    allowed. Rules later apps add (a contact budget, an upcoming interview...) read ``CONVERSATION`` and
    ``LEGAL`` to know which kinds they must let through."""
    for _order, _name, rule in _rules:
        decision = rule(candidate, kind, at)
        if decision is not None and not decision.allowed:
            return decision
    return ALLOWED


# --- Sending one message -------------------------------------------------------------------


class SendRefused(ValueError):
    pass


class AlreadySent(SendRefused):
    """A message with this idempotency key exists: it is never sent twice."""


@dataclass(frozen=True)
class Attachment:
    content_type: str
    filename: str
    content: bytes


@dataclass(frozen=True)
class Sender:
    transport: str
    from_email: str
    from_name: str
    mailbox: Mailbox | None


def sender_for(*, mailbox: Mailbox | None, owner=None) -> Sender:
    """How a message goes out: through ``mailbox``, or the built-in outbox under the owner's address."""
    if mailbox is None or mailbox.kind == Mailbox.Kind.OUTBOX:
        via = OutboundMessage.Transport.OUTBOX
        from_email, from_name = settings.DEFAULT_FROM_EMAIL, ""
        if owner is not None and owner.email:
            from_email, from_name = owner.email, owner.get_full_name()
    else:
        via, from_email, from_name = mailbox.kind, mailbox.address, mailbox.display_name
    if getattr(settings, "VIVIER_MAIL_TRANSPORT", ""):
        via = settings.VIVIER_MAIL_TRANSPORT  # "memory" in tests and benchmarks
    return Sender(via, from_email, from_name, mailbox)


def message_bytes(
    message: OutboundMessage, *, date: dt.datetime, attachments: Iterable[Attachment] = ()
) -> bytes:
    """The MIME bytes of ``message`` as handed to the transport."""
    fields = {
        "from_name": message.from_name,
        "from_email": message.from_email,
        "to_name": message.to_name,
        "to_email": message.to_email,
        "subject": message.subject,
        "body": message.body,
        "message_id": message.message_id,
        "date": date,
        "in_reply_to": message.in_reply_to,
        "references": message.references,
        "unsubscribe_url": message.unsubscribe_url,
        "unsubscribe_mailto": message.from_email if message.unsubscribe_url else "",
    }
    attachments = list(attachments)
    if not attachments:
        return mime.build_bytes(**fields)
    email = mime.build(**fields)
    for a in attachments:
        maintype, _, subtype = a.content_type.partition("/")
        email.add_attachment(
            a.content, maintype=maintype, subtype=subtype or "octet-stream", filename=a.filename
        )
    return email.as_bytes()


def message_send(
    *,
    team,
    candidate: Candidate | None,
    kind: str,
    subject: str,
    body: str,
    idempotency_key: str,
    mailbox: Mailbox | None = None,
    to_email: str = "",
    in_reply_to: str = "",
    references: str = "",
    attachments: Iterable[Attachment] = (),
    enrollment: Enrollment | None = None,
    campaign: Campaign | None = None,
    step: Step | None = None,
    owner=None,
    data: dict | None = None,
    by=None,
    now: dt.datetime | None = None,
) -> OutboundMessage:
    """Send one message now, at most once.

    1. ``contact_allowed`` (refused: ``SendRefused``); the address (``to_email``, else the candidate's).
    2. One transaction: the row (unique ``idempotency_key``: ``AlreadySent`` on a second call), its
       attachments and its exact bytes, as ``sending``.
    3. The transport, then the outcome: ``sent`` (the candidate is marked contacted, the timeline says so),
       else ``failed``, ``bounced`` or ``unknown``. A message sent this way is never retried automatically.

    ``owner``: whose address the built-in outbox writes from (default: ``by``); ``data``: added to the
    timeline event. ``candidate`` is None only for system mail to a user (``kind="system"``, ``to_email``):
    no contact rule, no timeline.
    """
    from .services import usable_email

    now = now or clock.now()
    if kind not in Kind.values:
        raise ValueError(f"unknown message kind {kind!r}")
    if candidate is None:
        if kind != Kind.SYSTEM or not to_email:
            raise ValueError("only system mail to an address is sent without a candidate")
    else:
        decision = contact_allowed(candidate, kind, now)
        if not decision:
            raise SendRefused(decision.reason)
    to = to_email or usable_email(candidate)
    if not to:
        raise SendRefused("no address to write to")
    sender = sender_for(mailbox=mailbox, owner=owner or by)
    attachments = [a if isinstance(a, Attachment) else Attachment(*a) for a in attachments]
    message = OutboundMessage(
        public_id=uuid.uuid4(),
        team=team,
        kind=kind,
        idempotency_key=idempotency_key,
        enrollment=enrollment,
        step=step,
        position=step.position if step is not None else None,
        candidate=candidate,
        campaign=campaign,
        mailbox=sender.mailbox,
        transport=sender.transport,
        status=OutboundMessage.Status.SENDING,
        from_email=sender.from_email,
        from_name=sender.from_name,
        to_email=to,
        to_name=candidate.full_name if candidate is not None else "",
        subject=subject[:500],
        body=body,
        message_id=mime.new_message_id(sender.from_email),
        in_reply_to=in_reply_to,
        references=references,
        due_at=now,
        claimed_by="manual",
        claimed_until=now + MESSAGE_LEASE,
        created_at=now,
        attempts=1,
    )
    try:
        message.raw = message_bytes(message, date=now, attachments=attachments)
    except mime.HeaderInjection as exc:
        raise SendRefused(str(exc)) from exc
    if OutboundMessage.objects.filter(idempotency_key=idempotency_key).exists():
        raise AlreadySent(f"already sent ({idempotency_key})")
    try:
        with transaction.atomic():
            message.save()
            OutboundAttachment.objects.bulk_create(
                OutboundAttachment(
                    message=message, content_type=a.content_type, filename=a.filename, content=a.content
                )
                for a in attachments
            )
    except IntegrityError as exc:
        if OutboundMessage.objects.filter(idempotency_key=idempotency_key).exists():
            raise AlreadySent(f"already sent ({idempotency_key})") from exc
        raise
    return _deliver_and_record(message, candidate=candidate, campaign=campaign, by=by, data=data)


def _deliver_and_record(
    message: OutboundMessage, *, candidate: Candidate, campaign: Campaign | None, by, data: dict | None
) -> OutboundMessage:
    """Hand a message committed as ``sending`` to its transport and record the outcome."""
    kind, to = message.kind, message.to_email
    pool = transport.SmtpPool()
    try:
        outcome = transport.deliver(
            transport=message.transport,
            mailbox=message.mailbox,
            email_message=bytes(message.raw),
            to=to,
            pool=pool,
        )
    finally:
        pool.close()
    at = clock.now()
    message.claimed_by, message.claimed_until = "", None
    message.smtp_response = (outcome.detail or "")[:500]
    if outcome.result == transport.SENT and candidate is None:
        message.status, message.sent_at = OutboundMessage.Status.SENT, at
    elif outcome.result == transport.SENT:
        message.status, message.sent_at = OutboundMessage.Status.SENT, at
        candidates_mark_contacted(ids=[candidate.pk], at=at)
        candidate.last_contacted_at = at
        timeline_add(
            candidate=candidate,
            kind=EventKind.MESSAGE_OUT,
            actor=by,
            at=at,
            params={
                "subject": message.subject[:300],
                "message": str(message.public_id),
                "message_kind": kind,
                **({"campaign": str(campaign.public_id)} if campaign is not None else {}),
                "message_id": message.message_id,
                "transport": message.transport,
                **(data or {}),
            },
        )
    else:
        message.status = {
            transport.UNKNOWN: OutboundMessage.Status.UNKNOWN,
            transport.BOUNCE: OutboundMessage.Status.BOUNCED,
        }.get(outcome.result, OutboundMessage.Status.FAILED)
        message.last_error = (outcome.detail or "")[:2000]
    message.save(
        update_fields=["status", "sent_at", "last_error", "smtp_response", "claimed_by", "claimed_until"]
    )
    return message


def message_resolve(*, message: OutboundMessage, arrived: bool, by=None) -> OutboundMessage:
    """A human checked an ``unknown`` message: it arrived (a sequence goes on) or it did not: it is sent
    again with a new Message-ID, which only a human may decide (a sequence step by the worker, another
    message now)."""
    if not arrived and not (message.kind == Kind.SEQUENCE_STEP and message.enrollment_id is not None):
        return _message_resend(message=message, by=by)
    return _message_settle(message=message, arrived=arrived, by=by)


def _message_resend(*, message: OutboundMessage, by) -> OutboundMessage:
    """1. Still ``unknown`` and still allowed (the candidate may have unsubscribed meanwhile)?
    2. A new Message-ID and its bytes, committed as ``sending``. 3. The transport and the outcome."""
    now = clock.now()
    if message.status != OutboundMessage.Status.UNKNOWN:
        raise ValueError("only a message whose fate is unknown can be resolved")
    candidate = message.candidate
    decision = contact_allowed(candidate, message.kind, now)
    if not decision:
        raise SendRefused(decision.reason)
    message.message_id = mime.new_message_id(message.from_email)
    attachments = [
        Attachment(a.content_type, a.filename, bytes(a.content)) for a in message.attachments.all()
    ]
    try:
        message.raw = message_bytes(message, date=now, attachments=attachments)
    except mime.HeaderInjection as exc:
        raise SendRefused(str(exc)) from exc
    message.status, message.attempts, message.last_error = (
        OutboundMessage.Status.SENDING,
        message.attempts + 1,
        "",
    )
    message.claimed_by, message.claimed_until = "manual", now + MESSAGE_LEASE
    if not OutboundMessage.objects.filter(pk=message.pk, status=OutboundMessage.Status.UNKNOWN).update(
        status=message.status,
        message_id=message.message_id,
        raw=message.raw,
        attempts=message.attempts,
        last_error="",
        claimed_by=message.claimed_by,
        claimed_until=message.claimed_until,
    ):
        raise ValueError("only a message whose fate is unknown can be resolved")
    return _deliver_and_record(message, candidate=candidate, campaign=message.campaign, by=by, data=None)


@transaction.atomic
def _message_settle(*, message: OutboundMessage, arrived: bool, by=None) -> OutboundMessage:
    from . import engine

    if message.status != OutboundMessage.Status.UNKNOWN:
        raise ValueError("only a message whose fate is unknown can be resolved")
    now = clock.now()
    step_message = message.kind == Kind.SEQUENCE_STEP and message.enrollment_id is not None
    if arrived:
        message.status, message.sent_at = OutboundMessage.Status.SENT, message.sent_at or now
        message.save(update_fields=["status", "sent_at"])
        if step_message:
            engine.after_sent_manually(message=message, at=message.sent_at)
        else:
            candidates_mark_contacted(ids=[message.candidate_id], at=message.sent_at)
    elif step_message:
        # Sent again as a new message: if the first one did arrive after all, the candidate's mail client
        # and the reply matching tell the two apart.
        message.message_id = mime.new_message_id(message.from_email)
        message.status, message.next_attempt_at = OutboundMessage.Status.SCHEDULED, now
        message.last_error = "to send again (asked by hand)"
        message.save(update_fields=["status", "next_attempt_at", "message_id", "last_error"])
    return message
