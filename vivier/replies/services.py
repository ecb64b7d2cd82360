"""What a reply does: the worker step that threads and understands inbound mail, and the services that apply
a reply's effects, correct its label, attach it to a candidate, answer it and follow up the yes.

    handle_one_inbound() -> bool                       worker handler (VIVIER_WORKER_HANDLERS)
    reply_correct(*, reply, intent, reason=None, by)   a recruiter relabels; the effects follow
    reply_attach(*, reply, candidate, by)              an unmatched message gets its candidate
    reply_set_done(*, reply, done, by)
    inbound_handle(*, message) -> Reply | None         handle one stored message now (demo)
    reply_send(*, reply, body, by) -> OutboundMessage  quick reply in the same thread
    campaign_follow_up(*, campaign, sequence, by, name="") -> (Campaign, Review)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max, Q

from vivier.lib import clock
from vivier.lib import tz as tzlib
from vivier.lib.datesfr import first_business_day
from vivier.pool.models import Candidate, CandidateEmail
from vivier.pool.services import candidate_reply_record, timeline_add
from vivier.replies.understanding import default_classifier
from vivier.replies.understanding.classifier import Classifier
from vivier.replies.understanding.rules import INTENTS
from vivier.sequences import services as seq
from vivier.sequences.history import EventKind as SequenceEvent
from vivier.sequences.history import task_event_params
from vivier.sequences.models import Campaign, Enrollment, OutboundMessage, Task
from vivier.sequences.outbox import SendRefused, message_send
from vivier.sequences.selectors import candidate_in_active_campaign

from .history import EventKind
from .models import DeclineRecord, InboundMessage, Reply
from .threads import Match, candidate_match, thread_message

log = logging.getLogger("vivier.replies")

LEASE = dt.timedelta(minutes=2)
BACKOFF = dt.timedelta(minutes=10)
REPLY_NOW = ("interested", "more_info", "slot_choice")
POSITIVE = ("interested", "more_info")
NOT_HUMAN = ("out_of_office", "bounce")
DEFAULT_LATER = relativedelta(months=6)
# Manual replies share the outbound table with sequence steps; their positions start here so that the
# (enrollment, position) at-most-once key never collides with a step.


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
    intent, reason, recontact, slot, confidence, lang = _understand(message, team)
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
        received_at=message.received_at,
        created_at=at,
    )
    if message.team_id is None and team is not None:
        InboundMessage.objects.filter(pk=message.pk, team__isnull=True).update(team=team)
    if reply.candidate_id:
        _arrived(reply, at)
        apply_effects(reply=reply, at=at)
    return reply


def _understand(message: InboundMessage, team):
    if message.kind == InboundMessage.Kind.BOUNCE:
        return "bounce", "", None, None, 1.0, message.lang or ""
    classifier = reply_classifier(team=team)
    u = classifier.classify(
        text=message.text or message.visible_text,
        subject=message.subject,
        received_at=message.sent_at or message.received_at,
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
    )


def _arrived(reply: Reply, at: dt.datetime) -> None:
    """The candidate's timeline gets the message, matched to a campaign or not."""
    message = reply.inbound
    text = (message.visible_text or message.text or "").strip()
    timeline_add(
        candidate=reply.candidate,
        kind=EventKind.MESSAGE_IN,
        at=message.received_at,
        params={
            "text": text[:300],
            "reply": str(reply.public_id),
            "inbound": str(message.public_id),
            "intent": reply.intent,
            "campaign": str(reply.campaign.public_id) if reply.campaign_id else None,
            "subject": message.subject[:300],
            "message_id": message.message_id,
        },
    )


# --- Effects -------------------------------------------------------------------------------------------


def _task_kind(intent: str) -> str | None:
    if intent in REPLY_NOW:
        return Task.Kind.REPLY
    if intent == "referral":
        return Task.Kind.REFERRAL
    if intent == "later":
        return Task.Kind.REMINDER
    return None


def _owner(reply: Reply):
    if reply.campaign_id and reply.campaign.owner_id:
        return reply.campaign.owner
    return reply.candidate.owner


def _morning(day: dt.date, team) -> dt.datetime:
    return tzlib._at_wall(day, dt.time(9, 0), tzlib.zone(team.time_zone))


