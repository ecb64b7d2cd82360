"""Importing a recruiter's existing pool: CSV (any delimiter, any of the usual encodings), XLSX, XLS;
Lever, Greenhouse and LinkedIn exports; anything else through French/English header synonyms or a mapping.

Functions for the web pages, the API, the CLI and the worker:

``import_preview(*, path, format="auto", mapping=None, rows=10) -> Preview``
    Reads the head of a file and returns ``Preview(kind, encoding, delimiter, format, headers,
    guessed_mapping, sample_rows, fields, warnings)``: ``guessed_mapping`` is ``{header: field}``
    ("" = not imported, its values are kept on the timeline), ``fields`` the ``[(name, label)]`` a
    mapping may use (``FIELDS`` in ``fields.py``), ``sample_rows`` the first ``rows`` data rows as
    ``(row_number, {header: value})``. Raises ``UnreadableFile`` (a ``ValueError``) with a message for
    the user when the file is not a table.

``import_run(*, team, paths, source="", format="auto", mapping=None, dry_run=False, by=None, batch=None,
progress=None) -> ImportReport``
    Imports the files into the team's pool (see ``engine.py`` for the merge policy) and returns
    ``ImportReport(rows, created, merged, unchanged, errors)``, ``errors`` being ``[{"row", "message"}]``
    with the row number a recruiter sees in Excel (header = row 1). ``mapping`` is ``{header: field}``
    and overrides the guesses for the headers it names. ``progress(rows_done)`` is called after each
    committed chunk; with ``batch`` the ImportBatch's counters are saved after each chunk too.
    ``dry_run`` does everything in one transaction and rolls it back.

``import_batch_process(*, batch)``
    Runs an ``ImportBatch`` whose file is at ``batch.stored_path`` (status -> running -> done or
    failed, counters and errors saved as it goes, so a page can poll it).

``handle_one_import() -> bool``
    The worker's step: puts back to pending the running batches whose process died
    (``requeue_stalled_imports``), claims the oldest pending ImportBatch with a conditional UPDATE (and
    ``SKIP LOCKED`` on PostgreSQL), processes it, and returns whether there was work.
"""

from __future__ import annotations

import fcntl
import gc
import json
import marshal
import multiprocessing
import queue
import threading
import traceback
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Q

from vivier.lib import clock
from vivier.lib.dbstats import statistics_refresh

from . import indexes
from .bulk import sqlite_pragmas
from .engine import CHUNK, Engine
from .fields import FIELDS, FORMATS, check_mapping, detect_format, guess_mapping
from .readers import ENCODING_LABELS, UnreadableFile, open_table
from .rows import Incoming, RowError, RowNormalizer

__all__ = [
    "FIELDS",
    "FORMATS",
    "ImportReport",
    "Preview",
    "UnreadableFile",
    "handle_one_import",
    "import_batch_process",
    "import_preview",
    "import_run",
    "parse_mapping",
]

MAX_ERRORS = 10_000
DELIMITER_LABELS = {",": "comma (,)", ";": "semicolon (;)", "\t": "tab", "|": "pipe (|)"}


