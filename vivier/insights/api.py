"""Campaign figures over JSON: ``GET /api/insights/campaigns/{id}``, ``/sequences/{id}``, ``/team``."""

import datetime as dt
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router

from vivier.sequences.models import Campaign, Sequence

from .schemas import Figures
from .selectors import campaign_figures, sequence_figures, team_figures

router = Router(tags=["insights"])


@router.get("/campaigns/{uuid:campaign_id}", response=Figures)
def campaign(request, campaign_id: UUID):
    """A campaign's figures: response rate per step, yes and no, reasons, time to reply."""
    return campaign_figures(get_object_or_404(Campaign, team=request.team, public_id=campaign_id))


@router.get("/sequences/{uuid:sequence_id}", response=Figures)
def sequence(request, sequence_id: UUID):
    """A sequence's figures across all its campaigns."""
    return sequence_figures(get_object_or_404(Sequence, team=request.team, public_id=sequence_id))


@router.get("/team", response=Figures)
def team(request, since: dt.date | None = None):
    """The team's figures across its campaigns; ``since``: only candidates enrolled from that date (UTC)."""
    start = dt.datetime.combine(since, dt.time(0), tzinfo=dt.UTC) if since else None
    return team_figures(request.team, since=start)
