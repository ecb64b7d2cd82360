"""Reads for the campaign pages, the API and the CLI."""

from django.db.models import Count, Q

from .models import Campaign, Enrollment, Task


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


def tasks_open(*, team, owner=None):
    qs = Task.objects.filter(team=team, done_at__isnull=True).select_related(
        "candidate", "enrollment__campaign"
    )
    return qs.filter(owner=owner) if owner is not None else qs