def apply_effects(*, reply: Reply, at: dt.datetime, previous: str | None = None, actor=None) -> None:
    """Apply what ``reply.intent`` means (docs/replies.md). With ``previous`` (a correction),
    undo what the old label created and can be undone (its open task, its decline record); what cannot be
    re-opened (a stopped sequence, a suppression) stays as it is."""
    candidate = reply.candidate
    if candidate is None:
        return
    intent = reply.intent
    enrollment = (
        Enrollment.objects.select_related("campaign__team", "campaign__sequence", "candidate")
        .filter(pk=reply.enrollment_id)
        .first()
        if reply.enrollment_id
        else None
    )

    if previous is not None:
        if (
            previous == "later"
            and intent != "later"
            and reply.task_id
            and reply.task.kind == Task.Kind.REMINDER
        ):
            # The snooze this reply set was a misreading: lift it, or the candidate could not be followed up.
            Candidate.objects.filter(pk=candidate.pk, snoozed_until=reply.task.due_at).update(
                snoozed_until=None
            )
            candidate.refresh_from_db(fields=["snoozed_until"])
        if reply.task_id and reply.task.done_at is None and reply.task.kind != _task_kind(intent):
            Task.objects.filter(pk=reply.task_id, done_at__isnull=True).delete()
            reply.task = None
        if previous == "not_interested" and intent != "not_interested":
            DeclineRecord.objects.filter(reply=reply).delete()

    if intent == "bounce":
        _bounce(reply, enrollment, at)
    elif intent == "out_of_office":
        if previous is None and enrollment is not None and enrollment.state == Enrollment.State.ACTIVE:
            back = reply.recontact_after or reply.inbound.return_date
            zone = seq.candidate_zone(candidate, enrollment.campaign.team)
            if back is not None:
                # The first business day back is a day the person is at work: the sequence resumes that day.
                until = tzlib._at_wall(first_business_day(back), dt.time(0, 0), zone)
            else:
                until = at + dt.timedelta(days=int(getattr(settings, "VIVIER_OUT_OF_OFFICE_DAYS", 7)))
            seq.enrollment_pause_until(enrollment=enrollment, until=max(until, at))
    else:
        _human(reply, enrollment, at, actor)
    reply.save()
    candidate_engagement_refresh(candidate=candidate, at=at)


def _human(reply: Reply, enrollment: Enrollment | None, at: dt.datetime, actor) -> None:
    candidate, intent = reply.candidate, reply.intent
    # 1. Any human reply stops the sequence at once (the engine re-checks the state at commit time).
    if intent == "unsubscribe":
        seq.candidate_unsubscribe(candidate=candidate, at=at, via="reply")
    else:
        if enrollment is None or enrollment.state != Enrollment.State.ACTIVE:
            # An answer to an older thread (or to no campaign): someone who just wrote to us gets no automatic
            # follow-up from the campaign they are in now either.
            enrollment = (
                Enrollment.objects.select_related("campaign", "candidate")
                .filter(candidate=candidate, state=Enrollment.State.ACTIVE)
                .first()
            )
        if enrollment is not None:
            seq.enrollment_stop_on_reply(enrollment=enrollment, at=at)
    # 2. What this kind of answer asks of the recruiter.
    who = {"name": candidate.full_name or str(candidate.public_id)}
    if reply.campaign_id:
        who["campaign_name"] = reply.campaign.name
    if intent in REPLY_NOW and not (reply.task_id and reply.task.kind == Task.Kind.REPLY):
        reply.task = _task(reply, Task.Kind.REPLY, {**who, "intent": intent}, at)
    elif intent == "referral" and not (reply.task_id and reply.task.kind == Task.Kind.REFERRAL):
        reply.task = _task(reply, Task.Kind.REFERRAL, who, at)
    elif intent == "later" and not (reply.task_id and reply.task.kind == Task.Kind.REMINDER):
        team = candidate.team
        until = _morning(reply.recontact_after, team) if reply.recontact_after else at + DEFAULT_LATER
        reply.task = seq.candidate_snooze(
            candidate=candidate,
            until=max(until, at),
            at=at,
            owner=_owner(reply),
            reason="asked to be contacted later",
            enrollment=reply.enrollment,
        )
    elif intent == "not_interested":
        DeclineRecord.objects.update_or_create(
            reply=reply,
            defaults={
                "team_id": candidate.team_id,
                "candidate": candidate,
                "reason": reply.reason,
                "campaign": reply.campaign,
                "at": reply.received_at,
            },
        )


