"""Timeline events on a candidate."""

from vivier.lib import clock

from ..models import (
    Candidate,
    TimelineEvent,
)


def timeline_add(
    *, candidate: Candidate, kind: str, params: dict | None = None, actor=None, at=None
) -> TimelineEvent:
    """Record an event of a registered kind (``vivier.pool.timeline``); its sentence is written when shown."""
    return TimelineEvent.objects.create(
        team_id=candidate.team_id,
        candidate=candidate,
        kind=kind,
        actor=actor,
        params=params or {},
        at=at or clock.now(),
    )
