"""Running an import: a mapping resolved against the headers, then each file read, normalized and written
in chunks by the engine."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager, nullcontext
from pathlib import Path

from django.db import connection, transaction

from vivier.lib import clock
from vivier.lib.dbstats import statistics_refresh
from vivier.pool import blocklist
from vivier.pool.services.classify import team_taxonomy

from . import indexes
from .engine import CHUNK, Engine
from .fields import FIELDS, FORMATS, check_mapping, detect_format, guess_mapping
from .reader import forks, normalized
from .readers import ENCODING_LABELS, UnreadableFile, open_table
from .report import ImportReport, Preview
from .rows import RowNormalizer
from .tuning import collect_between_chunks, quiet_gc, sqlite_bulk


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


@contextmanager
def private_copy():
    """SQLite: a dry run works on a private snapshot of the database. It writes every row and rolls back at
    the end, in one transaction; on the shared file that transaction would hold the write lock for the
    whole file, and the worker's writes would wait past their busy timeout ("database is locked"). The
    snapshot is read through the backup API (a reader: it blocks no writer in WAL mode) and is deleted
    afterwards. Elsewhere (PostgreSQL, or already inside a transaction) the dry run uses the database as
    is."""
    conn = connection
    if conn.vendor != "sqlite" or conn.in_atomic_block:
        yield
        return
    source = Path(conn.settings_dict["NAME"])
    folder = Path(tempfile.mkdtemp(prefix="vivier-dry-run-", dir=source.parent))
    copy = folder / "snapshot.db"
    conn.ensure_connection()
    target = sqlite3.connect(copy)
    try:
        conn.connection.backup(target)
    finally:
        target.close()
    shared = conn.settings_dict
    conn.close()
    conn.settings_dict = {**shared, "NAME": str(copy)}  # this thread's connection only
    try:
        yield
    finally:
        conn.close()
        conn.settings_dict = shared
        shutil.rmtree(folder, ignore_errors=True)


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
    with private_copy() if dry_run else nullcontext(), transaction.atomic() if dry_run else nullcontext():
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
        code, params = (exc.code, exc.params) if isinstance(exc, UnreadableFile) else ("file_unopenable", {})
        report.error(0, code, params, f"{prefix or display_name + ': '}{exc}", file=display_name)
        report.failed_files.append(display_name)
        return
    rows_before = report.rows
    stored_before = report.created + report.merged + report.unchanged
    erased_before = report._erased_rows
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
        normalize.taxonomy = team_taxonomy(team.pk)
        engine = Engine(team=team, filename=display_name, source_label=source_label, by=by)
        normalize.finish = engine.prepare  # in the reading process when there is one (see normalized)
        if not forks(table.size):
            normalize.preload()  # now, so that quiet_gc() freezes it; a reading process loads it itself
        chunk = []

        def flush():
            counts = engine.process(chunk)
            report.created += counts["created"]
            report.merged += counts["merged"]
            report.unchanged += counts["unchanged"]
            chunk.clear()
            collect_between_chunks()
            if batch is not None:
                batch_counters_save(batch, report)
            if progress is not None:
                progress(report.rows)

        with quiet_gc(), sqlite_bulk():
            with indexes.deferred(size_bytes=table.size) as deferred:
                _import_rows(table, normalize, chunk, flush, report, prefix, blocklist.checker(team))
            if deferred:  # the rebuilt indexes have no statistics yet, and the pool at least doubled
                statistics_refresh(full=True)
    finally:
        table.close()
    rows = report.rows - rows_before
    erased_only = rows == report._erased_rows - erased_before
    if rows and report.created + report.merged + report.unchanged == stored_before and not erased_only:
        report.error(
            0,
            "no_row_imported",
            {"rows": rows},
            f"{prefix or display_name + ': '}no row could be imported ({rows} rows, each refused): "
            f"check that the columns are mapped and that the header is the file's real one",
            file=display_name,
        )
        report.failed_files.append(display_name)
    elif not rows:
        report.error(
            0,
            "header_no_rows",
            {},
            f"{prefix or display_name + ': '}the file has a header but no rows",
            file=display_name,
        )
        report.failed_files.append(display_name)


# The first chunk is small: the engine waits for it, idle, while the reading process starts (a full chunk
# takes it about a second); after that the reader keeps ahead.
FIRST_CHUNK = 2000


# A row of someone erased at their request (a tombstone of one of its emails, phones or profile URLs).
ERASED = "erased_on_request"


def _import_rows(table, normalize, chunk, flush, report, prefix, blocked=None) -> None:
    limit = min(FIRST_CHUNK, CHUNK)
    file = prefix[:-2]
    for items in normalized(table, normalize):
        for number, incoming in items:
            report.rows += 1
            if isinstance(incoming, list):
                code, params, message = incoming
                report.error(number, code, params, prefix + message, file=file)
                continue
            if blocked is not None and blocked(incoming.keys()):
                report._erased_rows += 1
                report.error(
                    number,
                    ERASED,
                    {},
                    f"{prefix}erased at the person's request (row not imported)",
                    file=file,
                )
                continue
            for code, params, message in incoming.warnings:
                report.error(
                    number,
                    code,
                    {**params, "kept": True},
                    f"{prefix}{message} (row imported; the value is kept on the timeline)",
                    file=file,
                )
            chunk.append(incoming)
            if len(chunk) >= limit:
                flush()
                limit = CHUNK
    if chunk:
        flush()


def batch_counters_save(batch, report: ImportReport) -> None:
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