def _task(reply: Reply, kind: str, params: dict, at: dt.datetime) -> Task:
    text = (reply.inbound.visible_text or reply.inbound.text or "").strip()
    task = Task.objects.create(
        team_id=reply.candidate.team_id,
        candidate=reply.candidate,
        enrollment=reply.enrollment,
        kind=kind,
        owner=_owner(reply),
        params=params,
        body=text[:5000],
        due_at=at,
        created_at=at,
    )
    timeline_add(
        candidate=reply.candidate,
        kind=SequenceEvent.TASK,
        at=at,
        params=task_event_params(task, reply=str(reply.public_id)),
    )
    return task


def _bounce(reply: Reply, enrollment: Enrollment | None, at: dt.datetime) -> None:
    message = reply.inbound
    address = message.bounce_recipient or (reply.outbound.to_email if reply.outbound_id else "")
    if address and message.bounce_permanent is not False:
        CandidateEmail.objects.filter(
            candidate=reply.candidate, email__iexact=address, invalid_at__isnull=True
        ).update(
            invalid_at=at, invalid_reason=f"bounced: {message.bounce_status or 'permanent failure'}"[:300]
        )
    if message.bounce_permanent is False:
        return  # a temporary failure: the address may work tomorrow; the engine retries on its own
    if enrollment is not None and enrollment.state == Enrollment.State.ACTIVE:
        seq.enrollment_transition(
            enrollment=enrollment, state=Enrollment.State.BOUNCED, at=at, reason=f"bounced: {address}"[:200]
        )


def candidate_engagement_refresh(*, candidate: Candidate, at: dt.datetime | None = None) -> None:
    """Recompute the engagement columns segments read from the candidate's replies (human ones only: an
    out-of-office or a bounce is not an answer)."""
    human = (
        Reply.objects.filter(candidate=candidate)
        .exclude(intent__in=NOT_HUMAN)
        .order_by("-received_at", "-id")
        .values("received_at", "intent")
        .first()
    )
    decline = (
        DeclineRecord.objects.filter(candidate=candidate).order_by("-at", "-id").values("reason").first()
    )
    fields = {"in_active_campaign": candidate_in_active_campaign(candidate=candidate)}
    if human is not None:
        fields["last_reply_at"] = human["received_at"]
        fields["last_reply_intent"] = human["intent"]
        activity = candidate.last_candidate_activity_at
        # A reply is the candidate's own action (restarts the retention clock); never moved backwards.
        fields["last_candidate_activity_at"] = (
            max(activity, human["received_at"]) if activity else human["received_at"]
        )
    elif (
        candidate.last_reply_intent
        and Reply.objects.filter(candidate=candidate).exclude(predicted_intent__in=NOT_HUMAN).exists()
    ):
        # The only answer we had counted was relabelled as automatic: nobody answered after all.
        fields["last_reply_intent"] = ""
        fields["last_reply_at"] = None
    if decline is not None:
        fields["last_decline_reason"] = decline["reason"] or ""
    elif (
        candidate.last_decline_reason
        and Reply.objects.filter(candidate=candidate, predicted_intent="not_interested").exists()
    ):
        fields["last_decline_reason"] = ""  # the decline we recorded was a misreading, since corrected
    candidate_reply_record(candidate=candidate, **fields)


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
    at = clock.now()
    previous = reply.intent
    reply.intent = intent
    reply.reason = (
        (reason or (reply.reason if intent == previous else "")) if intent == "not_interested" else ""
    )
    reply.corrected_by, reply.corrected_at = by, at
    reply.save()
    _classifiers.pop(reply.team_id, None)  # the next reply of this team is read with this correction
    if reply.candidate_id and (intent != previous or intent == "not_interested"):
        apply_effects(reply=reply, at=at, previous=previous, actor=by)
        timeline_add(
            candidate=reply.candidate,
            kind=EventKind.RELABELLED,
            actor=by,
            at=at,
            params={"reply": str(reply.public_id), "from": previous, "to": intent},
        )
    return reply


@transaction.atomic
def reply_attach(*, reply: Reply, candidate: Candidate, by=None) -> Reply:
    """Give an unmatched message its candidate (same team); the effects of its label then apply."""
    if reply.team_id is not None and candidate.team_id != reply.team_id:
        raise ValueError("the candidate belongs to another team")
    if reply.candidate_id:
        raise ValueError("this message already belongs to a candidate")
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


class ReplyRefused(ValueError):
    pass


