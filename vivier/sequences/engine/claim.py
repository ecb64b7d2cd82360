"""Step 1: claim due enrollments (a conditional UPDATE of a lease; ``FOR UPDATE SKIP LOCKED`` on
PostgreSQL), and release or back off one that cannot go now."""

import datetime as dt
import logging
import os
import socket
import uuid
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import Model, Q
from django.db.models.base import ModelState

from vivier.pool.models import Candidate, CandidateEmail

from ..models import Campaign, Enrollment

log = logging.getLogger("vivier.engine")

LEASE = dt.timedelta(minutes=2)
BACKOFF_FIRST = dt.timedelta(minutes=10)
BACKOFF_MAX = dt.timedelta(days=1)

_worker_ids: dict[int, str] = {}


def worker_id() -> str:
    pid = os.getpid()  # keyed by pid: a forked process gets its own
    if pid not in _worker_ids:
        _worker_ids[pid] = f"{socket.gethostname()[:60]}:{pid}"
    return _worker_ids[pid]


def batch_size() -> int:
    return int(getattr(settings, "VIVIER_WORKER_BATCH", 50))


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


CANDIDATE_UNUSED = (
    "search_text",
    "custom_fields",
    "consent_basis",
    "consent_given_at",
    "consent_expires_at",
    "consent_informed_via",
    "last_candidate_activity_at",
    "latitude",
    "longitude",
    "max_commute_km",
    "open_to_relocation",
    "remote_preference",
    "available_from",
    "notice_period_days",
    "salary_amount",
    "salary_currency",
    "salary_period",
    "seniority",
    "years_experience",
    "name_key",
    "last_reply_at",
    "last_reply_intent",
    "last_decline_reason",
    "created_at",
    "updated_at",
    "snoozed_until",
    "in_active_campaign",
)


@lru_cache(maxsize=1)
def claim_columns() -> tuple[tuple, tuple]:
    return (
        tuple(f.attname for f in Enrollment._meta.concrete_fields),
        tuple(f.attname for f in Candidate._meta.concrete_fields if f.name not in CANDIDATE_UNUSED),
    )


def _loaded(model: type[Model], values: dict[str, Any]) -> Any:
    """A model instance as loaded from the database, from {attname: value}: what ``from_db`` builds."""
    obj = model.__new__(model)
    state = ModelState()
    state.adding, state.db = False, DEFAULT_DB_ALIAS
    values["_state"] = state
    obj.__dict__.update(values)
    return obj


def claim_due(now: dt.datetime, limit: int) -> tuple[str, list[Enrollment]]:
    token = f"{worker_id()}:{uuid.uuid4().hex[:8]}"
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    with transaction.atomic():
        # Uses index enrollment_due (state, next_at).
        qs = (
            Enrollment.objects.filter(
                state=Enrollment.State.ACTIVE, next_at__lte=now, campaign__status=Campaign.Status.RUNNING
            )
            .filter(free, candidate__isnull=False)
            .order_by("next_at", "id")
        )
        if is_postgres():
            qs = qs.select_for_update(skip_locked=True, of=("self",))
        ids = list(qs.values_list("id", flat=True)[:limit])
        if not ids:
            return token, []
        Enrollment.objects.filter(id__in=ids, state=Enrollment.State.ACTIVE).filter(free).update(
            claimed_by=token, claimed_until=now + LEASE
        )
    # Only the candidate columns the engine reads: a full Candidate row is ~50 columns, loaded per step.
    # Read as tuples and made into instances directly (as ``Model.from_db`` would, without ``__init__``'s
    # per-field work); columns left out are deferred as with ``.defer()``.
    e_names, c_names = claim_columns()
    claimed = []
    split = len(e_names)
    for row in (
        Enrollment.objects.filter(claimed_by=token)
        .order_by("next_at", "id")
        .values_list(*e_names, *(f"candidate__{name}" for name in c_names))
    ):
        e = _loaded(Enrollment, dict(zip(e_names, row[:split], strict=True)))
        e._state.fields_cache["candidate"] = _loaded(Candidate, dict(zip(c_names, row[split:], strict=True)))
        claimed.append(e)
    # The address each candidate would be written to (as services.usable_email: primary first, then the
    # oldest), read as plain tuples: one query, no model instances.
    usable: dict[int, str] = {}
    for candidate_id, email in (
        CandidateEmail.objects.filter(
            candidate_id__in=[e.candidate_id for e in claimed], invalid_at__isnull=True
        )
        .order_by("-is_primary", "id")
        .values_list("candidate_id", "email")
    ):
        usable.setdefault(candidate_id, email)
    for e in claimed:
        e.usable_email = usable.get(e.candidate_id, "")
    # A batch usually shares one or two campaigns: load each once instead of joining it on every row.
    campaigns = {
        c.pk: c
        for c in Campaign.objects.filter(pk__in={e.campaign_id for e in claimed}).select_related(
            "team", "sequence", "job", "mailbox__team", "owner"
        )
    }
    for e in claimed:
        e.campaign = campaigns[e.campaign_id]
    return token, claimed


def release(enrollment: Enrollment, **fields) -> None:
    Enrollment.objects.filter(pk=enrollment.pk, claimed_by=enrollment.claimed_by).update(
        claimed_by="", claimed_until=None, **fields
    )


def backoff(enrollment: Enrollment, now: dt.datetime, error: str) -> None:
    previous = enrollment.next_at or now
    wait = min(max((now - previous) * 2, BACKOFF_FIRST), BACKOFF_MAX)
    log.warning("enrollment %s backs off %s: %s", enrollment.public_id, wait, error)
    release(enrollment, next_at=now + wait, last_error=error[:2000])
