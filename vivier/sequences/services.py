"""Writes for sequences, campaigns, enrollments and tasks. Keyword-only, ``noun_verb``.

The worker's sending loop lives in ``vivier.sequences.engine``; this module holds what a recruiter (pages,
API, CLI) and the reply side call.
"""

import datetime as dt
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext

from vivier.lib import clock
from vivier.lib import tz as tzlib
from vivier.pool.models import Candidate
from vivier.pool.services import candidates_set_in_active_campaign, timeline_add

from .history import EventKind, task_event_params
from .models import Campaign, Enrollment, OutboundMessage, Sequence, Step, Task
from .outbox import contact_allowed
from .rendering import check_syntax, render_step


class EnrollmentRefused(ValueError):
    pass


class LaunchRefused(ValueError):
    def __init__(self, message: str, review: "Review"):
        super().__init__(message)
        self.review = review


# --- Sequences -----------------------------------------------------------------------------

STEP_FIELDS = (
    "delay",
    "delay_unit",
    "channel",
    "subject_fr",
    "body_fr",
    "subject_en",
    "body_en",
    "same_thread",
    "window_weekdays",
    "window_start",
    "window_end",
)


# The longest wait a step may ask for, per unit (two years): beyond it a date overflows the calendar.
MAX_DELAY = {"days": 730, "hours": 730 * 24, "business_days": 520}
MAX_END_WAIT_DAYS = 365


def _validate_step(data: dict, index: int) -> dict:
    clean = {k: data[k] for k in STEP_FIELDS if k in data}
    where = gettext("step %(number)s") % {"number": index + 1}
    if clean.get("channel", Step.Channel.EMAIL) not in Step.Channel.values:
        raise ValueError(
            gettext("%(where)s: channel must be one of %(values)s")
            % {"where": where, "values": ", ".join(Step.Channel.values)}
        )
    if clean.get("delay_unit", Step.DelayUnit.DAYS) not in Step.DelayUnit.values:
        raise ValueError(
            gettext("%(where)s: delay_unit must be one of %(values)s")
            % {"where": where, "values": ", ".join(Step.DelayUnit.values)}
        )
    delay = clean.get("delay", 0)
    if not isinstance(delay, int) or isinstance(delay, bool) or delay < 0:
        raise ValueError(gettext("%(where)s: delay must be a whole number >= 0") % {"where": where})
    unit = clean.get("delay_unit", Step.DelayUnit.DAYS)
    if delay > MAX_DELAY[unit]:
        raise ValueError(
            gettext("%(where)s: a delay is at most %(max)s %(unit)s")
            % {"where": where, "max": MAX_DELAY[unit], "unit": Step.DelayUnit(unit).label}
        )
    days = clean.get("window_weekdays", [0, 1, 2, 3, 4])
    if not isinstance(days, list) or not days or any(not isinstance(d, int) or not 0 <= d <= 6 for d in days):
        raise ValueError(
            gettext("%(where)s: window_weekdays must list weekdays 0 (Monday) to 6 (Sunday)")
            % {"where": where}
        )
    for key in ("window_start", "window_end"):
        if key in clean and isinstance(clean[key], str):
            try:
                clean[key] = dt.time.fromisoformat(clean[key])
            except ValueError as exc:
                raise ValueError(
                    gettext("%(where)s: %(key)s must be HH:MM") % {"where": where, "key": key}
                ) from exc
    for key in ("subject_fr", "body_fr", "subject_en", "body_en"):
        if key in clean:
            clean[key] = clean[key] or ""
            try:
                check_syntax(clean[key])
            except ValueError as exc:
                raise ValueError(
                    gettext("%(where)s, %(key)s: %(error)s") % {"where": where, "key": key, "error": exc}
                ) from exc
    channel = clean.get("channel", Step.Channel.EMAIL)
    if channel == Step.Channel.EMAIL and not (
        clean.get("body_fr", "").strip() or clean.get("body_en", "").strip()
    ):
        raise ValueError(
            gettext("%(where)s: an email step needs a body (body_fr or body_en)") % {"where": where}
        )
    return clean


