"""Step 2: decide, for one claimed enrollment, what its next step does now: nothing yet (outside the window,
contact pressure, a mailbox's rhythm), a task, an end, or an email (a ``Pending`` message, not yet saved)."""

import datetime as dt
import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Field
from django.db.models.base import ModelState
from django.urls import reverse

from vivier.lib import tz as tzlib
from vivier.lib.signing import unsubscribe_token
from vivier.mail import mime, transport
from vivier.pool.services import timeline_add

from .. import services
from ..history import EventKind, task_event_params
from ..models import Enrollment, OutboundMessage, Step, Task
from ..outbox import MESSAGE_LEASE, contact_allowed, message_bytes, sender_for
from ..rendering import render_step
from .claim import backoff, release, worker_id


@lru_cache(maxsize=8)
def _unsubscribe_prefix(base_url: str) -> tuple[str, str]:
    before, _, after = reverse("mail:unsubscribe", args=["TOKEN"]).partition("TOKEN")
    return base_url + before, after


def unsubscribe_url(candidate, message_public_id) -> str:
    token = unsubscribe_token(str(candidate.public_id), str(message_public_id))
    before, after = _unsubscribe_prefix(settings.BASE_URL)
    return before + token + after


def footer(language: str, url: str) -> str:
    if language == "en":
        return f"\n\n--\nTo stop receiving my messages: {url}"
    return f"\n\n--\nPour ne plus recevoir mes messages : {url}"


def step_key(enrollment_id: int, position: int) -> str:
    """A sequence step's idempotency key: one message per enrollment and step."""
    return f"step:{enrollment_id}:{position}"


@dataclass
class Pending:
    enrollment: Enrollment
    step: Step
    message: OutboundMessage
    email: bytes  # the message as handed to SMTP
    outcome: transport.Outcome | None = None


def sequence_steps(cache: dict, sequence_id: int) -> list[Step]:
    if sequence_id not in cache:
        cache[sequence_id] = list(Step.objects.filter(sequence_id=sequence_id).order_by("position"))
    return cache[sequence_id]


def decide_one(enrollment: Enrollment, now: dt.datetime, cache: dict) -> Pending | None:
    campaign, candidate = enrollment.campaign, enrollment.candidate
    # claim_due skips the enrollments an erasure kept, unlinked, for the campaign's figures.
    assert candidate is not None
    team = campaign.team
    steps = sequence_steps(cache, campaign.sequence_id)
    if candidate.unsubscribed_at:
        services.enrollment_transition(
            enrollment=enrollment, state=Enrollment.State.UNSUBSCRIBED, at=now, reason="unsubscribed"
        )
        return None
    if enrollment.next_position >= len(steps):
        services.enrollment_finish(enrollment=enrollment, at=now)
        return None
    step = steps[enrollment.next_position]
    zone = services.candidate_zone(candidate, team)
    window = step.window(zone=zone, country=team.holidays)
    # Same instant, zone and step for most of a batch: the window is computed once for them.
    key = ("window", zone, step.pk, team.holidays)
    if key not in cache:
        cache[key] = tzlib.next_in_window(now, **window)
    opens = cache[key]
    if opens > now:
        release(enrollment, next_at=opens)
        return None
    rendered = render_step(
        step=step,
        candidate=candidate,
        job=campaign.job,
        owner=campaign.owner,
        mailbox=campaign.mailbox,
        hook=enrollment.hook,
    )
    if not rendered.ok:
        problems = [f"missing {m}" for m in rendered.missing] + rendered.errors
        backoff(enrollment, now, f"step {step.position + 1} cannot be rendered: {'; '.join(problems)}")
        return None
    if step.channel != Step.Channel.EMAIL:
        make_task(enrollment, step, rendered, now)
        return None
    allowed = contact_allowed(candidate, OutboundMessage.Kind.SEQUENCE_STEP, now)
    if not allowed:
        if allowed.earliest is None:
            # Only an unsubscription refuses for good, and it was handled above; a rule a later app adds
            # that refuses without a date is asked again after the usual back-off.
            backoff(enrollment, now, f"step {step.position + 1} held: {allowed.reason}")
        else:
            release(enrollment, next_at=tzlib.next_in_window(allowed.earliest, **window))
        return None
    to = getattr(enrollment, "usable_email", None)
    if to is None:
        to = services.usable_email(candidate)
    if not to:
        services.enrollment_transition(
            enrollment=enrollment, state=Enrollment.State.BOUNCED, at=now, reason="no valid email address"
        )
        return None
    mailbox = campaign.mailbox
    sender = sender_for(mailbox=mailbox, owner=campaign.owner)
    subject, in_reply_to, references = rendered.subject, "", ""
    if step.same_thread and enrollment.thread_root_id:
        base = enrollment.thread_subject
        subject = base if base.lower().startswith("re:") else f"Re: {base}"
        refs = enrollment.thread_refs.split()
        in_reply_to, references = refs[-1], " ".join(refs[-10:])
    message = new_message(
        public_id=uuid.uuid4(),
        team_id=team.pk,
        enrollment_id=enrollment.pk,
        position=step.position,
        step_id=step.pk,
        candidate_id=candidate.pk,
        campaign_id=campaign.pk,
        mailbox=mailbox,
        kind=OutboundMessage.Kind.SEQUENCE_STEP,
        idempotency_key=step_key(enrollment.pk, step.position),
        transport=sender.transport,
        status=OutboundMessage.Status.QUEUED,
        from_email=sender.from_email,
        from_name=sender.from_name,
        to_email=to,
        to_name=candidate.full_name,
        subject=subject,
        body="",
        in_reply_to=in_reply_to,
        references=references,
        due_at=enrollment.next_at or now,
        claimed_by=worker_id(),
        claimed_until=now + MESSAGE_LEASE,
        created_at=now,
        attempts=1,
    )
    try:
        message.message_id = mime.new_message_id(sender.from_email)
        message.unsubscribe_url = unsubscribe_url(candidate, message.public_id)
        body = rendered.body
        if "unsubscribe_url" not in (step.body_fr + step.body_en):
            body += footer(candidate.preferred_language, message.unsubscribe_url)
        message.body = body
        email = message.raw = message_bytes(message, date=now)
    except mime.HeaderInjection as exc:
        undeliverable(enrollment, message, now, str(exc))
        return None
    return Pending(enrollment=enrollment, step=step, message=message, email=email)


