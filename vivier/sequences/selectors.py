"""Reads for the sequence, campaign, outbox and task pages, the API and the CLI. Every page read takes the
team; another team's object is a 404."""

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from vivier.jobs.models import Job
from vivier.mail.models import Mailbox
from vivier.pool.models import Candidate, CandidateEmail
from vivier.pool.selectors import candidate_search

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


PICKER_SHOWN = 20


def preview_candidates(*, team, q: str = "", chosen: str = "", limit: int = PICKER_SHOWN) -> list[Candidate]:
    """The preview picker's choices: candidates matching ``q`` (any words of name, email, title, company...,
    through the pool's search), else the first ones by name; the one ``chosen`` stays listed first."""
    found = list(
        candidate_search(team=team, q=q).order_by("last_name", "first_name", "id")[:limit]
        if q.strip()
        else Candidate.objects.filter(team=team).order_by("last_name", "first_name", "id")[:limit]
    )
    try:
        chosen_id = uuid.UUID(str(chosen)) if chosen else None
    except ValueError:
        chosen_id = None
    if chosen_id and all(c.public_id != chosen_id for c in found):
        current = Candidate.objects.filter(team=team, public_id=chosen_id).first()
        if current is not None:
            found.insert(0, current)
    return found


def language_gaps(*, sequence, candidates) -> list:
    """The candidates who read English while a step of ``sequence`` has no English text (they would get
    the French one)."""
    steps = list(sequence.steps.all())
    if all((s.body_en or "").strip() for s in steps):
        return []
    return [c for c in candidates if c.preferred_language == "en"]


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
        # An erased candidate's enrollment stays, unlinked, for the figures: not a row to list.
        Enrollment.objects.filter(campaign=campaign, candidate__isnull=False)
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
    # candidate: an erased candidate's done steps stay, unlinked, for the figures only.
    qs = Task.objects.filter(team=team, done_at__isnull=not done, candidate__isnull=False).select_related(
        "candidate", "enrollment__campaign", "owner"
    )
    if not everyone:
        qs = qs.filter(Q(owner=user) | Q(owner__isnull=True))
    return qs.order_by("-done_at" if done else "due_at", "id")[:300]


def task_get(*, team, public_id) -> Task:
    return get_object_or_404(
        Task.objects.select_related("candidate", "enrollment"), team=team, public_id=public_id
    )


# --- Summaries for the API and the CLI ------------------------------------------------------


def campaign_counts(*, campaign: Campaign) -> dict[str, int]:
    return dict(campaign.enrollments.order_by().values_list("state").annotate(n=Count("id")))


def campaign_next_sends(*, campaign: Campaign, limit: int = 20):
    """The next sends: active enrollments by due time (the API's and the CLI's summary)."""
    return (
        campaign.enrollments.filter(state=Enrollment.State.ACTIVE, next_at__isnull=False)
        .select_related("candidate")
        .order_by("next_at")[:limit]
    )


def campaign_summary(campaign: Campaign) -> dict:
    sent = campaign.messages.aggregate(
        sent=Count("id", filter=Q(status="sent")),
        unknown=Count("id", filter=Q(status="unknown")),
        failed=Count("id", filter=Q(status__in=["failed", "bounced"])),
    )
    return {
        "id": str(campaign.public_id),
        "name": campaign.name,
        "status": campaign.status,
        "sequence": campaign.sequence.name,
        "job": campaign.job.slug if campaign.job else None,
        "mailbox": campaign.mailbox.address if campaign.mailbox else "outbox",
        "enrollments": campaign_counts(campaign=campaign),
        "messages": sent,
        "upcoming": [
            {"candidate": e.candidate.full_name, "step": e.next_position + 1, "at": e.next_at.isoformat()}
            for e in campaign_next_sends(campaign=campaign, limit=10)
        ],
    }


def candidate_in_active_campaign(*, candidate) -> bool:
    """Whether the candidate is in a running sequence now (what ``Candidate.in_active_campaign`` mirrors)."""
    return Enrollment.objects.filter(candidate=candidate, state=Enrollment.State.ACTIVE).exists()


def tasks_open(*, team, owner=None):
    qs = Task.objects.filter(team=team, done_at__isnull=True).select_related(
        "candidate", "enrollment__campaign"
    )
    return qs.filter(owner=owner) if owner is not None else qs


# --- Outbox --------------------------------------------------------------------------------


def outbox_messages(
    *, team, campaign: Campaign | str | None = None, status: str | None = None, system: bool = True
) -> QuerySet[OutboundMessage]:
    """A team's outbound messages, newest first (index outbound_team_created). ``campaign``: the campaign or
    its public id. ``system``: with system mail (invitation and password-reset links: admins only)."""
    qs = (
        # An erased candidate's messages stay, unlinked and blank, for the figures only; system mail never
        # had a candidate.
        OutboundMessage.objects.filter(team=team)
        .filter(Q(candidate__isnull=False) | Q(kind=OutboundMessage.Kind.SYSTEM))
        .select_related("campaign", "candidate", "enrollment")
        .order_by("-created_at", "-id")
    )
    if isinstance(campaign, Campaign):
        qs = qs.filter(campaign=campaign)
    elif campaign:
        qs = qs.filter(campaign__public_id=campaign)
    if status:
        qs = qs.filter(status=status)
    if not system:
        qs = qs.exclude(kind=OutboundMessage.Kind.SYSTEM)
    return qs