@transaction.atomic
def sequence_save(
    *,
    team,
    name: str,
    steps: list[dict],
    description: str = "",
    end_wait_days: int = 7,
    snooze_months: int = 6,
    snooze_until: dt.date | None = None,
) -> Sequence:
    """Create the sequence or replace its steps. Enrolled candidates' future steps follow the new version
    (enrollments point at step positions, not at step rows)."""
    name = (name or "").strip()
    if not name:
        raise ValueError(gettext("a sequence needs a name"))
    if not steps:
        raise ValueError(gettext("a sequence needs at least one step"))
    if not isinstance(end_wait_days, int) or not 0 <= end_wait_days <= MAX_END_WAIT_DAYS:
        raise ValueError(gettext("end_wait_days must be 0 to %(max)s") % {"max": MAX_END_WAIT_DAYS})
    if snooze_months not in (0, 3, 6, 12, 24) and snooze_until is None:
        raise ValueError(gettext("snooze_months must be 0, 3, 6, 12 or 24"))
    cleaned = [_validate_step(s, i) for i, s in enumerate(steps)]
    now = clock.now()
    sequence, created = Sequence.objects.get_or_create(
        team=team,
        name=name,
        defaults={"created_at": now, "updated_at": now},
    )
    sequence.description = description
    sequence.end_wait_days = end_wait_days
    sequence.snooze_months = snooze_months
    sequence.snooze_until = snooze_until
    sequence.updated_at = now
    sequence.save()
    existing = {s.position: s for s in sequence.steps.all()}
    for position, data in enumerate(cleaned):
        step = existing.pop(position, None) or Step(sequence=sequence, position=position)
        for key in STEP_FIELDS:
            setattr(step, key, data.get(key, Step._meta.get_field(key).get_default()))
        step.save()
    for step in existing.values():
        step.delete()
    return sequence


@transaction.atomic
def sequence_update(
    *,
    sequence: Sequence,
    name: str,
    steps: list[dict],
    description: str = "",
    end_wait_days: int = 7,
    snooze_months: int = 6,
    snooze_until: dt.date | None = None,
) -> Sequence:
    """Save an existing sequence from the editor, renaming it first if its name changed (``sequence_save``
    finds a sequence by name, so a rename would otherwise create a copy)."""
    name = (name or "").strip()
    if name and name != sequence.name:
        if Sequence.objects.filter(team_id=sequence.team_id, name=name).exclude(pk=sequence.pk).exists():
            raise ValueError(gettext("Another sequence is already named “%(name)s”.") % {"name": name})
        Sequence.objects.filter(pk=sequence.pk).update(name=name)
    return sequence_save(
        team=sequence.team,
        name=name,
        steps=steps,
        description=description,
        end_wait_days=end_wait_days,
        snooze_months=snooze_months,
        snooze_until=snooze_until,
    )


