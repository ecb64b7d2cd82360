from .models import OutboundMessage


def outbox_messages(*, team, status: str | None = None, campaign: str | None = None):
    qs = (
        OutboundMessage.objects.filter(team=team)
        .select_related("candidate", "campaign", "enrollment")
        .order_by("created_at", "id")
    )
    if status:
        qs = qs.filter(status=status)
    if campaign:
        qs = qs.filter(campaign__public_id=campaign)
    return qs


def message_row(m: OutboundMessage) -> dict:
    return {
        "id": str(m.public_id),
        "candidate": {"id": str(m.candidate.public_id), "name": m.candidate.full_name},
        "campaign": {"id": str(m.campaign.public_id), "name": m.campaign.name},
        "step": m.position + 1,
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
    }


def outbox_rows(*, team, status=None, campaign=None, limit: int = 0):
    qs = outbox_messages(team=team, status=status, campaign=campaign)
    if limit:
        qs = qs[:limit]
    for m in qs.iterator(chunk_size=1000):
        yield message_row(m)


def messages_by_message_id(*, team, message_ids: list[str]):
    """Outbound messages a reply refers to (In-Reply-To / References), newest first; uses the unique index."""
    ids = [m.strip() for m in message_ids if m and m.strip()]
    return (
        OutboundMessage.objects.filter(team=team, message_id__in=ids)
        .select_related("enrollment__campaign", "candidate")
        .order_by("-created_at")
    )
