"""The worker's heartbeat: each round of the loop says "alive at <now>"; the health check and the admins'
status page read it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import F

from vivier.lib import clock
from vivier.lib.version import version

from .models import WorkerHeartbeat


def heartbeat_beat(*, now: dt.datetime | None = None) -> None:
    """Record that this worker process finished a round (one UPDATE, an INSERT the first time)."""
    from .engine import worker_id

    now = now or clock.now()
    worker = worker_id()
    updated = WorkerHeartbeat.objects.filter(worker=worker).update(seen_at=now, rounds=F("rounds") + 1)
    if not updated:
        WorkerHeartbeat.objects.update_or_create(
            worker=worker, defaults={"version": version(), "started_at": now, "seen_at": now, "rounds": 1}
        )


def heartbeat_last() -> WorkerHeartbeat | None:
    """The worker seen most recently (index on seen_at), or None when no worker ever ran."""
    return WorkerHeartbeat.objects.order_by("-seen_at").first()


def heartbeat_max_age() -> dt.timedelta:
    return dt.timedelta(seconds=settings.VIVIER_WORKER_STALE_SECONDS)
