"""The sending engine: the worker's ``handle_one_*`` steps for due enrollments, retries and stale sends.

At most once, in three short transactions per batch:

1. Claim due enrollments (conditional UPDATE of a lease; ``FOR UPDATE SKIP LOCKED`` on PostgreSQL).
2. Re-check each one (unsubscribed? window? contact pressure? valid address? template?), then, in one
   transaction that re-verifies the enrollment is still active and still ours, take mailbox slots and
   commit the message rows as ``sending``. From here on, a message is never created again for that step.
3. Talk to SMTP, then record the outcomes. A crash between 2 and 3 leaves rows in ``sending``; the stale
   sweep flags them ``unknown`` for a human: never resent automatically.

SMTP batches are sent by a long-lived sender thread while the next batch goes through 1 and 2 (see "SMTP
overlapped with the database work" below).
"""

import datetime as dt
import logging
import os
import queue
import socket
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from types import SimpleNamespace

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import DateField, DateTimeField, Field, Q
from django.db.models.base import ModelState
from django.urls import reverse

from vivier.lib import clock
from vivier.lib import tz as tzlib
from vivier.lib.signing import unsubscribe_token
from vivier.mail import mime, transport
from vivier.mail.models import Mailbox, OutboundMessage
from vivier.mail.services import mailbox_take_slots
from vivier.pool.models import Candidate, CandidateEmail, TimelineEvent
from vivier.pool.services import timeline_add

from . import services
from .history import EventKind, task_event_params
from .models import Campaign, Enrollment, Step, Task
from .rendering import render_step

log = logging.getLogger("vivier.engine")

LEASE = dt.timedelta(minutes=2)
# A message row in `sending` whose lease is over is presumed abandoned (flagged `unknown`): long enough for
# a batch of slow SMTP conversations (30 s timeouts) to finish.
MESSAGE_LEASE = dt.timedelta(minutes=10)
RETRY_DELAYS = [dt.timedelta(minutes=m) for m in (5, 15, 60, 240, 720)]  # then given up
BACKOFF_MAX = dt.timedelta(days=1)

# Set by the worker command on SIGTERM: the batch stops after the message being sent.
stop_requested = False


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


@lru_cache(maxsize=8)
def _unsubscribe_prefix(base_url: str) -> tuple[str, str]:
    before, _, after = reverse("mail:unsubscribe", args=["TOKEN"]).partition("TOKEN")
    return base_url + before, after


def unsubscribe_url(candidate, message_public_id) -> str:
    token = unsubscribe_token(str(candidate.public_id), str(message_public_id))
    before, after = _unsubscribe_prefix(settings.BASE_URL)
    return before + token + after


def footer(language: str, url: str) -> str:
    if language == "en":
        return f"\n\n--\nTo stop receiving my messages: {url}"
    return f"\n\n--\nPour ne plus recevoir mes messages : {url}"


# Field types whose Python values (str, int, None) go to the driver as they are: skipping Django's
# per-value preparation (and the connection proxy behind it) is a large share of a step's cost.
_PASSTHROUGH = {
    "CharField",
    "TextField",
    "SlugField",
    "EmailField",
    "IntegerField",
    "SmallIntegerField",
    "BigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "PositiveBigIntegerField",
    "ForeignKey",
    "AutoField",
    "BigAutoField",
}
_SIMPLE = (str, int, type(None))


def _db():
    """The real connection object (``django.db.connection`` is a proxy that costs a lookup per attribute)."""
    return connections[DEFAULT_DB_ALIAS]


def _preparer(field, conn):
    slow = field.get_db_prep_save
    kind = field.get_internal_type()
    if kind in _PASSTHROUGH:

        def prep(value):
            if type(value) in _SIMPLE:
                return value
            if isinstance(value, Enum):  # TextChoices members: their plain value
                return value.value
            return slow(value, conn)

        return prep
    if kind == "DateTimeField":
        adapt = conn.ops.adapt_datetimefield_value
        if conn.vendor == "sqlite" and settings.USE_TZ:
            zone = conn.timezone

            def adapt(
                value,
            ):  # what the SQLite backend does, without its checks: naive in the db zone, as text
                return str(value.astimezone(zone).replace(tzinfo=None))

        def prep_datetime(value):
            if type(value) is dt.datetime and value.tzinfo is not None:
                return adapt(value)
            if value is None:
                return None
            return slow(value, conn)  # naive (with Django's warning), dates...

        return prep_datetime
    if kind == "UUIDField":
        native = conn.features.has_native_uuid_field

        def prep_uuid(value):  # what UUIDField.get_db_prep_value does with a UUID
            if type(value) is uuid.UUID:
                return value if native else value.hex
            return slow(value, conn)

        return prep_uuid
    return lambda value: slow(value, conn)


def _computes_on_save(field) -> bool:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return True
    return type(field).pre_save not in (Field.pre_save, DateTimeField.pre_save, DateField.pre_save)


