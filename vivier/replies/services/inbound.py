"""The worker step that threads, records and understands inbound mail."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from vivier.lib import clock
from vivier.lib.datesfr import first_business_day
from vivier.replies.understanding.classifier import TO_CHECK_BELOW

from ..models import InboundMessage, Reply
from ..slots import offered_slots
from ..threads import thread_message
from .corrections import reply_classifier
from .effects import _arrived, apply_effects

log = logging.getLogger("vivier.replies")

LEASE = dt.timedelta(minutes=2)
BACKOFF = dt.timedelta(minutes=10)


# --- The worker step ---------------------------------------------------------------------------------


def _claim(now: dt.datetime) -> int | None:
    free = Q(handle_claimed_until__isnull=True) | Q(handle_claimed_until__lt=now)
    with transaction.atomic():
        # Uses index inbound_to_handle (status, handled_at).
        qs = (
            InboundMessage.objects.filter(status=InboundMessage.Status.PROCESSED, handled_at__isnull=True)
            .filter(free)
            .order_by("id")
        )
        if connection.vendor == "postgresql":
            qs = qs.select_for_update(skip_locked=True)
        pk = qs.values_list("pk", flat=True).first()
        if pk is None:
            return None
        won = (
            InboundMessage.objects.filter(pk=pk, handled_at__isnull=True)
            .filter(free)
            .update(handle_claimed_until=now + LEASE)
        )
    return pk if won else 0


def handle_one_inbound() -> bool:
    """Claim one parsed, not yet handled inbound message; thread it, understand it, apply its effects.
    True when something was done. A failure is recorded on the message, which is retried after a pause."""
    now = clock.now()
    pk = _claim(now)
    if pk is None:
        return False
    if pk == 0:
        return True  # another worker took it
    message = InboundMessage.objects.get(pk=pk)
    try:
        with transaction.atomic():
            reply_record(message=message, at=now)
            InboundMessage.objects.filter(pk=pk).update(
                handled_at=now, handle_claimed_until=None, handle_error=""
            )
    except Exception as exc:  # noqa: BLE001 - one bad message must not stop the worker or lose the others
        log.exception("inbound message %s could not be handled", message.public_id)
        InboundMessage.objects.filter(pk=pk).update(
            handle_claimed_until=now + BACKOFF, handle_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
    return True


def inbound_handle(*, message: InboundMessage) -> Reply | None:
    """Handle one stored message now rather than waiting for the worker (the demo's "reply as the
    candidate"); a message the worker already took is left to it."""
    now = clock.now()
    if message.status != InboundMessage.Status.PROCESSED:
        return None
    free = Q(handle_claimed_until__isnull=True) | Q(handle_claimed_until__lt=now)
    if (
        not InboundMessage.objects.filter(pk=message.pk, handled_at__isnull=True)
        .filter(free)
        .update(handle_claimed_until=now + LEASE)
    ):
        return Reply.objects.filter(inbound=message).first()
    with transaction.atomic():
        reply = reply_record(message=message, at=now)
        InboundMessage.objects.filter(pk=message.pk).update(
            handled_at=now, handle_claimed_until=None, handle_error=""
        )
    return reply


def reply_record(*, message: InboundMessage, at: dt.datetime | None = None) -> Reply:
    """Thread, classify and store the Reply of one parsed message, then apply its effects (idempotent: a
    message already recorded returns its Reply)."""
    at = at or clock.now()
    existing = Reply.objects.filter(inbound=message).first()
    if existing is not None:
        return existing
    match = thread_message(message)
    team = match.team
    intent, reason, recontact, slot, confidence, lang, doubtful = _understand(message, team, match.candidate)
    reply = Reply.objects.create(
        team=team,
        inbound=message,
        candidate=match.candidate,
        enrollment=match.enrollment,
        campaign=match.campaign,
        outbound=match.outbound,
        matched_by=match.matched_by,
        intent=intent,
        predicted_intent=intent,
        reason=reason,
        predicted_reason=reason,
        recontact_after=recontact,
        chosen_slot=slot,
        confidence=confidence,
        lang=lang,
        check_state=Reply.Check.PENDING if doubtful else Reply.Check.NONE,
        received_at=message.received_at,
        created_at=at,
    )
    if message.team_id is None and team is not None:
        InboundMessage.objects.filter(pk=message.pk, team__isnull=True).update(team=team)
    if reply.candidate_id:
        _arrived(reply, at)
        apply_effects(reply=reply, at=at)
    return reply


def check_below() -> float:
    """The confidence under which a hard-to-undo reading waits for a recruiter (``VIVIER_REPLY_CHECK_BELOW``,
    default the classifier's ``TO_CHECK_BELOW``)."""
    return float(getattr(settings, "VIVIER_REPLY_CHECK_BELOW", TO_CHECK_BELOW))


def _understand(message: InboundMessage, team, candidate=None):
    """(intent, reason, recontact, slot, confidence, lang, doubtful): ``doubtful`` is a reading with a
    hard-to-undo effect below the classifier's confidence threshold (the reply is "to check")."""
    if message.kind == InboundMessage.Kind.BOUNCE:
        return "bounce", "", None, None, 1.0, message.lang or "", False
    classifier = reply_classifier(team=team)
    written_at = message.sent_at or message.received_at
    u = classifier.classify(
        text=message.text or message.visible_text,
        subject=message.subject,
        received_at=written_at,
        offered_slots=offered_slots(candidate=candidate, at=written_at) or None,
        lang=None,
    )
    intent = u.intent
    recontact = u.recontact_after
    if message.kind == InboundMessage.Kind.AUTO_REPLY and intent not in ("unsubscribe",):
        intent = "out_of_office"  # a robot wrote it: whatever the words, nobody answered yet
    if intent == "out_of_office":
        # The classifier also reads the subject and the away spans; the parser's date is the fallback.
        recontact = recontact or message.return_date
        recontact = first_business_day(recontact) if recontact else None
    return (
        intent,
        u.reason or "",
        recontact,
        u.chosen_slot,
        float(u.confidence),
        u.lang or message.lang or "",
        intent == u.intent and u.needs_check(check_below()),
    )
