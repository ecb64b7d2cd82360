"""Denormalised engagement columns the sequences and replies apps keep up to date."""

from collections.abc import Iterable
from datetime import datetime

from ..models import (
    Candidate,
)

# --- Engagement columns -------------------------------------------------------------------------
# What segments read about a candidate's contacts and answers. Written only here; the apps that know
# why (the engine, campaigns, replies) call these.

REPLY_COLUMNS = frozenset(
    {
        "last_reply_at",
        "last_reply_intent",
        "last_candidate_activity_at",
        "last_decline_reason",
        "in_active_campaign",
    }
)


def candidates_mark_contacted(*, ids: Iterable[int], at: datetime) -> None:
    """These candidates were just written to (one UPDATE whatever their number)."""
    ids = list(ids)
    if ids:
        Candidate.objects.filter(pk__in=ids).update(last_contacted_at=at)


def candidates_set_in_active_campaign(*, ids: Iterable[int], active: bool) -> None:
    ids = list(ids)
    if ids:
        Candidate.objects.filter(pk__in=ids).update(in_active_campaign=active)


def candidate_reply_record(*, candidate: Candidate, **fields) -> None:
    """Store what the candidate's replies say (``REPLY_COLUMNS``), on the row and on ``candidate``."""
    unknown = set(fields) - REPLY_COLUMNS
    if unknown:
        raise ValueError(f"not a reply column: {', '.join(sorted(unknown))}")
    Candidate.objects.filter(pk=candidate.pk).update(**fields)
    for key, value in fields.items():
        setattr(candidate, key, value)
