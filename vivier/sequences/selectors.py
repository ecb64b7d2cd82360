"""Reads for the campaign pages, the outbox (page, API, CLI) and the engine's API and CLI."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Campaign, Enrollment, OutboundMessage, Task


def campaign_counts(*, campaign: Campaign) -> dict[str, int]:
    return dict(campaign.enrollments.order_by().values_list("state").annotate(n=Count("id")))


def campaign_upcoming(*, campaign: Campaign, limit: int = 20):
    """The next sends: active enrollments by due time."""
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
            for e in campaign_upcoming(campaign=campaign, limit=10)
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
    *, team, campaign: Campaign | str | None = None, status: str | None = None
) -> QuerySet[OutboundMessage]:
    """A team's outbound messages, newest first (index outbound_team_created). ``campaign``: the campaign or
    its public id."""
    qs = (
        OutboundMessage.objects.filter(team=team)
        .select_related("campaign", "candidate", "enrollment")
        .order_by("-created_at", "-id")
    )
    if isinstance(campaign, Campaign):
        qs = qs.filter(campaign=campaign)
    elif campaign:
        qs = qs.filter(campaign__public_id=campaign)
    if status:
        qs = qs.filter(status=status)
    return qs


def message_row(m: OutboundMessage) -> dict:
    """A message as the API and ``vivier outbox --json`` show it (attachments must be prefetched or are
    read here)."""
    return {
        "id": str(m.public_id),
        "kind": m.kind,
        "candidate": {"id": str(m.candidate.public_id), "name": m.candidate.full_name},
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


def message_get(*, team, public_id) -> OutboundMessage:
    return get_object_or_404(
        OutboundMessage.objects.select_related("campaign", "candidate", "enrollment"),
        team=team,
        public_id=public_id,
    )


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
    else:
        qs = OutboundMessage.objects.filter(candidate_id=message.candidate_id, enrollment__isnull=True)
    return qs.order_by("created_at", "id")


@dataclass
class Thread:
    enrollment: Enrollment | None
    messages: list  # oldest first
    latest: object = None


def outbox_threads(
    *, team, campaign: Campaign | None = None, status: str = "", limit: int = 200
) -> list[Thread]:
    """Messages grouped by thread (one enrollment's emails; a candidate's outside campaigns), the thread with
    the newest message first."""
    threads: dict[tuple, Thread] = {}
    for m in outbox_messages(team=team, campaign=campaign, status=status).defer("raw")[: limit * 5]:
        key = ("e", m.enrollment_id) if m.enrollment_id else ("c", m.candidate_id)
        thread = threads.get(key)
        if thread is None:
            if len(threads) >= limit:
                continue
            thread = threads[key] = Thread(enrollment=m.enrollment, messages=[], latest=m.created_at)
        thread.messages.append(m)
    for thread in threads.values():
        thread.messages.sort(key=lambda m: (m.created_at, m.id))
    return list(threads.values())
