"""What a reply does to its enrollment, candidate and tasks."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings

from vivier.lib import tz as tzlib
from vivier.lib.datesfr import first_business_day
from vivier.pool.models import Candidate, CandidateEmail
from vivier.pool.services import candidate_reply_record, timeline_add
from vivier.sequences import services as seq
from vivier.sequences.history import EventKind as SequenceEvent
from vivier.sequences.history import task_event_params
from vivier.sequences.models import Enrollment, Task
from vivier.sequences.selectors import candidate_in_active_campaign

from ..history import EventKind
from ..models import DeclineRecord, Reply

REPLY_NOW = ("interested", "more_info", "slot_choice")
POSITIVE = ("interested", "more_info")
NOT_HUMAN = ("out_of_office", "bounce")
DEFAULT_LATER = relativedelta(months=6)


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
        _human(reply, enrollment, at, actor, first=previous is None)
    reply.save()
    if previous is None and reply.awaits_check:
        timeline_add(
            candidate=candidate,
            kind=EventKind.TO_CHECK,
            at=at,
            params={
                "reply": str(reply.public_id),
                "intent": reply.intent,
                "reason": reply.reason or None,
                "slot": reply.chosen_slot,
                "paused": reply.holds_sending,
            },
        )
    candidate_engagement_refresh(candidate=candidate, at=at)


def apply_checked_effects(*, reply: Reply, at: dt.datetime) -> None:
    """A recruiter confirmed a reply that was waiting to be checked: what waited for the click applies now (the
    opt-out, the decline reason). The sequence was stopped when the reply arrived; a booking is the funnel's."""
    candidate = reply.candidate
    if candidate is None:
        return
    if reply.intent == "unsubscribe":
        seq.candidate_unsubscribe(candidate=candidate, at=at, via="reply")
    elif reply.intent == "not_interested":
        _decline_record(reply)
    candidate_engagement_refresh(candidate=candidate, at=at)


def _human(
    reply: Reply, enrollment: Enrollment | None, at: dt.datetime, actor, *, first: bool = True
) -> None:
    candidate, intent = reply.candidate, reply.intent
    # A doubtful reading waits for a recruiter before its hard-to-undo effect (opt-out, decline reason);
    # meanwhile the send rule ``sending_held`` pauses every message to the person.
    waits = reply.awaits_check
    # 1. Any human reply stops the sequence at once (the engine re-checks the state at commit time).
    if intent == "unsubscribe" and not waits:
        seq.candidate_unsubscribe(candidate=candidate, at=at, via="reply")
    else:
        if (enrollment is None or enrollment.state != Enrollment.State.ACTIVE) and first:
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
    elif intent == "not_interested" and not waits:
        _decline_record(reply)


def _decline_record(reply: Reply) -> None:
    DeclineRecord.objects.update_or_create(
        reply=reply,
        defaults={
            "team_id": reply.candidate.team_id,
            "candidate": reply.candidate,
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