def reply_send(*, reply: Reply, body: str, by=None) -> OutboundMessage:
    """Answer a reply in its thread (In-Reply-To and References), through the campaign's mailbox.

    Goes through the one send path (``message_send``): the row is committed as ``sending`` before the
    transport is called; the outcome is recorded after. A manual reply is never retried automatically.
    """
    body = (body or "").strip()
    if not body:
        raise ReplyRefused("the reply is empty")
    if reply.enrollment_id is None or reply.candidate_id is None:
        raise ReplyRefused("this message belongs to no campaign: answer it from your own mailbox")
    candidate = reply.candidate
    if candidate.unsubscribed_at:
        raise ReplyRefused("the candidate unsubscribed")
    enrollment = Enrollment.objects.select_related(
        "campaign__team", "campaign__owner", "campaign__mailbox__team"
    ).get(pk=reply.enrollment_id)
    campaign = enrollment.campaign
    inbound = reply.inbound
    to = (
        inbound.from_address
        if inbound.kind == InboundMessage.Kind.REPLY and inbound.from_address
        else seq.usable_email(candidate)
    )
    if not to:
        raise ReplyRefused("no address to answer to")
    subject = inbound.subject or enrollment.thread_subject
    subject = subject if subject.lower().startswith("re:") else f"Re: {subject}"
    refs = [r for r in (inbound.references or []) if r]
    in_reply_to = ""
    if inbound.message_id.startswith("<"):
        in_reply_to = inbound.message_id
        refs.append(inbound.message_id)
    try:
        message = message_send(
            team=campaign.team,
            candidate=candidate,
            kind=OutboundMessage.Kind.QUICK_REPLY,
            subject=subject,
            body=body,
            mailbox=campaign.mailbox,
            owner=campaign.owner,
            to_email=to,
            in_reply_to=in_reply_to,
            references=" ".join(refs[-10:]),
            enrollment=enrollment,
            campaign=campaign,
            # The same answer twice to one reply is a double click, not a second message.
            idempotency_key=f"quick_reply:{reply.public_id}:{hashlib.sha256(body.encode()).hexdigest()[:16]}",
            data={"reply_to": str(reply.public_id)},
            by=by,
        )
    except SendRefused as exc:
        raise ReplyRefused(str(exc)) from exc
    if message.status == OutboundMessage.Status.SENT:
        at = message.sent_at
        if reply.done_at is None:
            reply.done_at, reply.done_by = at, by
            reply.save(update_fields=["done_at", "done_by"])
        if reply.task_id:
            Task.objects.filter(pk=reply.task_id, done_at__isnull=True, kind=Task.Kind.REPLY).update(
                done_at=at, done_by=by
            )
    return message


# --- Follow up the yes ---------------------------------------------------------------------------------


def campaign_positive_candidates(*, campaign: Campaign):
    """Candidates whose latest reply to ``campaign`` says yes or asks for more information."""
    latest: dict[int, str] = {}
    for cid, intent in (
        Reply.objects.filter(campaign=campaign, candidate__isnull=False)
        .exclude(intent__in=NOT_HUMAN)
        .order_by("received_at", "id")
        .values_list("candidate_id", "intent")
    ):
        latest[cid] = intent
    ids = [cid for cid, intent in latest.items() if intent in POSITIVE]
    return Candidate.objects.filter(team=campaign.team, pk__in=ids)


def campaign_follow_up(*, campaign: Campaign, sequence, by=None, name: str = ""):
    """Start a new campaign with ``sequence`` for only the candidates who said yes or asked for more.

    A candidate is never in two active campaigns: one still active in ``campaign`` (a reply relabelled from
    out-of-office, say) first leaves it; one active elsewhere is left out by the launch review, with the
    reason. Returns (new campaign, launch review); ``LaunchRefused`` when templates lack values.
    """
    if sequence.team_id != campaign.team_id:
        raise ValueError("the sequence belongs to another team")
    candidates = campaign_positive_candidates(campaign=campaign)
    if not candidates.exists():
        raise ValueError("no candidate said yes or asked for more information in this campaign")
    now = clock.now()
    with transaction.atomic():
        for enrollment in Enrollment.objects.select_related("campaign", "candidate").filter(
            campaign=campaign, candidate__in=candidates, state=Enrollment.State.ACTIVE
        ):
            seq.enrollment_stop(
                enrollment=enrollment, at=now, reason="moved to a follow-up campaign", actor=by
            )
        follow = seq.campaign_create(
            team=campaign.team,
            name=name or f"{campaign.name} – follow-up",
            sequence=sequence,
            job=campaign.job,
            mailbox=campaign.mailbox,
            owner=by or campaign.owner,
        )
        review = seq.campaign_start(campaign=follow, candidates=candidates, by=by)
    return follow, review