def sequence_import_yaml(*, team, text: str) -> Sequence:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(gettext("not valid YAML: %(error)s") % {"error": exc}) from exc
    if not isinstance(data, dict):
        raise ValueError(gettext("the file must describe one sequence (a mapping with name and steps)"))
    unknown = set(data) - {"name", "description", "steps", "end"}
    if unknown:
        raise ValueError(gettext("unknown keys: %(keys)s") % {"keys": ", ".join(sorted(unknown))})
    end = data.get("end") or {}
    steps = []
    for i, raw in enumerate(data.get("steps") or []):
        if not isinstance(raw, dict):
            raise ValueError(gettext("step %(number)s must be a mapping") % {"number": i + 1})
        step = dict(raw)
        subject, body = step.pop("subject", None), step.pop("body", None)
        for lang in ("fr", "en"):
            if isinstance(subject, dict):
                step.setdefault(f"subject_{lang}", subject.get(lang, ""))
            if isinstance(body, dict):
                step.setdefault(f"body_{lang}", body.get(lang, ""))
        window = step.pop("window", None) or {}
        if "days" in window:
            step["window_weekdays"] = window["days"]
        if "start" in window:
            step["window_start"] = str(window["start"])
        if "end" in window:
            step["window_end"] = str(window["end"])
        if "delay" in step and isinstance(step["delay"], str):
            amount, _, unit = step["delay"].partition(" ")
            try:
                step["delay"] = int(amount)
            except ValueError as exc:
                raise ValueError(
                    gettext("step %(number)s: delay like “2 days”, “1 week”, “4 hours” or “3 business days”")
                    % {"number": i + 1}
                ) from exc
            unit = unit.strip().replace(" ", "_") or "days"
            unit = unit if unit.endswith("s") else unit + "s"
            if unit == "weeks":
                step["delay"], unit = step["delay"] * 7, "days"
            step["delay_unit"] = unit
        unknown = set(step) - set(STEP_FIELDS)
        if unknown:
            raise ValueError(
                gettext("step %(number)s: unknown keys: %(keys)s")
                % {"number": i + 1, "keys": ", ".join(sorted(unknown))}
            )
        steps.append(step)
    snooze_until = end.get("snooze_until")
    if isinstance(snooze_until, str):
        snooze_until = dt.date.fromisoformat(snooze_until)
    return sequence_save(
        team=team,
        name=str(data.get("name") or ""),
        description=data.get("description") or "",
        steps=steps,
        end_wait_days=int(end.get("wait_days", 7)),
        snooze_months=int(end.get("snooze_months", 6)),
        snooze_until=snooze_until,
    )


def sequence_export_yaml(*, sequence: Sequence) -> str:
    import yaml

    steps = []
    for step in sequence.steps.all():
        item = {"delay": f"{step.delay} {step.delay_unit}", "channel": step.channel}
        item["subject"] = {"fr": step.subject_fr, "en": step.subject_en}
        item["body"] = {"fr": step.body_fr, "en": step.body_en}
        item["same_thread"] = step.same_thread
        item["window"] = {
            "days": list(step.window_weekdays),
            "start": step.window_start.strftime("%H:%M"),
            "end": step.window_end.strftime("%H:%M"),
        }
        steps.append(item)
    end = {"wait_days": sequence.end_wait_days, "snooze_months": sequence.snooze_months}
    if sequence.snooze_until:
        end["snooze_until"] = sequence.snooze_until.isoformat()
    data = {"name": sequence.name, "description": sequence.description, "steps": steps, "end": end}

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper, value):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)


# --- Scheduling ----------------------------------------------------------------------------


def candidate_zone(candidate, team):
    return tzlib.zone(candidate.time_zone, team.time_zone)


def step_due_at(*, step: Step, base: dt.datetime, candidate, team, apply_delay: bool = True) -> dt.datetime:
    """When ``step`` is due after ``base`` (the previous send, or the launch): delay, contact pressure, window."""
    zone = candidate_zone(candidate, team)
    due = (
        tzlib.add_delay(base, step.delay, step.delay_unit, tz=zone, country=team.country)
        if apply_delay
        else base
    )
    if step.channel == Step.Channel.EMAIL:
        allowed = contact_allowed(candidate, OutboundMessage.Kind.SEQUENCE_STEP, due)
        if not allowed and allowed.earliest is not None:
            due = max(due, allowed.earliest)
    return tzlib.next_in_window(due, **step.window(zone=zone, country=team.country))


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
    from .models import Step as StepModel

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


# --- Campaigns -----------------------------------------------------------------------------


