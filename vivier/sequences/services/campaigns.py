"""Campaigns: create, review, enroll, start, launch, pause, resume."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext, ngettext

from vivier.lib import clock
from vivier.pool.models import Candidate
from vivier.pool.services import candidates_set_in_active_campaign, timeline_add

from ..history import EventKind
from ..models import Campaign, Enrollment, Sequence, Step
from ..rendering import render_step
from .enrollments import EnrollmentRefused, step_due_at


class LaunchRefused(ValueError):
    def __init__(self, message: str, review: "Review"):
        super().__init__(message)
        self.review = review


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
        count = len(review.missing)
        raise LaunchRefused(
            ngettext(
                "The messages would go out with missing values for %(count)s candidate: %(names)s",
                "The messages would go out with missing values for %(count)s candidates: %(names)s",
                count,
            )
            % {"count": count, "names": names},
            review,
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
