"""An enrollment's life: due times, transitions, stop, pause, snooze, unsubscribe, bounce."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q

from vivier.lib import tz as tzlib
from vivier.pool.models import Candidate
from vivier.pool.services import candidates_set_in_active_campaign, timeline_add

from ..history import EventKind
from ..models import Campaign, Enrollment, OutboundMessage, Sequence, Step, Task
from ..outbox import contact_allowed


class EnrollmentRefused(ValueError):
    pass


# --- Scheduling ----------------------------------------------------------------------------


def candidate_zone(candidate, team):
    return tzlib.zone(candidate.time_zone, team.time_zone)


def step_due_at(*, step: Step, base: dt.datetime, candidate, team, apply_delay: bool = True) -> dt.datetime:
    """When ``step`` is due after ``base`` (the previous send, or the launch): delay, contact pressure, window."""
    zone = candidate_zone(candidate, team)
    due = (
        tzlib.add_delay(base, step.delay, step.delay_unit, tz=zone, country=team.holidays)
        if apply_delay
        else base
    )
    if step.channel == Step.Channel.EMAIL:
        allowed = contact_allowed(candidate, OutboundMessage.Kind.SEQUENCE_STEP, due)
        if not allowed and allowed.earliest is not None:
            due = max(due, allowed.earliest)
    return tzlib.next_in_window(due, **step.window(zone=zone, country=team.holidays))


def enrollment_next_at(*, enrollment: Enrollment, steps: list[Step], base: dt.datetime) -> dt.datetime:
    campaign = enrollment.campaign
    if enrollment.next_position < len(steps):
        return step_due_at(
            step=steps[enrollment.next_position],
            base=base,
            candidate=enrollment.candidate,
            team=campaign.team,
        )
    return base + dt.timedelta(days=campaign.sequence.end_wait_days)


# --- Enrollment transitions ----------------------------------------------------------------


def _campaign_finish_if_done(campaign_id: int, at: dt.datetime) -> None:
    if not Enrollment.objects.filter(campaign_id=campaign_id, state=Enrollment.State.ACTIVE).exists():
        Campaign.objects.filter(
            pk=campaign_id, status__in=[Campaign.Status.RUNNING, Campaign.Status.PAUSED]
        ).update(status=Campaign.Status.FINISHED, finished_at=at)


def enrollment_transition(
    *, enrollment: Enrollment, state: str, at: dt.datetime, reason: str = "", actor=None
) -> bool:
    """Move an active enrollment to an end state. Conditional UPDATE: the worker's send-time check and this
    transition cannot both win. Cancels a message waiting for a retry. Returns False if it was not active."""
    if state not in Enrollment.TRANSITIONS[Enrollment.State.ACTIVE]:
        raise ValueError(f"unknown end state {state!r}")
    with transaction.atomic():
        changed = Enrollment.objects.filter(pk=enrollment.pk, state=Enrollment.State.ACTIVE).update(
            state=state,
            state_changed_at=at,
            next_at=None,
            stop_reason=reason[:200],
            claimed_by="",
            claimed_until=None,
        )
        if not changed:
            return False
        OutboundMessage.objects.filter(
            enrollment_id=enrollment.pk, status=OutboundMessage.Status.SCHEDULED
        ).update(status=OutboundMessage.Status.CANCELLED, last_error=f"cancelled: {state}")
        Task.objects.filter(
            enrollment_id=enrollment.pk, done_at__isnull=True, kind__in=[Task.Kind.LINKEDIN, Task.Kind.CALL]
        ).delete()
        candidates_set_in_active_campaign(ids=[enrollment.candidate_id], active=False)
        enrollment.state, enrollment.state_changed_at, enrollment.next_at = state, at, None
        enrollment.stop_reason = reason[:200]
        campaign = enrollment.campaign
        timeline_add(
            candidate=enrollment.candidate,
            kind=EventKind.ENROLLMENT,
            actor=actor,
            at=at,
            params={
                "enrollment": str(enrollment.public_id),
                "campaign": str(campaign.public_id),
                "campaign_name": campaign.name,
                "state": state,
                **({"reason": reason} if reason else {}),
            },
        )
        _campaign_finish_if_done(campaign.pk, at)
    return True


def enrollment_stop_on_reply(*, enrollment: Enrollment, at: dt.datetime) -> bool:
    """A human answered: no further step, at once (a message already handed to SMTP cannot be recalled;
    one not yet committed as ``sending`` never will be)."""
    return enrollment_transition(enrollment=enrollment, state=Enrollment.State.REPLIED, at=at, reason="")


def enrollment_stop(
    *, enrollment: Enrollment, at: dt.datetime, reason: str = "stopped by hand", actor=None
) -> bool:
    return enrollment_transition(
        enrollment=enrollment, state=Enrollment.State.ENDED, at=at, reason=reason, actor=actor
    )


def enrollment_pause_until(*, enrollment: Enrollment, until: dt.datetime) -> bool:
    """Out of office: the next step waits until ``until`` (then its send window)."""
    from ..models import Step as StepModel

    steps = list(StepModel.objects.filter(sequence_id=enrollment.campaign.sequence_id))
    when = until
    if enrollment.next_position < len(steps):
        when = step_due_at(
            step=steps[enrollment.next_position],
            base=until,
            candidate=enrollment.candidate,
            team=enrollment.campaign.team,
            apply_delay=False,
        )
    return bool(
        Enrollment.objects.filter(pk=enrollment.pk, state=Enrollment.State.ACTIVE, next_at__isnull=False)
        .filter(Q(next_at__lt=when))
        .update(next_at=when)
    )


def candidate_snooze(
    *,
    candidate: Candidate,
    until: dt.datetime,
    at: dt.datetime,
    owner=None,
    reason: str = "",
    enrollment: Enrollment | None = None,
) -> Task:
    """Snooze the candidate until ``until`` and leave the owner a reminder for that day. ``reason`` is a code
    of ``history.REASONS`` (or "after campaign", the enrollment's campaign named)."""
    Candidate.objects.filter(pk=candidate.pk).update(snoozed_until=until)
    candidate.snoozed_until = until
    why = {"reason": reason} if reason else {}
    if enrollment is not None and reason == "after campaign":
        why["campaign_name"] = enrollment.campaign.name
    timeline_add(
        candidate=candidate, kind=EventKind.SNOOZED, at=at, params={"until": until.isoformat(), **why}
    )
    return Task.objects.create(
        team_id=candidate.team_id,
        candidate=candidate,
        enrollment=enrollment,
        kind=Task.Kind.REMINDER,
        owner=owner or candidate.owner,
        params={"name": candidate.full_name or str(candidate.public_id), **why},
        due_at=until,
        created_at=at,
    )


def snooze_end(*, sequence: Sequence, at: dt.datetime, team) -> dt.datetime | None:
    if sequence.snooze_until:
        return tzlib._at_wall(sequence.snooze_until, dt.time(9, 0), tzlib.zone(team.time_zone))
    if sequence.snooze_months:
        return at + relativedelta(months=sequence.snooze_months)
    return None


def enrollment_finish(*, enrollment: Enrollment, at: dt.datetime) -> None:
    """The end policy, once the wait after the last step is over: snooze (with a reminder) or complete."""
    campaign = enrollment.campaign
    until = snooze_end(sequence=campaign.sequence, at=at, team=campaign.team)
    with transaction.atomic():
        state = Enrollment.State.SNOOZED if until else Enrollment.State.COMPLETED
        if enrollment_transition(enrollment=enrollment, state=state, at=at) and until:
            candidate_snooze(
                candidate=enrollment.candidate,
                until=until,
                at=at,
                enrollment=enrollment,
                owner=campaign.owner,
                reason="after campaign",
            )


@transaction.atomic
def candidate_unsubscribe(*, candidate: Candidate, at: dt.datetime, via: str) -> bool:
    """Stop every campaign for the candidate and suppress future ones. Idempotent; True the first time."""
    first = Candidate.objects.filter(pk=candidate.pk, unsubscribed_at__isnull=True).update(unsubscribed_at=at)
    for enrollment in Enrollment.objects.select_related("campaign", "candidate").filter(
        candidate=candidate, state=Enrollment.State.ACTIVE
    ):
        enrollment_transition(enrollment=enrollment, state=Enrollment.State.UNSUBSCRIBED, at=at, reason=via)
    if first:
        candidate.unsubscribed_at = at
        timeline_add(
            candidate=candidate,
            kind=EventKind.UNSUBSCRIBED,
            at=at,
            params={"via": via},
        )
    return bool(first)


def enrollment_bounce(*, enrollment: Enrollment, at: dt.datetime, email: str, reason: str) -> bool:
    """A delivery failure learned later (a DSN): the address is marked invalid, the enrollment bounced."""
    from vivier.pool.models import CandidateEmail

    CandidateEmail.objects.filter(
        team_id=enrollment.team_id, email=email.strip().lower(), invalid_at__isnull=True
    ).update(invalid_at=at, invalid_reason=reason[:300])
    return enrollment_transition(enrollment=enrollment, state=Enrollment.State.BOUNCED, at=at, reason=reason)


def enrollment_set_hook(*, enrollment: Enrollment, hook: str) -> Enrollment:
    """Write or change the personal line for one enrolled candidate (used by steps not yet sent)."""
    from ..rendering import clean_hook

    enrollment.hook = clean_hook(hook)
    Enrollment.objects.filter(pk=enrollment.pk).update(hook=enrollment.hook)
    return enrollment