def _chunks(conn, rows: list, width: int) -> list[list]:
    """Rows in groups small enough for the backend's limit on parameters per statement."""
    limit = conn.features.max_query_params or 10_000
    size = max(1, min(500, limit // max(width, 1)))
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _pg_chunks(rows: list) -> list[list]:
    return [rows[i : i + 2000] for i in range(0, len(rows), 2000)]


def update_rows(model, objs: list, fields: list[str], key: str = "id") -> None:
    """Write ``fields`` of ``objs``. On PostgreSQL one ``UPDATE ... FROM (VALUES ...)`` per few hundred rows;
    on SQLite (in-process, statements are cheap) one prepared UPDATE run for each row (executemany).
    Django's ``bulk_update`` builds a CASE expression per field and row, which costs more than the writes."""
    if not objs:
        return
    conn = _db()
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    key_field = meta.get_field(key)
    qn = conn.ops.quote_name
    preps = [(f.attname, _preparer(f, conn)) for f in [*columns, key_field]]
    params = [[prep(getattr(obj, name)) for name, prep in preps] for obj in objs]
    table = qn(meta.db_table)
    with conn.cursor() as cursor:
        if conn.vendor != "postgresql":
            sql = (
                f"UPDATE {table} SET "
                + ", ".join(f"{qn(f.column)} = %s" for f in columns)
                + f" WHERE {qn(key_field.column)} = %s"
            )
            cursor.executemany(sql, params)
            return
        # One array per column (unnest): a short statement whatever the number of rows, so the driver's
        # parsed-query cache serves it (a VALUES list of thousands of placeholders is parsed on every call).
        names = [f"c{i}" for i in range(len(columns))] + ["k"]
        sql = (
            f"UPDATE {table} AS t SET "
            + ", ".join(f"{qn(f.column)} = v.c{i}" for i, f in enumerate(columns))
            + " FROM unnest("
            + ", ".join(f"%s::{f.db_type(conn)}[]" for f in [*columns, key_field])
            + f") AS v({', '.join(names)}) WHERE t.{qn(key_field.column)} = v.k"
        )
        for chunk in _pg_chunks(params):
            cursor.execute(sql, [list(col) for col in zip(*chunk, strict=True)])


def insert_rows(model, objs: list) -> None:
    """INSERT rows whose primary keys nobody needs back, a few hundred rows per statement.
    ``objs`` are model instances or plain objects carrying every column's attname (see ``plain_row``)."""
    if not objs:
        return
    conn = _db()
    meta = model._meta
    columns = [f for f in meta.concrete_fields if not f.primary_key]
    qn = conn.ops.quote_name
    # Plain attribute reads unless a field computes its value on save (auto_now...).
    preps = [(f.attname if not _computes_on_save(f) else f, _preparer(f, conn)) for f in columns]
    params = [
        [prep(getattr(obj, f) if type(f) is str else f.pre_save(obj, True)) for f, prep in preps]
        for obj in objs
    ]
    head = f"INSERT INTO {qn(meta.db_table)} (" + ", ".join(qn(f.column) for f in columns) + ") VALUES "
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    if conn.vendor == "postgresql":  # one array per column, as in update_rows
        sql = (
            f"INSERT INTO {qn(meta.db_table)} ("
            + ", ".join(qn(f.column) for f in columns)
            + ") SELECT * FROM unnest("
            + ", ".join(f"%s::{f.db_type(conn)}[]" for f in columns)
            + ")"
        )
        with conn.cursor() as cursor:
            for chunk in _pg_chunks(params):
                cursor.execute(sql, [list(col) for col in zip(*chunk, strict=True)])
        return
    with conn.cursor() as cursor:
        for chunk in _chunks(conn, params, len(columns)):
            cursor.execute(head + ", ".join([row] * len(chunk)), [v for r in chunk for v in r])


class PlainRow(SimpleNamespace):
    """A row to insert without the cost of a model instance (about 30-60 us each)."""


def plain_row(model, **values) -> PlainRow:
    """Every concrete column of ``model`` by attname: ``values`` first, else the field's default."""
    for f in model._meta.concrete_fields:
        if not f.primary_key and f.attname not in values:
            values[f.attname] = f.get_default()
    return PlainRow(**values)


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


# --- 1. Claim ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _claim_columns() -> tuple[tuple, tuple]:
    return (
        tuple(f.attname for f in Enrollment._meta.concrete_fields),
        tuple(f.attname for f in Candidate._meta.concrete_fields if f.name not in CANDIDATE_UNUSED),
    )


def _loaded(model, values: dict):
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
            .filter(free)
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
    e_names, c_names = _claim_columns()
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


def _release(enrollment: Enrollment, **fields) -> None:
    Enrollment.objects.filter(pk=enrollment.pk, claimed_by=enrollment.claimed_by).update(
        claimed_by="", claimed_until=None, **fields
    )


def _backoff(enrollment: Enrollment, now: dt.datetime, error: str) -> None:
    previous = enrollment.next_at or now
    wait = min(max((now - previous) * 2, dt.timedelta(minutes=10)), BACKOFF_MAX)
    log.warning("enrollment %s backs off %s: %s", enrollment.public_id, wait, error)
    _release(enrollment, next_at=now + wait, last_error=error[:2000])


# --- 2. Decide and commit as sending -------------------------------------------------------


@dataclass
class Pending:
    enrollment: Enrollment
    step: Step
    message: OutboundMessage
    email: bytes  # the message as handed to SMTP
    outcome: transport.Outcome | None = None


def _steps(cache: dict, sequence_id: int) -> list[Step]:
    if sequence_id not in cache:
        cache[sequence_id] = list(Step.objects.filter(sequence_id=sequence_id).order_by("position"))
    return cache[sequence_id]


def _decide(enrollment: Enrollment, now: dt.datetime, cache: dict) -> Pending | None:
    campaign, candidate = enrollment.campaign, enrollment.candidate
    team = campaign.team
    steps = _steps(cache, campaign.sequence_id)
    if candidate.unsubscribed_at:
        services.enrollment_transition(
            enrollment=enrollment, state=Enrollment.State.UNSUBSCRIBED, at=now, reason="unsubscribed"
        )
        return None
    if enrollment.next_position >= len(steps):
        services.enrollment_finish(enrollment=enrollment, at=now)
        return None
    step = steps[enrollment.next_position]
    zone = services.candidate_zone(candidate, team)
    window = {
        "tz": zone,
        "weekdays": step.window_weekdays,
        "start": step.window_start,
        "end": step.window_end,
        "country": team.country,
    }
    # Same instant, zone and step for most of a batch: the window is computed once for them.
    key = ("window", zone, step.pk, team.country)
    if key not in cache:
        cache[key] = tzlib.next_in_window(now, **window)
    opens = cache[key]
    if opens > now:
        _release(enrollment, next_at=opens)
        return None
    rendered = render_step(
        step=step,
        candidate=candidate,
        job=campaign.job,
        owner=campaign.owner,
        mailbox=campaign.mailbox,
        hook=enrollment.hook,
    )
    if not rendered.ok:
        problems = [f"missing {m}" for m in rendered.missing] + rendered.errors
        _backoff(enrollment, now, f"step {step.position + 1} cannot be rendered: {'; '.join(problems)}")
        return None
    if step.channel != Step.Channel.EMAIL:
        _make_task(enrollment, step, rendered, now)
        return None
    if candidate.last_contacted_at and now < candidate.last_contacted_at + dt.timedelta(
        days=services.pressure_days()
    ):
        _release(
            enrollment,
            next_at=tzlib.next_in_window(
                candidate.last_contacted_at + dt.timedelta(days=services.pressure_days()), **window
            ),
        )
        return None
    to = getattr(enrollment, "usable_email", None)
    if to is None:
        to = services.usable_email(candidate)
    if not to:
        services.enrollment_transition(
            enrollment=enrollment, state=Enrollment.State.BOUNCED, at=now, reason="no valid email address"
        )
        return None
    mailbox = campaign.mailbox
    if mailbox is None or mailbox.kind == Mailbox.Kind.OUTBOX:
        via = OutboundMessage.Transport.OUTBOX
        from_email, from_name = settings.DEFAULT_FROM_EMAIL, ""
        if campaign.owner is not None and campaign.owner.email:
            from_email = campaign.owner.email
            from_name = campaign.owner.get_full_name()
    else:
        via = mailbox.kind
        from_email, from_name = mailbox.address, mailbox.display_name
    if getattr(settings, "VIVIER_MAIL_TRANSPORT", ""):
        via = settings.VIVIER_MAIL_TRANSPORT  # "memory" in tests and benchmarks
    subject, in_reply_to, references = rendered.subject, "", ""
    if step.same_thread and enrollment.thread_root_id:
        base = enrollment.thread_subject
        subject = base if base.lower().startswith("re:") else f"Re: {base}"
        refs = enrollment.thread_refs.split()
        in_reply_to, references = refs[-1], " ".join(refs[-10:])
    message = new_message(
        public_id=uuid.uuid4(),
        team_id=team.pk,
        enrollment_id=enrollment.pk,
        position=step.position,
        step_id=step.pk,
        candidate_id=candidate.pk,
        campaign_id=campaign.pk,
        mailbox=mailbox,
        transport=via,
        status=OutboundMessage.Status.SENDING,
        from_email=from_email,
        from_name=from_name,
        to_email=to,
        to_name=candidate.full_name,
        subject=subject,
        body="",
        in_reply_to=in_reply_to,
        references=references,
        due_at=enrollment.next_at or now,
        claimed_by=worker_id(),
        claimed_until=now + MESSAGE_LEASE,
        created_at=now,
        attempts=1,
    )
    try:
        message.message_id = mime.new_message_id(from_email)
        message.unsubscribe_url = unsubscribe_url(candidate, message.public_id)
        body = rendered.body
        if "unsubscribe_url" not in (step.body_fr + step.body_en):
            body += footer(candidate.preferred_language, message.unsubscribe_url)
        message.body = body
        email = _mime(message, now)
    except mime.HeaderInjection as exc:
        _backoff(enrollment, now, f"step {step.position + 1}: {exc}")
        return None
    return Pending(enrollment=enrollment, step=step, message=message, email=email)


@lru_cache(maxsize=1)
def _message_columns() -> tuple:
    """(attname, field) of every OutboundMessage column, in the order the model's __init__ takes them."""
    return tuple((f.attname, f) for f in OutboundMessage._meta.concrete_fields)


@lru_cache(maxsize=1)
def _message_defaults() -> tuple[dict, tuple]:
    """({attname: default} of the columns whose default is a constant, ((attname, field), ...) of those whose
    default is computed on each call), as ``Model.__init__`` would fill them."""
    constant, computed = {}, []
    for name, f in _message_columns():
        if f.primary_key:
            constant[name] = None
        elif f.has_default() and callable(f.default):
            computed.append((name, f))
        else:
            constant[name] = f.get_default()
    return constant, tuple(computed)


def new_message(*, mailbox, **values) -> OutboundMessage:
    """An unsaved OutboundMessage, filled as ``OutboundMessage(**values)`` would be but without
    ``Model.__init__``'s per-field work; ``mailbox`` is cached on it so reading ``message.mailbox`` makes no
    query."""
    values["mailbox_id"] = mailbox.pk if mailbox is not None else None
    constant, computed = _message_defaults()
    row = {**constant, **values}
    for name, f in computed:
        if name not in values:
            row[name] = f.get_default()
    message = OutboundMessage.__new__(OutboundMessage)
    row["_state"] = ModelState()  # adding, no database yet: a new instance
    message.__dict__.update(row)
    OutboundMessage.mailbox.field.set_cached_value(message, mailbox)
    return message


def _mime(message: OutboundMessage, date: dt.datetime) -> bytes:
    return mime.build_bytes(
        from_name=message.from_name,
        from_email=message.from_email,
        to_name=message.to_name,
        to_email=message.to_email,
        subject=message.subject,
        body=message.body,
        message_id=message.message_id,
        date=date,
        in_reply_to=message.in_reply_to,
        references=message.references,
        unsubscribe_url=message.unsubscribe_url,
        unsubscribe_mailto=message.from_email,
    )


def _make_task(enrollment: Enrollment, step: Step, rendered, now: dt.datetime) -> None:
    candidate, campaign = enrollment.candidate, enrollment.campaign
    with transaction.atomic():
        if not Enrollment.objects.filter(
            pk=enrollment.pk, state=Enrollment.State.ACTIVE, claimed_by=enrollment.claimed_by
        ).update(next_position=step.position + 1, next_at=None, claimed_by="", claimed_until=None):
            return
        task, created = Task.objects.get_or_create(
            enrollment=enrollment,
            position=step.position,
            defaults={
                "team_id": enrollment.team_id,
                "candidate": candidate,
                "kind": step.channel,
                "owner": campaign.owner or candidate.owner,
                "params": {
                    "name": candidate.full_name,
                    "campaign_name": campaign.name,
                    "step": step.position + 1,
                },
                "body": "\n\n".join(p for p in (rendered.subject, rendered.body) if p),
                "due_at": now,
                "created_at": now,
            },
        )
        if created:
            timeline_add(
                candidate=candidate,
                kind=EventKind.TASK,
                at=now,
                params=task_event_params(task, campaign=str(campaign.public_id)),
            )


def _commit_sending(token: str, pending: list[Pending], now: dt.datetime) -> list[Pending]:
    """One transaction: still active and ours? mailbox slots free? Then the rows exist as ``sending``."""
    if not pending:
        return []
    with transaction.atomic():
        live = Enrollment.objects.filter(
            pk__in=[p.enrollment.pk for p in pending], state=Enrollment.State.ACTIVE, claimed_by=token
        )
        if is_postgres():
            live = live.select_for_update(of=("self",))
        live_ids = set(live.values_list("pk", flat=True))
        pending = [p for p in pending if p.enrollment.pk in live_ids]
        # The rhythm (daily limit, gap) belongs to real mailboxes; the outbox sends without one.
        by_mailbox: dict[int, list[Pending]] = {}
        go = []
        for p in pending:
            mailbox = p.message.mailbox
            if mailbox is not None and mailbox.kind != Mailbox.Kind.OUTBOX:
                by_mailbox.setdefault(mailbox.pk, []).append(p)
            else:
                go.append(p)
        for group in by_mailbox.values():
            fits, later = mailbox_take_slots(mailbox=group[0].message.mailbox, now=now, wanted=len(group))
            go += group[:fits]
            for p, retry_at in zip(group[fits:], later, strict=True):
                e = p.enrollment
                window = {
                    "tz": services.candidate_zone(e.candidate, e.campaign.team),
                    "weekdays": p.step.window_weekdays,
                    "start": p.step.window_start,
                    "end": p.step.window_end,
                    "country": e.campaign.team.country,
                }
                _release(e, next_at=tzlib.next_in_window(retry_at, **window))
        if not go:
            return []
        # Rows are addressed by their unique Message-ID afterwards, so no primary key needs to come back.
        insert_rows(OutboundMessage, [p.message for p in go])
        for p in go:
            p.enrollment.next_position = p.step.position + 1
            p.enrollment.next_at = None
        update_rows(Enrollment, [p.enrollment for p in go], ["next_position", "next_at"])
    return go


# --- 3. Send and record --------------------------------------------------------------------


def _revert_unsent(rest: list[Pending]) -> None:
    """SIGTERM arrived before these were handed to SMTP: they were never sent, so they go back to due."""
    with transaction.atomic():
        OutboundMessage.objects.filter(
            message_id__in=[p.message.message_id for p in rest],
            status=OutboundMessage.Status.SENDING,
            attempts=1,
        ).delete()
        for p in rest:
            Enrollment.objects.filter(pk=p.enrollment.pk).update(
                next_position=p.step.position, next_at=p.message.due_at, claimed_by="", claimed_until=None
            )


# How stale the "is the enrollment still active?" answer may be while a batch is being sent. A reply that
# lands after the batch was committed as ``sending`` must still stop a message not yet handed to the
# transport (a slow SMTP server can take seconds per message); one set-based query per interval keeps that
# guarantee without a query per message.
SEND_GUARD_SECONDS = 0.5


def _stopped_meanwhile(rest: list[Pending]) -> set[int]:
    ids = [p.enrollment.pk for p in rest]
    return set(
        Enrollment.objects.filter(pk__in=ids)
        .exclude(state=Enrollment.State.ACTIVE)
        .values_list("pk", flat=True)
    )


def _cancel_unsent(p: Pending) -> None:
    """The candidate replied (or was stopped) after the batch was committed: this message never leaves."""
    OutboundMessage.objects.filter(
        message_id=p.message.message_id, status=OutboundMessage.Status.SENDING
    ).update(
        status=OutboundMessage.Status.CANCELLED, last_error="stopped before sending: the enrollment ended"
    )


def send_all(go: list[Pending]) -> list[Pending]:
    pool = transport.SmtpPool()
    done = []
    checked_at = time.monotonic()
    stopped: set[int] = set()
    try:
        for i, p in enumerate(go):
            if stop_requested:
                _revert_unsent(go[i:])
                break
            if time.monotonic() - checked_at >= SEND_GUARD_SECONDS:
                stopped |= _stopped_meanwhile(go[i:])
                checked_at = time.monotonic()
            if p.enrollment.pk in stopped:
                _cancel_unsent(p)
                continue
            p.outcome = transport.deliver(
                transport=p.message.transport,
                mailbox=p.message.mailbox,
                email_message=p.email,
                to=p.message.to_email,
                pool=pool,
            )
            done.append(p)
    finally:
        pool.close()
    return done


def record_outcomes(done: list[Pending]) -> None:
    if not done:
        return
    at = clock.now()
    cache: dict = {}
    messages, enrollments, candidates, events = [], [], [], []
    bounced, gave_up = [], []
    for p in done:
        m, e, outcome = p.message, p.enrollment, p.outcome
        m.claimed_by, m.claimed_until = "", None
        m.smtp_response = (outcome.detail or "")[:500]
        e.claimed_by, e.claimed_until = "", None
        if outcome.result == transport.SENT:
            m.status, m.sent_at, m.last_error = OutboundMessage.Status.SENT, at, ""
            c = e.candidate
            c.last_contacted_at = at
            candidates.append(c)
            if not e.thread_root_id or not p.step.same_thread:
                e.thread_root_id, e.thread_subject, e.thread_refs = m.message_id, m.subject, m.message_id
            else:
                e.thread_refs = f"{e.thread_refs} {m.message_id}".strip()
            e.last_sent_at, e.last_error = at, ""
            e.next_position = max(e.next_position, m.position + 1)
            e.next_at = services.enrollment_next_at(
                enrollment=e, steps=_steps(cache, e.campaign.sequence_id), base=at
            )
            events.append(
                plain_row(
                    TimelineEvent,
                    team_id=e.team_id,
                    candidate_id=c.pk,
                    at=at,
                    kind=EventKind.MESSAGE_OUT,
                    params={
                        "subject": m.subject[:300],
                        "message": str(m.public_id),
                        "campaign": str(e.campaign.public_id),
                        "step": m.position + 1,
                        "message_id": m.message_id,
                        "transport": m.transport,
                    },
                )
            )
        elif outcome.result == transport.BOUNCE:
            m.status, m.last_error = OutboundMessage.Status.BOUNCED, outcome.detail
            bounced.append(p)
        elif outcome.result == transport.UNKNOWN:
            m.status, m.last_error = OutboundMessage.Status.UNKNOWN, outcome.detail
            e.last_error = f"message {m.public_id}: outcome unknown, check by hand ({outcome.detail})"[:2000]
        else:  # retry (4xx, network, refused login...)
            if m.attempts > len(RETRY_DELAYS):
                m.status, m.last_error = OutboundMessage.Status.FAILED, f"given up: {outcome.detail}"
                gave_up.append(p)
            else:
                m.status, m.last_error = OutboundMessage.Status.SCHEDULED, outcome.detail
                m.next_attempt_at = at + RETRY_DELAYS[m.attempts - 1]
                e.last_error = f"will retry at {m.next_attempt_at.isoformat()}: {outcome.detail}"[:2000]
        messages.append(m)
        enrollments.append(e)
    with transaction.atomic():
        update_rows(
            OutboundMessage,
            messages,
            [
                "status",
                "sent_at",
                "last_error",
                "smtp_response",
                "next_attempt_at",
                "claimed_by",
                "claimed_until",
            ],
            key="message_id",
        )
        update_rows(
            Enrollment,
            enrollments,
            [
                "claimed_by",
                "claimed_until",
                "thread_root_id",
                "thread_subject",
                "thread_refs",
                "last_sent_at",
                "last_error",
                "next_at",
                "next_position",
            ],
        )
        if candidates:
            update_rows(Candidate, candidates, ["last_contacted_at"])
        if events:
            insert_rows(TimelineEvent, events)
    for p in bounced:
        m, e = p.message, p.enrollment
        CandidateEmail.objects.filter(team_id=e.team_id, email=m.to_email, invalid_at__isnull=True).update(
            invalid_at=at, invalid_reason=m.last_error[:300]
        )
        timeline_add(
            candidate=e.candidate,
            kind=EventKind.MESSAGE_OUT,
            at=at,
            params={
                "message": str(m.public_id),
                "status": "bounced",
                "to": m.to_email,
                "error": m.last_error[:300],
            },
        )
        services.enrollment_transition(
            enrollment=e, state=Enrollment.State.BOUNCED, at=at, reason=m.last_error[:200]
        )
    for p in gave_up:
        services.enrollment_transition(
            enrollment=p.enrollment,
            state=Enrollment.State.ENDED,
            at=at,
            reason=f"could not send: {p.message.last_error}"[:200],
        )


# --- SMTP overlapped with the database work ---------------------------------------------------
# A batch that goes entirely through SMTP is handed to one long-lived sender thread that keeps its
# connections open for the worker's lifetime. While it talks to the server (socket waits release the GIL),
# the worker claims, renders and commits the next batch as ``sending``. The rules stay those of
# ``send_all``: a message is handed over only after its row was committed as ``sending``; the "still
# active?" re-check runs at most SEND_GUARD_SECONDS before each hand-over (the worker's thread runs it on
# its own connection, the sender waits for it when it is stale); a stopped enrollment's message is
# cancelled, never handed over; on SIGTERM the message being sent is finished and the rest goes back to due.
# Every batch is landed (outcomes recorded) before ``handle_one_due`` returns.

# How long one ``handle_one_due`` call keeps chaining batches through the sender (the other handlers run
# in between calls).
PIPELINE_SECONDS = 2.0
# While a batch is in flight, how soon the sender thread gets the GIL back after a server reply (the
# default 5 ms would be paid at each of the 3-4 round trips of every message).
SWITCH_INTERVAL = 0.00005
# Connections unused for this long are closed politely by the sender thread.
SMTP_IDLE_CLOSE_SECONDS = 60.0


class _Flight:
    """A batch committed as ``sending``, being handed to SMTP by the sender thread."""

    def __init__(self, go: list[Pending], guard_at: float):
        self.go = go
        self.done: list[Pending] = []  # handed to the transport, with their outcome
        self.cancelled: list[Pending] = []  # their enrollment stopped meanwhile: never handed over
        self.rest: list[Pending] = []  # stop requested: never handed over, back to due
        self.stopped: set[int] = set()  # enrollment ids the guard found no longer active
        self.guard_at = guard_at  # monotonic time of the last "still active?" check
        self.next = 0  # index of the next message to hand over
        self.waiting = False  # the sender waits for a fresh check before handing over
        self.finished = False
        self.error: BaseException | None = None
        self.cond = threading.Condition()


class _Sender:
    def __init__(self):
        self.pid = os.getpid()
        self.pool = transport.SmtpPool()
        self.inbox: queue.SimpleQueue = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="vivier-smtp-sender", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            try:
                flight = self.inbox.get(timeout=SMTP_IDLE_CLOSE_SECONDS / 2)
            except queue.Empty:
                self.pool.close_idle(SMTP_IDLE_CLOSE_SECONDS)
                continue
            if flight is None:
                self.pool.close()
                return
            self._send(flight)

    def _send(self, f: _Flight) -> None:
        try:
            for i, p in enumerate(f.go):
                with f.cond:
                    asked = None
                    while (
                        not stop_requested
                        and time.monotonic() - f.guard_at >= SEND_GUARD_SECONDS
                        and (asked is None or f.guard_at < asked)
                    ):
                        asked = asked or time.monotonic()
                        f.next, f.waiting = i, True
                        f.cond.notify_all()  # the worker's thread re-checks go[i:], then wakes us
                        f.cond.wait(0.05)
                    f.waiting = False
                    if stop_requested:
                        f.rest = f.go[i:]
                        return
                    f.next = i
                    stopped = p.enrollment.pk in f.stopped
                if stopped:
                    f.cancelled.append(p)
                    continue
                p.outcome = transport.deliver(
                    transport=p.message.transport,
                    mailbox=p.message.mailbox,
                    email_message=p.email,
                    to=p.message.to_email,
                    pool=self.pool,
                )
                f.done.append(p)
        except BaseException as exc:  # noqa: BLE001 - handed back to the worker's thread
            f.error = exc
        finally:
            with f.cond:
                f.finished = True
                f.cond.notify_all()

    def close(self) -> None:
        self.inbox.put(None)
        self.thread.join(timeout=35)


_sender: _Sender | None = None


def _the_sender() -> _Sender:
    global _sender
    if _sender is None or _sender.pid != os.getpid() or not _sender.thread.is_alive():
        _sender = _Sender()
    return _sender


def shutdown_sender() -> None:
    """Close the kept-open SMTP connections (the worker calls this when it stops)."""
    global _sender
    if _sender is not None and _sender.pid == os.getpid():
        _sender.close()
    _sender = None


def _guard_due(flight: _Flight) -> bool:
    """The sender waits for a check, or the last one is half stale (refreshed before the sender must wait)."""
    return flight.waiting or (
        SEND_GUARD_SECONDS > 0 and time.monotonic() - flight.guard_at >= SEND_GUARD_SECONDS / 2
    )


def _guard(flight: _Flight | None, force: bool = False) -> None:
    """Refresh the in-flight batch's "still active?" check when it is due (see ``_guard_due``)."""
    if flight is None or flight.finished or not (force or _guard_due(flight)):
        return
    with flight.cond:
        start = flight.next
    checked_at = time.monotonic()  # before the query: the answer is at least this fresh
    stopped = _stopped_meanwhile(flight.go[start:])
    with flight.cond:
        flight.stopped |= stopped
        flight.guard_at = checked_at
        flight.waiting = False  # answered; the sender asks again if it needs to
        flight.cond.notify_all()


def _land(flight: _Flight) -> None:
    """Wait for the sender to finish the batch (re-checking for it meanwhile), then record the outcomes."""
    while True:
        with flight.cond:
            if flight.finished:
                break
            if not _guard_due(flight):
                flight.cond.wait(
                    0.05
                    if SEND_GUARD_SECONDS <= 0
                    else max(0.001, min(0.05, SEND_GUARD_SECONDS / 2 - (time.monotonic() - flight.guard_at)))
                )
                continue
        _guard(flight, force=True)
    for p in flight.cancelled:
        _cancel_unsent(p)
    if flight.rest:
        _revert_unsent(flight.rest)
    record_outcomes(flight.done)
    if flight.error is not None:
        raise flight.error


def _threaded(go: list[Pending]) -> bool:
    return bool(go) and all(p.message.transport == OutboundMessage.Transport.SMTP for p in go)


def _prepare(token: str, claimed: list, now: dt.datetime, flight: _Flight | None) -> list[Pending]:
    cache: dict = {}
    pending = []
    # No candidate of the batch in flight can be here: a candidate has one active enrollment at most
    # (constraint enrollment_one_active_per_candidate), and the one in flight has no next_at until it lands.
    for enrollment in claimed:
        _guard(flight)
        try:
            decided = _decide(enrollment, now, cache)
        except Exception as exc:  # one broken row must not stop the others
            log.exception("enrollment %s failed", enrollment.public_id)
            _backoff(enrollment, now, f"{type(exc).__name__}: {exc}")
            continue
        if decided is not None:
            pending.append(decided)
    _guard(flight)
    return _commit_sending(token, pending, now)


def handle_one_due() -> bool:
    """Claim a batch of due enrollments and run their steps. True when something was done.
    Batches that go through SMTP chain for up to PIPELINE_SECONDS, each overlapping the previous one's
    sending; all of them are sent and recorded before this returns."""
    flight: _Flight | None = None
    worked = False
    deadline = time.monotonic() + PIPELINE_SECONDS
    switch = sys.getswitchinterval()
    try:
        while True:
            now = clock.now()
            token, claimed = claim_due(now, batch_size())
            _guard(flight)
            if not claimed:
                break
            worked = True
            go = _prepare(token, claimed, now, flight)
            if flight is not None:
                landing, flight = flight, None
                _land(landing)
            if not _threaded(go) or stop_requested:
                record_outcomes(send_all(go))
                break
            flight = _Flight(go, guard_at=time.monotonic())  # _commit_sending just checked them all
            sys.setswitchinterval(SWITCH_INTERVAL)
            _the_sender().inbox.put(flight)
            if stop_requested or time.monotonic() >= deadline:
                break
    finally:
        if flight is not None:
            _land(flight)
        sys.setswitchinterval(switch)
    return worked


# --- Retries and stale sends ---------------------------------------------------------------


def handle_one_retry() -> bool:
    """Send again one message that failed with a temporary error, after re-checking its enrollment."""
    now = clock.now()
    with transaction.atomic():
        # Uses index outbound_status_next (status, next_attempt_at).
        qs = OutboundMessage.objects.filter(
            status=OutboundMessage.Status.SCHEDULED,
            next_attempt_at__lte=now,
            campaign__status=Campaign.Status.RUNNING,
        ).order_by("next_attempt_at")
        if is_postgres():
            qs = qs.select_for_update(skip_locked=True, of=("self",))
        pk = qs.values_list("pk", flat=True).first()
        if pk is None:
            return False
        if not OutboundMessage.objects.filter(pk=pk, status=OutboundMessage.Status.SCHEDULED).update(
            status=OutboundMessage.Status.SENDING, claimed_by=worker_id(), claimed_until=now + MESSAGE_LEASE
        ):
            return True
    m = OutboundMessage.objects.select_related(
        "enrollment__campaign__team",
        "enrollment__campaign__sequence",
        "enrollment__candidate",
        "mailbox__team",
        "step",
    ).get(pk=pk)
    e = m.enrollment
    candidate = e.candidate
    if (
        e.state != Enrollment.State.ACTIVE
        or candidate.unsubscribed_at
        or CandidateEmail.objects.filter(
            team_id=e.team_id, email=m.to_email, invalid_at__isnull=False
        ).exists()
    ):
        OutboundMessage.objects.filter(pk=pk).update(
            status=OutboundMessage.Status.CANCELLED,
            claimed_by="",
            claimed_until=None,
            last_error="cancelled before retry",
        )
        return True
    step = m.step
    if step is not None:
        window = {
            "tz": services.candidate_zone(candidate, e.campaign.team),
            "weekdays": step.window_weekdays,
            "start": step.window_start,
            "end": step.window_end,
            "country": e.campaign.team.country,
        }
        opens = tzlib.next_in_window(now, **window)
        if opens > now:
            OutboundMessage.objects.filter(pk=pk).update(
                status=OutboundMessage.Status.SCHEDULED,
                next_attempt_at=opens,
                claimed_by="",
                claimed_until=None,
            )
            return True
    OutboundMessage.objects.filter(pk=pk).update(attempts=m.attempts + 1)
    m.attempts += 1
    pending = Pending(
        enrollment=e,
        step=step or Step(position=m.position, same_thread=bool(m.in_reply_to)),
        message=m,
        email=_mime(m, now),
    )
    record_outcomes(send_all([pending]))
    return True


def _dead_here(claimed_by: str) -> bool:
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname()[:60] or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def handle_one_stale() -> bool:
    """Messages left ``sending`` by a worker that died (lease over, or its process is gone on this host)
    become ``unknown``: a human checks whether they arrived. Never resent automatically."""
    now = clock.now()
    rows = list(
        OutboundMessage.objects.filter(status=OutboundMessage.Status.SENDING).values_list(
            "pk", "claimed_by", "claimed_until", "enrollment_id"
        )[:500]
    )
    stale = [
        (pk, eid) for pk, by, until, eid in rows if (until is not None and until < now) or _dead_here(by)
    ]
    if not stale:
        return False
    with transaction.atomic():
        changed = OutboundMessage.objects.filter(
            pk__in=[pk for pk, _ in stale], status=OutboundMessage.Status.SENDING
        ).update(
            status=OutboundMessage.Status.UNKNOWN,
            claimed_by="",
            claimed_until=None,
            last_error="the worker stopped while sending: check whether this email arrived",
        )
        Enrollment.objects.filter(pk__in=[eid for _, eid in stale]).update(
            last_error="a message's outcome is unknown: check it in the outbox",
            claimed_by="",
            claimed_until=None,
        )
        for m in OutboundMessage.objects.filter(pk__in=[pk for pk, _ in stale]).select_related("candidate"):
            timeline_add(
                candidate=m.candidate,
                kind=EventKind.MESSAGE_OUT,
                at=now,
                params={
                    "message": str(m.public_id),
                    "status": "unknown",
                    "message_id": m.message_id,
                    "subject": m.subject[:300],
                },
            )
    log.warning("%s message(s) left sending by a stopped worker are now 'unknown'", changed)
    return False


def after_sent_manually(*, message: OutboundMessage, at: dt.datetime) -> None:
    """A human confirmed an ``unknown`` message arrived: the sequence goes on from there."""
    e = Enrollment.objects.select_related("campaign__team", "campaign__sequence", "candidate").get(
        pk=message.enrollment_id
    )
    if not e.thread_root_id:
        e.thread_root_id, e.thread_subject, e.thread_refs = (
            message.message_id,
            message.subject,
            message.message_id,
        )
    else:
        e.thread_refs = f"{e.thread_refs} {message.message_id}"
    Candidate.objects.filter(pk=e.candidate_id).update(last_contacted_at=at)
    e.candidate.last_contacted_at = at
    e.last_sent_at, e.last_error = at, ""
    if e.state == Enrollment.State.ACTIVE:
        e.next_at = services.enrollment_next_at(
            enrollment=e, steps=list(e.campaign.sequence.steps.all()), base=at
        )
    e.save(
        update_fields=[
            "thread_root_id",
            "thread_subject",
            "thread_refs",
            "last_sent_at",
            "last_error",
            "next_at",
        ]
    )


MATCH_EVERY = dt.timedelta(hours=1)


def handle_one_new_matches() -> bool:
    """A running campaign that follows its segment enrolls the candidates who matched since launch
    (at most once an hour per campaign; those whose templates miss values are left out, as at launch)."""
    now = clock.now()
    due = (
        Campaign.objects.filter(status=Campaign.Status.RUNNING, follow_new_matches=True)
        .exclude(segment_query="")
        .filter(Q(matched_at__isnull=True) | Q(matched_at__lt=now - MATCH_EVERY))
        .order_by("matched_at")
        .first()
    )
    if due is None:
        return False
    if (
        not Campaign.objects.filter(pk=due.pk)
        .filter(Q(matched_at__isnull=True) | Q(matched_at__lt=now - MATCH_EVERY))
        .update(matched_at=now)
    ):
        return True  # another worker took it
    try:
        from vivier.segments.selectors import segment_candidates
    except ImportError:
        log.warning("campaign %s follows new matches but segments are not available", due.public_id)
        return False
    candidates = segment_candidates(team=due.team, query=due.segment_query).exclude(enrollments__campaign=due)
    review = services.campaign_start(campaign=due, candidates=candidates, allow_missing=True)
    if review.eligible:
        log.info("campaign %s: %s new match(es) enrolled", due.public_id, len(review.eligible))
    return True
