"""The team's classifier with its corrections; a recruiter relabels, attaches or closes a reply."""

from __future__ import annotations

import time

from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils.translation import gettext

from vivier.lib import clock
from vivier.pool.models import Candidate
from vivier.pool.services import timeline_add
from vivier.replies.understanding import default_classifier
from vivier.replies.understanding.classifier import Classifier
from vivier.replies.understanding.rules import INTENTS
from vivier.sequences.models import OutboundMessage
from vivier.sequences.outbox import Decision

from ..history import EventKind
from ..models import HOLDING_INTENTS, InboundMessage, Reply
from ..threads import Match, candidate_match
from .effects import _arrived, apply_checked_effects, apply_effects

# --- The classifier, with the team's corrections ----------------------------------------------------

_classifiers: dict[int, tuple[tuple, Classifier, float]] = {}
# How long a worker trusts its cached classifier before checking for corrections made elsewhere (a correction
# made in this process invalidates it at once).
CLASSIFIER_RECHECK_SECONDS = 30.0


def correction_examples(*, team) -> list[dict]:
    """The team's corrected replies as training examples (the understanding package's format)."""
    rows = (
        Reply.objects.filter(team=team, corrected_at__isnull=False)
        .select_related("inbound")
        .order_by("corrected_at", "id")
    )
    return [
        {
            "text": r.inbound.text or r.inbound.visible_text,
            "subject": r.inbound.subject,
            "intent": r.intent,
            "reason": r.reason or None,
        }
        for r in rows
        if r.intent in INTENTS
    ]


def reply_classifier(*, team) -> Classifier:
    """The bundled classifier, retrained with this team's corrections when it has any (cached until the next
    correction). A team's corrections only teach that team's classifier: candidates' words stay in it."""
    if team is None:
        return default_classifier()
    cached = _classifiers.get(team.pk)
    if cached is not None and time.monotonic() - cached[2] < CLASSIFIER_RECHECK_SECONDS:
        return cached[1]
    rows = Reply.objects.filter(team=team, corrected_at__isnull=False)
    stats = rows.aggregate(last=Max("corrected_at"), n=Count("id"))
    key = (stats["n"], stats["last"])
    if cached is not None and cached[0] == key:
        _classifiers[team.pk] = (key, cached[1], time.monotonic())
        return cached[1]
    classifier = (
        default_classifier() if not stats["n"] else Classifier(extra_examples=correction_examples(team=team))
    )
    _classifiers[team.pk] = (key, classifier, time.monotonic())
    return classifier


# --- What recruiters do in the inbox ------------------------------------------------------------------

VALID_INTENTS = {value for value, _ in Reply._meta.get_field("intent").choices}


@transaction.atomic
def reply_correct(*, reply: Reply, intent: str, reason: str | None = None, by=None) -> Reply:
    """A recruiter's label replaces the classifier's; the effects follow the new label and the correction
    becomes a training example for the team's classifier."""
    if intent not in VALID_INTENTS:
        raise ValueError(f"unknown intent {intent!r}")
    from vivier.replies.understanding.rules import REASONS

    if reason and reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    if reply.awaits_check and intent == reply.intent:
        # Picking the preselected best guess of a reply to check is confirming it.
        return reply_confirm(reply=reply, reason=reason, by=by)
    at = clock.now()
    previous = reply.intent
    checking = reply.awaits_check
    reply.intent = intent
    reply.reason = (
        (reason or (reply.reason if intent == previous else "")) if intent == "not_interested" else ""
    )
    reply.corrected_by, reply.corrected_at = by, at
    if checking:
        reply.check_state, reply.checked_at, reply.checked_by = Reply.Check.RELABELLED, at, by
    reply.save()
    _classifiers.pop(reply.team_id, None)  # the next reply of this team is read with this correction
    if reply.candidate_id and (intent != previous or intent == "not_interested"):
        apply_effects(reply=reply, at=at, previous=previous, actor=by)
        if checking:
            _checked_event(reply, previous=previous, at=at, by=by)
        else:
            timeline_add(
                candidate=reply.candidate,
                kind=EventKind.RELABELLED,
                actor=by,
                at=at,
                params={"reply": str(reply.public_id), "from": previous, "to": intent},
            )
    return reply


