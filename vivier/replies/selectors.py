"""Reads for inbound mail."""

from django.db.models import QuerySet

from .models import InboundMessage


def inbound_unprocessed(*, team) -> QuerySet[InboundMessage]:
    """Messages of a team that could not be parsed, newest first (index inbound_team_status)."""
    return InboundMessage.objects.filter(team=team, status=InboundMessage.Status.UNPROCESSED).order_by(
        "-received_at", "-id"
    )
