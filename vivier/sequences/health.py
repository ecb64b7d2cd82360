"""Reads for ``/healthz`` and the admins' status page: is the database reachable, was a worker seen lately,
which version runs and which migrations are applied."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import DatabaseError, connection

from vivier.lib import clock
from vivier.lib.migrationset import MigrationSet, migration_set
from vivier.lib.version import version

from .heartbeat import heartbeat_last, heartbeat_max_age
from .models import WorkerHeartbeat


@dataclass(frozen=True)
class Health:
    ok: bool
    reason: str  # "" when ok; a code otherwise: database_unreachable, worker_never_seen, worker_stale
    worker_seen_seconds: int | None


def health_check(*, now: dt.datetime | None = None) -> Health:
    """1. The database answers a query. 2. A worker finished a round within ``VIVIER_WORKER_STALE_SECONDS``."""
    now = now or clock.now()
    try:
        beat = heartbeat_last()
    except DatabaseError:
        return Health(False, "database_unreachable", None)
    if beat is None:
        return Health(False, "worker_never_seen", None)
    age = max(0, int((now - beat.seen_at).total_seconds()))
    if now - beat.seen_at > heartbeat_max_age():
        return Health(False, "worker_stale", age)
    return Health(True, "", age)


@dataclass(frozen=True)
class Status:
    version: str
    database: str
    migrations: MigrationSet
    workers: list[WorkerHeartbeat]
    health: Health


def status_read(*, now: dt.datetime | None = None) -> Status:
    return Status(
        version=version(),
        database=connection.vendor,
        migrations=migration_set(),
        workers=list(WorkerHeartbeat.objects.order_by("-seen_at")[:10]),
        health=health_check(now=now),
    )