def campaign_create(
    *,
    team,
    name: str,
    sequence: Sequence,
    job=None,
    mailbox=None,
    owner=None,
    segment_query: str = "",
    follow_new_matches: bool = False,
) -> Campaign:
    for obj, what in ((sequence, "sequence"), (job, "job"), (mailbox, "mailbox")):
        if obj is not None and obj.team_id != team.pk:
            raise ValueError(f"the {what} belongs to another team")
    return Campaign.objects.create(
        team=team,
        name=(name or sequence.name).strip()[:200],
        sequence=sequence,
        job=job,
        mailbox=mailbox,
        owner=owner,
        segment_query=segment_query,
        follow_new_matches=follow_new_matches,
        created_at=clock.now(),
    )


@dataclass
class Review:
    eligible: list = field(default_factory=list)
    excluded: list = field(default_factory=list)  # (candidate, reason)
    missing: list = field(default_factory=list)  # (candidate, [what is missing or wrong])

    def as_dict(self) -> dict:
        def who(c):
            return {"id": str(c.public_id), "name": c.full_name, "email": c.primary_email}

        return {
            "eligible": len(self.eligible),
            "excluded": [{**who(c), "reason": r} for c, r in self.excluded],
            "missing": [{**who(c), "problems": p} for c, p in self.missing],
        }


def usable_email(candidate) -> str:
    for email in candidate.emails.all():
        if email.invalid_at is None:
            return email.email
    return ""


def campaign_review(*, campaign: Campaign, candidates, hooks: dict | None = None) -> Review:
    """Who would be enrolled, who is excluded and why, and whose templates render with missing values."""
    now = clock.now()
    hooks = hooks or {}
    steps = list(campaign.sequence.steps.all())
    needs_email = any(s.channel == Step.Channel.EMAIL for s in steps)
    candidates = list(
        candidates.filter(team=campaign.team).prefetch_related("emails")
        if hasattr(candidates, "filter")
        else [c for c in candidates if c.team_id == campaign.team_id]
    )
    active = dict(
        Enrollment.objects.filter(candidate__in=candidates, state=Enrollment.State.ACTIVE).values_list(
            "candidate_id", "campaign__name"
        )
    )
    here = set(
        Enrollment.objects.filter(campaign=campaign, candidate__in=candidates).values_list(
            "candidate_id", flat=True
        )
    )
    review = Review()
    for candidate in candidates:
        reason = None
        if candidate.unsubscribed_at:
            reason = "unsubscribed"
        elif candidate.pk in here:
            reason = "already in this campaign"
        elif candidate.pk in active:
            reason = f"already in the active campaign “{active[candidate.pk]}”"
        elif candidate.snoozed_until and candidate.snoozed_until > now:
            reason = f"snoozed until {candidate.snoozed_until.date().isoformat()}"
        elif needs_email and not usable_email(candidate):
            reason = "no valid email address"
        if reason:
            review.excluded.append((candidate, reason))
            continue
        problems: list[str] = []
        hook = hooks.get(str(candidate.public_id), hooks.get(candidate.pk, ""))
        for step in steps:
            rendered = render_step(
                step=step,
                candidate=candidate,
                job=campaign.job,
                owner=campaign.owner,
                mailbox=campaign.mailbox,
                hook=hook,
            )
            problems += [f"step {step.position + 1}: missing {m}" for m in rendered.missing]
            problems += [f"step {step.position + 1}: {e}" for e in rendered.errors]
        if problems:
            review.missing.append((candidate, list(dict.fromkeys(problems))))
        else:
            review.eligible.append(candidate)
    return review