@dataclass
class Preview:
    kind: str
    encoding: str
    delimiter: str
    format: str
    headers: list[str]
    guessed_mapping: dict[str, str]
    sample_rows: list[tuple[int, dict[str, str]]]
    fields: list[tuple[str, str]]
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    _hidden_errors: int = 0

    def error(self, row: int, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": row, "message": message})
        else:
            self._hidden_errors += 1

    def as_dict(self) -> dict:
        data = asdict(self)
        hidden = data.pop("_hidden_errors")
        if hidden:
            data["errors"] = [*data["errors"], {"row": 0, "message": f"{hidden} more errors not listed"}]
        return data


def parse_mapping(value: str | dict | None) -> dict[str, str] | None:
    """A mapping from the CLI: inline JSON ``{"Header": "field"}`` or the path of a JSON file."""
    if value is None or isinstance(value, dict):
        return value
    text = value.strip()
    if not text.startswith("{"):
        text = Path(value).read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ValueError('a mapping is a JSON object {"column header": "field name"}')
    return data


def _resolve(headers: list[str], fmt: str, mapping: dict | None) -> tuple[str, dict[str, str]]:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "auto":
        fmt = detect_format(headers)
    guessed = guess_mapping(headers, fmt)
    if mapping:
        guessed.update(check_mapping(headers, mapping))
    return fmt, guessed


# The preview shows a few rows: it stops looking for them after this many, and cuts long cells.
PREVIEW_SCAN = 1_000
PREVIEW_CELL = 300


def import_preview(*, path, format: str = "auto", mapping: dict | None = None, rows: int = 10) -> Preview:
    table = open_table(path)
    try:
        fmt, guessed = _resolve(table.headers, format, mapping)
        sample = []
        for scanned, (number, cells) in enumerate(table.rows, start=1):
            if scanned > PREVIEW_SCAN:
                table.warnings.append(f"the preview read the first {PREVIEW_SCAN:,} rows only")
                break
            if not any(c.strip() for c in cells):
                continue
            sample.append(
                (
                    number,
                    {
                        h: (cells[i][:PREVIEW_CELL] if i < len(cells) else "")
                        for i, h in enumerate(table.headers)
                    },
                )
            )
            if len(sample) >= rows:
                break
    finally:
        table.close()
    return Preview(
        kind=table.kind,
        encoding=ENCODING_LABELS.get(table.encoding, table.encoding),
        delimiter=table.delimiter,
        format=fmt,
        headers=table.headers,
        guessed_mapping=guessed,
        sample_rows=sample,
        fields=[(k, str(v)) for k, v in FIELDS.items()],
        warnings=table.warnings,
    )


def import_run(
    *,
    team,
    paths,
    source: str = "",
    format: str = "auto",
    mapping: dict | None = None,
    dry_run: bool = False,
    by=None,
    batch=None,
    progress=None,
) -> ImportReport:
    report = ImportReport()
    if not dry_run:
        indexes.restore()  # left behind by an import that was killed (see indexes.py)
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    with transaction.atomic() if dry_run else nullcontext():
        for path in paths:
            prefix = f"{path.name}: " if len(paths) > 1 else ""
            _import_file(
                team=team,
                path=path,
                display_name=(batch.filename if batch else path.name),
                source=source,
                fmt=format,
                mapping=mapping,
                by=by,
                report=report,
                prefix=prefix,
                batch=batch,
                progress=progress,
            )
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import_file(
    *,
    team,
    path: Path,
    display_name: str,
    source,
    fmt,
    mapping,
    by,
    report: ImportReport,
    prefix: str,
    batch,
    progress,
) -> None:
    try:
        table = open_table(path)
    except (UnreadableFile, OSError) as exc:
        report.error(0, f"{prefix or display_name + ': '}{exc}")
        return
    try:
        fmt, resolved = _resolve(table.headers, fmt, mapping)
        source_label = source or (fmt if fmt != "generic" else display_name)
        normalize = RowNormalizer(
            headers=table.headers,
            mapping=resolved,
            fmt=fmt,
            region=team.default_region,
            source_name=source_label,
        )
        engine = Engine(team=team, filename=display_name, source_label=source_label, by=by)
        normalize.finish = engine.prepare  # in the reading process when there is one (see _normalized)
        if not _forks(table.size):
            normalize.preload()  # now, so that _quiet_gc() freezes it; a reading process loads it itself
        chunk = []

        def flush():
            counts = engine.process(chunk)
            report.created += counts["created"]
            report.merged += counts["merged"]
            report.unchanged += counts["unchanged"]
            chunk.clear()
            _collect_between_chunks()
            if batch is not None:
                _save_counters(batch, report)
            if progress is not None:
                progress(report.rows)

        with _quiet_gc(), _sqlite_bulk():
            with indexes.deferred(size_bytes=table.size) as deferred:
                _import_rows(table, normalize, chunk, flush, report, prefix)
            if deferred:  # the rebuilt indexes have no statistics yet, and the pool at least doubled
                statistics_refresh(full=True)
    finally:
        table.close()


# The first chunk is small: the engine waits for it, idle, while the reading process starts (a full chunk
# takes it about a second); after that the reader keeps ahead.
FIRST_CHUNK = 2000


def _import_rows(table, normalize, chunk, flush, report, prefix) -> None:
    limit = min(FIRST_CHUNK, CHUNK)
    for items in _normalized(table, normalize):
        for number, incoming in items:
            report.rows += 1
            if isinstance(incoming, str):
                report.error(number, prefix + incoming)
                continue
            for warning in incoming.warnings:
                report.error(number, f"{prefix}{warning} (row imported; the value is kept on the timeline)")
            chunk.append(incoming)
            if len(chunk) >= limit:
                flush()
                limit = CHUNK
    if chunk:
        flush()


def _read(table, normalize):
    """The file's non-empty rows as ``(row_number, Incoming)``, or ``(row_number, message)`` for a bad row."""
    for number, cells in table.rows:
        if not any(cells) or not "".join(cells).strip():
            continue
        try:
            yield number, normalize(number, cells)
        except RowError as exc:
            yield number, str(exc)


# A file at least this big is read and normalized by a forked process while this one writes: see
# ``_normalized_in_child``. Smaller files are not worth a fork.
FORK_MIN_BYTES = 1_000_000
_BATCH = 500  # rows per message from the reading process
_AHEAD = 40  # messages received ahead of the engine (20,000 rows, a few MB)
_PIPE_BYTES = 1 << 20  # room for a few thousand rows in flight (Linux caps it at fs.pipe-max-size)


def _normalized(table, normalize, size: int | None = None):
    """Batches of ``(row_number, Incoming | error message)`` in file order."""
    if _forks(table.size if size is None else size):
        yield from _normalized_in_child(table, normalize)
        return
    batch = []
    for item in _read(table, normalize):
        batch.append(item)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _forks(size: int) -> bool:
    return size >= FORK_MIN_BYTES and "fork" in multiprocessing.get_all_start_methods()


def _normalized_in_child(table, normalize):
    """Read, decode and normalize the file in a forked child process (pure Python that never touches the
    database) while this process runs the engine, so the two cores work at once. The child sends plain
    tuples (``Incoming.as_tuple``), which load several times faster than the dataclass, with ``marshal``,
    which reads them back in about half the time ``pickle`` takes (here, the bottleneck). A small thread
    here drains the pipe into a bounded queue (it only waits on the pipe, with the GIL released), so the
    child keeps working while this process writes a chunk, and runs at most ``_AHEAD`` messages ahead:
    memory does not grow with the file. The child leaves with ``os._exit`` (multiprocessing's fork start
    method), so it never closes the database connection it inherited."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    with suppress(OSError, AttributeError):  # a bigger pipe lets the child get further ahead (Linux)
        fcntl.fcntl(sender.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    child = context.Process(
        target=_child_main, args=(table, normalize, sender), name="vivier-import-reader", daemon=True
    )
    child.start()
    sender.close()
    received: queue.Queue = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()

    def drain() -> None:
        while not stop.is_set():
            try:
                data = receiver.recv_bytes()
            except (EOFError, OSError):
                data = None
            while not stop.is_set():
                try:
                    received.put(data, timeout=0.1)
                    break
                except queue.Full:
                    continue
            if data is None:
                return

    drainer = threading.Thread(target=drain, name="vivier-import-pipe", daemon=True)
    drainer.start()
    try:
        while True:
            data = received.get()
            if data is None:
                child.join()
                raise RuntimeError(
                    f"the import's reading process stopped unexpectedly (exit code {child.exitcode})"
                )
            message = marshal.loads(data)
            if message is None:
                break
            if isinstance(message, tuple):  # ("error", traceback) from the child
                raise RuntimeError(f"reading the file failed in the import's reading process:\n{message[1]}")
            yield [
                (number, value if isinstance(value, str) else Incoming.from_tuple(value))
                for number, value in message
            ]
        child.join()
    finally:
        stop.set()
        if child.is_alive():
            child.terminate()
            child.join()
        drainer.join()
        receiver.close()


def _child_main(table, normalize, sender) -> None:
    try:
        # The gazetteer is loaded here, not before the fork: the writing process never reads it (~0.8 s and
        # ~100 MB it no longer spends). Frozen, like everything the parent had, so the collector skips it.
        normalize.preload()
        gc.freeze()
        # The writing process switched automatic collection off (``_quiet_gc``) for its own reasons; here each
        # batch of rows is short-lived and small, so the usual collection is cheap.
        gc.enable()
        gc.set_threshold(50_000, *gc.get_threshold()[1:])
        batch = []
        for number, value in _read(table, normalize):
            batch.append((number, value if isinstance(value, str) else value.as_tuple()))
            if len(batch) >= _BATCH:
                sender.send_bytes(marshal.dumps(batch))
                batch = []
        if batch:
            sender.send_bytes(marshal.dumps(batch))
        sender.send_bytes(marshal.dumps(None))
    except BrokenPipeError:  # the importing process gave up
        pass
    except BaseException:
        with suppress(OSError):
            sender.send_bytes(marshal.dumps(("error", traceback.format_exc())))
    finally:
        sender.close()


@contextmanager
def _quiet_gc():
    """Keep the cyclic garbage collector from rescanning what an import holds: the long-lived objects (the
    gazetteer, the caches, Django's state) are frozen (moved out of the collected generations), and the
    automatic collection is off while importing. It ran every 50,000 allocations, in the middle of a chunk,
    and each run scanned the rows of the chunk waiting to be written (hundreds of thousands of containers,
    none of them garbage): 2.2 s of the writing process's 12 s at 100,000 rows. ``_collect_between_chunks``
    runs a collection instead after each chunk, when its rows are gone (a few ms), so that cycles made by the
    import, or by other threads meanwhile, are still collected and memory stays flat. All is restored
    after."""
    global _gc_depth, _gc_saved
    with _gc_lock:  # imports may run in threads (the web page's): the outermost one saves and restores
        if _gc_depth == 0:
            _gc_saved = gc.isenabled()
            gc.collect()
            gc.freeze()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0:
                if _gc_saved:
                    gc.enable()
                gc.unfreeze()


def _collect_between_chunks() -> None:
    gc.collect()


@contextmanager
def _sqlite_bulk():
    """SQLite only: let the write-ahead log grow to ~400 MB before a checkpoint copies it into the database
    (instead of ~4 MB, i.e. after nearly every chunk), so index pages touched by many chunks are written
    back (and synced) once, and the log file is cut back to 64 MB when it starts over; and give the connection a bigger page cache and no memory map (``IMPORT_CACHE_KIB``);
    durability is unchanged (same journal mode and ``synchronous`` level). ``PRAGMA optimize`` (or a full
    ANALYZE when there are no statistics yet) refreshes the planner's statistics after a large import, then
    the previous values are restored."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with sqlite_pragmas(
        wal_autocheckpoint=IMPORT_WAL_PAGES,
        journal_size_limit=IMPORT_WAL_KEEP_BYTES,
        cache_size=IMPORT_CACHE_KIB,
        mmap_size=0,
    ):
        try:
            yield
        finally:
            # Before the map comes back: statistics are computed by reading whole indexes.
            statistics_refresh(full=False)


# SQLite page cache while importing (negative = KiB): a chunk dirties pages all over the email, phone,
# URL and name indexes of a large pool; when they do not fit, SQLite spills them to the log mid-chunk and
# writes some several times. The memory map (settings: up to 1 GiB, for the segment counts) is switched
# off meanwhile: an import reads index pages all over a growing file, and mapped pages stay resident, so
# the process would grow with the pool; through the bounded cache, memory does not grow with the file.
IMPORT_CACHE_KIB = -128_000
# Write-ahead log pages before a checkpoint while importing (1,000 is SQLite's default). At a million rows a
# checkpoint every ~80 MB (20,000 pages) left the import waiting on the disk for a third of its time: each
# one writes the index pages dirtied since the last one into the database and syncs it.
IMPORT_WAL_PAGES = 100_000
IMPORT_WAL_KEEP_BYTES = 64 * 1024 * 1024


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_saved = True


def _save_counters(batch, report: ImportReport) -> None:
    from vivier.pool.models import ImportBatch

    data = report.as_dict()
    ImportBatch.objects.filter(pk=batch.pk).update(
        rows=report.rows,
        created=report.created,
        merged=report.merged,
        unchanged=report.unchanged,
        errors=data["errors"][:1000],
        heartbeat_at=clock.now(),
    )


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
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED, error=str(exc)[:2000], finished_at=clock.now()
        )
        return
    _save_counters(batch, report)
    unreadable = report.rows == 0 and report.errors and report.errors[0]["row"] == 0
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.FAILED if unreadable else ImportBatch.Status.DONE,
        error=report.errors[0]["message"] if unreadable else "",
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