def message_row(m: OutboundMessage) -> dict:
    """A message as the API and ``vivier outbox --json`` show it (attachments must be prefetched or are
    read here)."""
    return {
        "id": str(m.public_id),
        "kind": m.kind,
        "candidate": {"id": str(m.candidate.public_id), "name": m.candidate.full_name}
        if m.candidate
        else None,
        "campaign": {"id": str(m.campaign.public_id), "name": m.campaign.name} if m.campaign else None,
        "step": m.position + 1
        if m.position is not None and m.kind == OutboundMessage.Kind.SEQUENCE_STEP
        else None,
        "status": m.status,
        "transport": m.transport,
        "scheduled_at": m.due_at.isoformat() if m.due_at else None,
        "sent_at": m.sent_at.isoformat() if m.sent_at else None,
        "message_id": m.message_id,
        "in_reply_to": m.in_reply_to or None,
        "from": m.from_email,
        "to": m.to_email,
        "subject": m.subject,
        "body": m.body,
        "error": m.last_error or None,
        "attachments": [
            {"content_type": a.content_type, "filename": a.filename} for a in m.attachments.all()
        ],
    }


def outbox_rows(*, team, status=None, campaign=None, limit: int = 0) -> Iterator[dict]:
    """The rows of ``vivier outbox``, oldest first (a log read from the top)."""
    qs = outbox_messages(team=team, status=status, campaign=campaign).reverse()
    if limit:
        qs = qs[:limit]
    qs = qs.prefetch_related("attachments").defer("raw")
    for m in qs.iterator(chunk_size=1000):
        yield message_row(m)


def message_get(*, team, public_id, system: bool = True) -> OutboundMessage:
    qs = OutboundMessage.objects.select_related("campaign", "candidate", "enrollment")
    if not system:
        qs = qs.exclude(kind=OutboundMessage.Kind.SYSTEM)
    return get_object_or_404(qs, team=team, public_id=public_id)


def message_find(*, team, ref: str) -> OutboundMessage | None:
    """A message by its public id or its Message-ID (with or without the angle brackets)."""
    ref = ref.strip()
    qs = OutboundMessage.objects.filter(team=team).select_related("campaign", "candidate", "enrollment")
    if ref and "@" not in ref:
        try:
            return qs.filter(public_id=ref).first()
        except ValidationError:
            return None
    bracketed = ref if ref.startswith("<") else f"<{ref}>"
    return qs.filter(message_id__in=[ref, bracketed]).first()


def message_thread(*, message: OutboundMessage) -> QuerySet[OutboundMessage]:
    """The messages of the same conversation: the enrollment's, else the candidate's outside any campaign."""
    if message.enrollment_id:
        qs = OutboundMessage.objects.filter(enrollment_id=message.enrollment_id)
    elif message.candidate_id is None:
        qs = OutboundMessage.objects.filter(pk=message.pk)
    else:
        qs = OutboundMessage.objects.filter(candidate_id=message.candidate_id, enrollment__isnull=True)
    return qs.order_by("created_at", "id")


@dataclass
class Thread:
    enrollment: Enrollment | None
    messages: list  # oldest first
    latest: object = None


def outbox_unknown(*, team, limit: int = 100, system: bool = True) -> list[OutboundMessage]:
    """A team's messages whose fate is unknown, oldest first: the recruiter says whether each one left.
    System mail (no candidate) only when ``system`` (admins: it carries invitation and reset links)."""
    messages = OutboundMessage.objects.filter(team=team, status=OutboundMessage.Status.UNKNOWN)
    if not system:
        messages = messages.exclude(candidate__isnull=True)
    return list(
        messages.select_related("campaign", "candidate")
        .defer("raw", "body")
        .order_by("created_at", "id")[:limit]
    )


def outbox_threads(
    *, team, campaign: Campaign | None = None, status: str = "", limit: int = 200, system: bool = True
) -> list[Thread]:
    """Messages grouped by thread (one enrollment's emails; a candidate's outside campaigns), the thread with
    the newest message first."""
    threads: dict[tuple, Thread] = {}
    messages = outbox_messages(team=team, campaign=campaign, status=status, system=system)
    for m in messages.defer("raw")[: limit * 5]:
        key = ("e", m.enrollment_id) if m.enrollment_id else ("c", m.candidate_id or f"m{m.pk}")
        thread = threads.get(key)
        if thread is None:
            if len(threads) >= limit:
                continue
            thread = threads[key] = Thread(enrollment=m.enrollment, messages=[], latest=m.created_at)
        thread.messages.append(m)
    for thread in threads.values():
        thread.messages.sort(key=lambda m: (m.created_at, m.id))
    return list(threads.values())