def _checked_event(reply: Reply, *, previous: str, at, by) -> None:
    timeline_add(
        candidate=reply.candidate,
        kind=EventKind.CHECKED,
        actor=by,
        at=at,
        params={
            "reply": str(reply.public_id),
            "from": previous,
            "to": reply.intent,
            "confirmed": reply.intent == previous,
            # A paused person whose reply turned out not to say stop may be written to again.
            "resumed": previous in HOLDING_INTENTS
            and reply.intent not in HOLDING_INTENTS
            and not candidate_sending_held(candidate_id=reply.candidate_id),
        },
    )


@transaction.atomic
def reply_confirm(*, reply: Reply, reason: str | None = None, by=None) -> Reply:
    """A recruiter confirms the best guess of a reply to check: what waited for the click (the opt-out, the
    decline reason) applies now, and the pause it put on sending ends."""
    if not reply.awaits_check:
        raise ValueError("this reply is not waiting to be checked")
    from vivier.replies.understanding.rules import REASONS

    if reason and reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    at = clock.now()
    if reply.intent == "not_interested" and reason:
        reply.reason = reason
    reply.check_state, reply.checked_at, reply.checked_by = Reply.Check.CONFIRMED, at, by
    reply.save()
    if reply.candidate_id:
        apply_checked_effects(reply=reply, at=at)
        _checked_event(reply, previous=reply.intent, at=at, by=by)
    return reply


# Asked before every message Vivier sends: one indexed lookup without the ORM's per-query work, the state written
# as a literal so that SQLite can use the partial index reply_candidate_to_check.
_HELD_SQL = (
    f"SELECT 1 FROM {Reply._meta.db_table} WHERE candidate_id = %s AND check_state = 'pending' "
    f"AND intent IN ({', '.join(['%s'] * len(HOLDING_INTENTS))}) LIMIT 1"
)


def candidate_sending_held(*, candidate_id) -> bool:
    """Whether a reply that may say stop waits to be checked."""
    with connection.cursor() as cursor:
        cursor.execute(_HELD_SQL, [candidate_id, *HOLDING_INTENTS])
        return cursor.fetchone() is not None


def sending_held(candidate: Candidate, kind: str, at) -> Decision | None:
    """Send rule (``contact_rule_register``): nothing goes to a person whose reply may have said stop until a
    recruiter has checked it; the privacy notice the law requires aside, as for an unsubscription."""
    if kind == OutboundMessage.Kind.NOTICE or candidate.pk is None:
        return None
    if candidate_sending_held(candidate_id=candidate.pk):
        return Decision(False, "a reply that may say stop is waiting to be checked")
    return None


@transaction.atomic
def reply_attach(*, reply: Reply, candidate: Candidate, by=None) -> Reply:
    """Give an unmatched message its candidate (same team); the effects of its label then apply."""
    if reply.team_id is not None and candidate.team_id != reply.team_id:
        raise ValueError("the candidate belongs to another team")
    if reply.candidate_id:
        raise ValueError(gettext("This message already belongs to a candidate."))
    at = clock.now()
    match: Match = candidate_match(
        team=candidate.team, candidate=candidate, subject=reply.inbound.subject, how=Reply.MatchedBy.MANUAL
    )
    reply.team_id = candidate.team_id
    reply.candidate, reply.enrollment, reply.campaign, reply.outbound = (
        candidate,
        match.enrollment,
        match.campaign,
        match.outbound,
    )
    reply.matched_by = Reply.MatchedBy.MANUAL
    reply.save()
    InboundMessage.objects.filter(pk=reply.inbound_id, team__isnull=True).update(team_id=candidate.team_id)
    _arrived(reply, at)
    apply_effects(reply=reply, at=at, actor=by)
    return reply


def reply_set_done(*, reply: Reply, done: bool, by=None) -> Reply:
    at = clock.now()
    reply.done_at, reply.done_by = (at, by) if done else (None, None)
    reply.save(update_fields=["done_at", "done_by"])
    return reply