def enrollment_create(
    *, campaign: Campaign, candidate: Candidate, by=None, hook: str = "", at: dt.datetime | None = None
) -> Enrollment:
    """Enroll one candidate; refused (EnrollmentRefused, with the reason) when they may not be contacted."""
    at = at or clock.now()
    if candidate.team_id != campaign.team_id:
        raise EnrollmentRefused("the candidate belongs to another team")
    if candidate.unsubscribed_at:
        raise EnrollmentRefused("the candidate unsubscribed")
    other = Enrollment.objects.filter(candidate=candidate, state=Enrollment.State.ACTIVE).select_related(
        "campaign"
    )
    other = other.first()
    if other is not None:
        raise EnrollmentRefused(f"already in the active campaign “{other.campaign.name}”")
    steps = list(campaign.sequence.steps.all())
    if not steps:
        raise EnrollmentRefused("the sequence has no steps")
    first_due = step_due_at(step=steps[0], base=at, candidate=candidate, team=campaign.team)
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(
                team_id=campaign.team_id,
                campaign=campaign,
                candidate=candidate,
                hook=hook.strip(),
                next_position=0,
                next_at=first_due,
                created_at=at,
                state_changed_at=at,
            )
            candidates_set_in_active_campaign(ids=[candidate.pk], active=True)
            timeline_add(
                candidate=candidate,
                kind=EventKind.ENROLLMENT,
                actor=by,
                at=at,
                params={
                    "enrollment": str(enrollment.public_id),
                    "campaign": str(campaign.public_id),
                    "campaign_name": campaign.name,
                    "state": Enrollment.State.ACTIVE,
                    "first_step_at": first_due.isoformat(),
                },
            )
    except IntegrityError as exc:
        raise EnrollmentRefused("already enrolled (in this campaign or another active one)") from exc
    return enrollment


def campaign_start(
    *, campaign: Campaign, candidates, by=None, hooks: dict | None = None, allow_missing: bool = False
) -> Review:
    """Launch: enroll every eligible candidate. Refused (LaunchRefused with the review) while a template
    renders with missing values for someone, unless ``allow_missing`` (then those are left out)."""
    if campaign.status not in (Campaign.Status.DRAFT, Campaign.Status.RUNNING, Campaign.Status.PAUSED):
        raise ValueError(
            gettext("A campaign in state “%(status)s” cannot take new candidates.")
            % {"status": campaign.get_status_display()}
        )
    review = campaign_review(campaign=campaign, candidates=candidates, hooks=hooks)
    if review.missing and not allow_missing:
        names = ", ".join(c.full_name or str(c.public_id) for c, _ in review.missing[:20])
        raise LaunchRefused(
            f"templates render with missing values for {len(review.missing)} candidate(s): {names}", review
        )
    now = clock.now()
    hooks = hooks or {}
    with transaction.atomic():
        if campaign.status == Campaign.Status.DRAFT:
            campaign.status, campaign.started_at = Campaign.Status.RUNNING, now
            campaign.save(update_fields=["status", "started_at"])
        enrolled = []
        for candidate in review.eligible:
            try:
                enrollment_create(
                    campaign=campaign,
                    candidate=candidate,
                    by=by,
                    at=now,
                    hook=hooks.get(str(candidate.public_id), hooks.get(candidate.pk, "")),
                )
                enrolled.append(candidate)
            except EnrollmentRefused as exc:
                review.excluded.append((candidate, str(exc)))
        review.eligible = enrolled
    return review


@dataclass
class Launch:
    campaign: Campaign | None  # None after a dry run of a new campaign: nothing is kept
    review: Review


def campaign_launch(
    *,
    candidates,
    campaign: Campaign | None = None,
    team=None,
    sequence: Sequence | None = None,
    name: str = "",
    job=None,
    mailbox=None,
    owner=None,
    segment_query: str = "",
    by=None,
    hooks: dict | None = None,
    allow_missing: bool = False,
    dry_run: bool = False,
) -> Launch:
    """Launch a campaign: the one write path of the launch page, the API and ``vivier campaign start``.

    1. The campaign: the draft given (the launch page reviews it first), else a new one from the arguments.
    2. A dry run only reviews; a new campaign is then dropped.
    3. Start it: refused (``LaunchRefused`` with the review) while templates render with missing values,
       unless ``allow_missing``; a new campaign refused is dropped, a draft given stays for its review.
    """
    new = campaign is None
    if new:
        campaign = campaign_create(
            team=team,
            name=name,
            sequence=sequence,
            job=job,
            mailbox=mailbox,
            owner=owner,
            segment_query=segment_query,
        )
    if dry_run:
        review = campaign_review(campaign=campaign, candidates=candidates, hooks=hooks)
        if new:
            campaign.delete()
        return Launch(campaign=None if new else campaign, review=review)
    try:
        review = campaign_start(
            campaign=campaign, candidates=candidates, by=by, hooks=hooks, allow_missing=allow_missing
        )
    except LaunchRefused:
        if new:
            campaign.delete()
        raise
    return Launch(campaign=campaign, review=review)