def undeliverable(enrollment: Enrollment, message: OutboundMessage, now: dt.datetime, error: str) -> None:
    """A message that no retry can send (an address or header the message format refuses): it is recorded
    ``failed`` in the outbox, the candidate's timeline says why, and the enrollment ends, instead of backing
    off for ever."""
    assert enrollment.candidate is not None  # a claimed enrollment (see decide_one)
    message.status, message.last_error = OutboundMessage.Status.FAILED, f"refused: {error}"[:2000]
    message.claimed_by, message.claimed_until, message.raw = "", None, b""
    if not message.message_id:
        message.message_id = f"<{message.public_id}@vivier.invalid>"
    with transaction.atomic():
        if not Enrollment.objects.filter(
            pk=enrollment.pk, state=Enrollment.State.ACTIVE, claimed_by=enrollment.claimed_by
        ).exists():
            return
        OutboundMessage.objects.bulk_create([message], ignore_conflicts=True)
        timeline_add(
            candidate=enrollment.candidate,
            kind=EventKind.MESSAGE_OUT,
            at=now,
            params={
                "message": str(message.public_id),
                "status": "failed",
                "to": message.to_email,
                "error": message.last_error[:300],
            },
        )
        services.enrollment_transition(
            enrollment=enrollment,
            state=Enrollment.State.ENDED,
            at=now,
            reason=f"could not send: {message.last_error}"[:200],
        )


@lru_cache(maxsize=1)
def _message_columns() -> tuple:
    """(attname, field) of every OutboundMessage column, in the order the model's __init__ takes them."""
    return tuple((f.attname, f) for f in OutboundMessage._meta.concrete_fields)


@lru_cache(maxsize=1)
def _message_defaults() -> tuple[dict, tuple]:
    """({attname: default} of the columns whose default is a constant, ((attname, field), ...) of those whose
    default is computed on each call), as ``Model.__init__`` would fill them."""
    constant: dict[str, Any] = {}
    computed: list[tuple[str, Field]] = []
    for name, f in _message_columns():
        if f.primary_key:
            constant[name] = None
        elif f.has_default() and callable(f.default):
            computed.append((name, f))
        else:
            constant[name] = f.get_default()
    return constant, tuple(computed)


def new_message(*, mailbox, **values) -> OutboundMessage:
    """An unsaved OutboundMessage, filled as ``OutboundMessage(**values)`` would be but without
    ``Model.__init__``'s per-field work; ``mailbox`` is cached on it so reading ``message.mailbox`` makes no
    query."""
    values["mailbox_id"] = mailbox.pk if mailbox is not None else None
    constant, computed = _message_defaults()
    row = {**constant, **values}
    for name, f in computed:
        if name not in values:
            row[name] = f.get_default()
    message = OutboundMessage.__new__(OutboundMessage)
    row["_state"] = ModelState()  # adding, no database yet: a new instance
    message.__dict__.update(row)
    OutboundMessage.mailbox.field.set_cached_value(message, mailbox)
    return message


def make_task(enrollment: Enrollment, step: Step, rendered, now: dt.datetime) -> None:
    candidate, campaign = enrollment.candidate, enrollment.campaign
    assert candidate is not None  # a claimed enrollment (see decide_one)
    with transaction.atomic():
        if not Enrollment.objects.filter(
            pk=enrollment.pk, state=Enrollment.State.ACTIVE, claimed_by=enrollment.claimed_by
        ).update(next_position=step.position + 1, next_at=None, claimed_by="", claimed_until=None):
            return
        task, created = Task.objects.get_or_create(
            enrollment=enrollment,
            position=step.position,
            defaults={
                "team_id": enrollment.team_id,
                "candidate": candidate,
                "kind": step.channel,
                "owner": campaign.owner or candidate.owner,
                "params": {
                    "name": candidate.full_name,
                    "campaign_name": campaign.name,
                    "step": step.position + 1,
                },
                "body": "\n\n".join(p for p in (rendered.subject, rendered.body) if p),
                "due_at": now,
                "created_at": now,
            },
        )
        if created:
            timeline_add(
                candidate=candidate,
                kind=EventKind.TASK,
                at=now,
                params=task_event_params(task, campaign=str(campaign.public_id)),
            )
