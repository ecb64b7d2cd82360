"""Stored imports (``ImportBatch``): run by the web page's thread or by the worker, one claim each."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Q

from vivier.lib import clock

from .run import batch_counters_save, import_run


def import_batch_process(*, batch, claimed: bool = False) -> None:
    """Run a stored batch. Unless the caller already claimed it, claim it here (pending -> running with a
    conditional UPDATE), so the page's background thread and ``vivier worker`` never both run one batch."""
    from vivier.pool.models import ImportBatch

    if not claimed and not ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PENDING).update(
        status=ImportBatch.Status.RUNNING, heartbeat_at=clock.now()
    ):
        return
    try:
        report = import_run(
            team=batch.team,
            paths=[batch.stored_path],
            source=batch.source,
            format=batch.format or "auto",
            mapping=batch.mapping or None,
            by=batch.created_by,
            batch=batch,
        )
    except Exception as exc:  # a failed batch records why and never crash-loops the worker
        errors = ImportBatch.objects.filter(pk=batch.pk).values_list("errors", flat=True).first() or []
        stopped = {"row": 0, "message": str(exc)[:2000], "code": "stopped", "params": {}}
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED,
            error=str(exc)[:2000],
            errors=[stopped, *errors],
            finished_at=clock.now(),
        )
        return
    batch_counters_save(batch, report)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.FAILED if report.failed else ImportBatch.Status.DONE,
        error=report.file_message[:2000] if report.failed else "",
        finished_at=clock.now(),
    )
    batch.refresh_from_db()


# A running batch reports after every chunk (a second or two). One silent this long was being run by a
# process that died (a restarted web server, a killed worker): the worker runs it again from the start,
# which is safe because importing a file again changes nothing it already imported. Generous, so that
# the index rebuild at the end of a very large import (no chunks then) is never taken for a death.
STALLED_AFTER = timedelta(minutes=30)


def requeue_stalled_imports() -> int:
    """Put back to pending the running batches whose heartbeat stopped; returns how many."""
    from vivier.pool.models import ImportBatch

    limit = clock.now() - STALLED_AFTER
    stalled = ImportBatch.objects.filter(
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, created_at__lt=limit),
        status=ImportBatch.Status.RUNNING,
    )
    if not stalled.exists():  # a read: the worker asks every turn, and must not queue for SQLite's write lock
        return 0
    return stalled.update(status=ImportBatch.Status.PENDING, heartbeat_at=None)


def handle_one_import() -> bool:
    from vivier.pool.models import ImportBatch

    requeue_stalled_imports()
    pending = ImportBatch.objects.filter(status=ImportBatch.Status.PENDING).order_by("created_at", "id")
    claim = {"status": ImportBatch.Status.RUNNING, "heartbeat_at": clock.now()}
    if connection.vendor == "postgresql":
        with transaction.atomic():
            pk = pending.select_for_update(skip_locked=True).values_list("pk", flat=True).first()
            claimed = pk is not None and ImportBatch.objects.filter(
                pk=pk, status=ImportBatch.Status.PENDING
            ).update(**claim)
    else:
        pk = pending.values_list("pk", flat=True).first()
        claimed = pk is not None and ImportBatch.objects.filter(
            pk=pk, status=ImportBatch.Status.PENDING
        ).update(**claim)
    if pk is None:
        return False
    if claimed:
        import_batch_process(
            batch=ImportBatch.objects.select_related("team", "created_by").get(pk=pk), claimed=True
        )
    return True
