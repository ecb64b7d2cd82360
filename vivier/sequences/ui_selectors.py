"""Reads for the sequence, campaign and task pages (the outbox's are in ``selectors.py``). Every read takes the team; another team's
object is a 404. (Separate from ``selectors.py``, which the engine's API and CLI use; the lead may merge them.)"""

import re
import uuid
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from vivier.jobs.models import Job
from vivier.mail.models import Mailbox
from vivier.pool.models import Candidate, CandidateEmail

from .models import Campaign, Enrollment, OutboundMessage, Sequence, Task

# --- Sequences -----------------------------------------------------------------------------


def sequence_list(*, team) -> QuerySet[Sequence]:
    return (
        Sequence.objects.filter(team=team)
        .annotate(step_count=Count("steps", distinct=True), campaign_count=Count("campaigns", distinct=True))
        .order_by("name")
    )


def sequence_get(*, team, public_id) -> Sequence:
    return get_object_or_404(Sequence, team=team, public_id=public_id)


# --- Choices for the wizard and the preview ------------------------------------------------


def job_choices(*, team) -> QuerySet[Job]:
    return Job.objects.filter(team=team, archived_at__isnull=True).order_by("-created_at", "id")


def mailbox_choices(*, team) -> QuerySet[Mailbox]:
    return Mailbox.objects.filter(team=team).order_by("address")


def preview_candidates(*, team, limit: int = 200) -> QuerySet[Candidate]:
    return Candidate.objects.filter(team=team).order_by("last_name", "first_name", "id")[:limit]


TOKEN_SPLIT = re.compile(r"[\s,;]+")


@dataclass
class Pasted:
    candidates: list = field(default_factory=list)
    unknown: list = field(default_factory=list)  # tokens that matched nobody in the team


def candidates_from_text(*, team, text: str) -> Pasted:
    """A pasted list of candidate public ids and/or email addresses -> the team's candidates (in the order
    given, each once) and the tokens that matched nobody."""
    result = Pasted()
    seen = set()
    tokens = [t.strip("<>\"'") for t in TOKEN_SPLIT.split(text or "") if t.strip("<>\"'")]
    ids, emails = {}, {}
    for token in tokens:
        try:
            ids[token] = uuid.UUID(token)
        except ValueError:
            if "@" in token:
                emails[token] = token.lower()
            else:
                result.unknown.append(token)
    by_id = {c.public_id: c for c in Candidate.objects.filter(team=team, public_id__in=ids.values())}
    by_email = {
        e.email: e.candidate
        for e in CandidateEmail.objects.filter(team=team, email__in=emails.values()).select_related(
            "candidate"
        )
    }
    for token in tokens:
        if token in ids:
            candidate = by_id.get(ids[token])
        elif token in emails:
            candidate = by_email.get(emails[token])
        else:
            continue
        if candidate is None:
            result.unknown.append(token)
        elif candidate.pk not in seen:
            seen.add(candidate.pk)
            result.candidates.append(candidate)
    return result


def segment_selector():
    """``segment_candidates(*, team, query)`` when the segments app provides it, else None."""
    try:
        from vivier.segments.selectors import segment_candidates
    except ImportError:
        return None
    return segment_candidates


# --- Campaigns -----------------------------------------------------------------------------

STATE_ORDER = [s for s, _ in Enrollment.State.choices]


def campaign_list(*, team) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(team=team)
        .select_related("sequence", "job", "mailbox", "owner")
        .annotate(
            enrolled=Count("enrollments"),
            active=Count("enrollments", filter=Q(enrollments__state=Enrollment.State.ACTIVE)),
            replied=Count("enrollments", filter=Q(enrollments__state=Enrollment.State.REPLIED)),
        )
        .order_by("-created_at", "-id")
    )


def campaign_get(*, team, public_id) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("sequence", "job", "mailbox", "owner"), team=team, public_id=public_id
    )


def campaign_state_counts(*, campaign: Campaign) -> list[tuple[str, str, int]]:
    """(state, label, count) for every state, in the state machine's order."""
    counts = dict(Enrollment.objects.filter(campaign=campaign).values_list("state").annotate(n=Count("id")))
    return [(value, label, counts.get(value, 0)) for value, label in Enrollment.State.choices]


def campaign_enrollments(*, campaign: Campaign, state: str | None = None, limit: int = 500):
    qs = (
        Enrollment.objects.filter(campaign=campaign)
        .select_related("candidate")
        .order_by("state", "created_at", "id")
    )
    if state:
        qs = qs.filter(state=state)
    return qs[:limit]


@dataclass
class Upcoming:
    enrollment: Enrollment
    position: int  # 0-based
    channel: str
    due_at: object
    retry: bool = False


def campaign_upcoming(*, campaign: Campaign, limit: int = 50) -> list[Upcoming]:
    """What the worker will do next for this campaign: each active enrollment's next step with its due time,
    and messages waiting for a retry."""
    steps = {s.position: s for s in campaign.sequence.steps.all()}
    rows = []
    for e in (
        Enrollment.objects.filter(campaign=campaign, state=Enrollment.State.ACTIVE, next_at__isnull=False)
        .select_related("candidate")
        .order_by("next_at", "id")[:limit]
    ):
        step = steps.get(e.next_position)
        rows.append(
            Upcoming(
                enrollment=e,
                position=e.next_position,
                channel=step.channel if step else "end",
                due_at=e.next_at,
            )
        )
    for m in (
        OutboundMessage.objects.filter(campaign=campaign, status=OutboundMessage.Status.SCHEDULED)
        .select_related("enrollment__candidate")
        .order_by("next_attempt_at")[:limit]
    ):
        rows.append(
            Upcoming(
                enrollment=m.enrollment,
                position=m.position,
                channel="email",
                due_at=m.next_attempt_at,
                retry=True,
            )
        )
    rows.sort(key=lambda u: (u.due_at is None, u.due_at))
    return rows[:limit]


# --- Tasks ---------------------------------------------------------------------------------


def task_list(*, team, user, everyone: bool = False, done: bool = False) -> QuerySet[Task]:
    # Uses index task_team_open_due (team, done_at, due_at).
    qs = Task.objects.filter(team=team, done_at__isnull=not done).select_related(
        "candidate", "enrollment__campaign", "owner"
    )
    if not everyone:
        qs = qs.filter(Q(owner=user) | Q(owner__isnull=True))
    return qs.order_by("-done_at" if done else "due_at", "id")[:300]


def task_get(*, team, public_id) -> Task:
    return get_object_or_404(
        Task.objects.select_related("candidate", "enrollment"), team=team, public_id=public_id
    )