def campaign_pause(*, campaign: Campaign, by=None) -> Campaign:
    if campaign.status != Campaign.Status.RUNNING:
        raise ValueError(
            gettext("Only a running campaign can be paused (this one is “%(status)s”).")
            % {"status": campaign.get_status_display()}
        )
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.PAUSED, paused_at=clock.now())
    campaign.refresh_from_db()
    return campaign


def campaign_resume(*, campaign: Campaign, by=None) -> Campaign:
    if campaign.status != Campaign.Status.PAUSED:
        raise ValueError(
            gettext("Only a paused campaign can be resumed (this one is “%(status)s”).")
            % {"status": campaign.get_status_display()}
        )
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.RUNNING, paused_at=None)
    campaign.refresh_from_db()
    return campaign


# --- Tasks ---------------------------------------------------------------------------------


def task_complete(*, task: Task, by=None, at: dt.datetime | None = None) -> Task:
    """Mark a task done; for a LinkedIn or call step, the sequence moves on (next step timed from now)."""
    at = at or clock.now()
    with transaction.atomic():
        if not Task.objects.filter(pk=task.pk, done_at__isnull=True).update(done_at=at, done_by=by):
            return task
        task.done_at, task.done_by = at, by
        timeline_add(
            candidate=task.candidate,
            kind=EventKind.TASK,
            actor=by,
            at=at,
            params=task_event_params(task, done=True),
        )
        if task.enrollment_id and task.position is not None:
            enrollment = Enrollment.objects.select_related(
                "campaign__team", "campaign__sequence", "candidate"
            ).get(pk=task.enrollment_id)
            if enrollment.state == Enrollment.State.ACTIVE and enrollment.next_at is None:
                steps = list(enrollment.campaign.sequence.steps.all())
                Enrollment.objects.filter(pk=enrollment.pk).update(
                    next_at=enrollment_next_at(enrollment=enrollment, steps=steps, base=at)
                )
    return task


def preview_step(*, step: Step, candidate: Candidate, job=None, mailbox=None, owner=None, hook: str = ""):
    """What ``step`` would say to ``candidate`` (a ``Rendered``: subject, body, missing, errors)."""
    return render_step(step=step, candidate=candidate, job=job, owner=owner, mailbox=mailbox, hook=hook)


def enrollment_bounce(*, enrollment: Enrollment, at: dt.datetime, email: str, reason: str) -> bool:
    """A delivery failure learned later (a DSN): the address is marked invalid, the enrollment bounced."""
    from vivier.pool.models import CandidateEmail

    CandidateEmail.objects.filter(
        team_id=enrollment.team_id, email=email.strip().lower(), invalid_at__isnull=True
    ).update(invalid_at=at, invalid_reason=reason[:300])
    return enrollment_transition(enrollment=enrollment, state=Enrollment.State.BOUNCED, at=at, reason=reason)


def enrollment_set_hook(*, enrollment: Enrollment, hook: str) -> Enrollment:
    """Write or change the personal line for one enrolled candidate (used by steps not yet sent)."""
    from .rendering import clean_hook

    enrollment.hook = clean_hook(hook)
    Enrollment.objects.filter(pk=enrollment.pk).update(hook=enrollment.hook)
    return enrollment
