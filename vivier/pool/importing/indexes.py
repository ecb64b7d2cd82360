"""SQLite: set secondary indexes aside during an import that is large next to the pool, rebuild them after.

The candidate table carries a dozen secondary indexes for the segment queries, the tag, source and
timeline tables a few more. Kept up to date row by row, each costs a B-tree insert at a random place per new
row, and once the indexes outgrow the page cache (a few hundred thousand candidates) every one of those
inserts reads and rewrites a page: at a million rows the import spends most of its time there. Building an
index once from the finished table is a sort, many times cheaper. So when a file is expected to at least
double the pool (``should_defer``), the indexes the import itself does not read are dropped before the first
row and created again when the file is done.

What stays while the import runs: unique indexes (they *are* the dedupe: email, phone, profile URL), the
indexes on ``candidate_id`` (loading the candidates a chunk merges into) unless a unique index of the same
table starts with ``candidate_id`` (tags) and serves that, and the name-key index (the possible-duplicate
check). Everything else is only slower for others meanwhile (a segment count scans
instead of reading an index): results are the same.

Crash safety: each dropped index is recorded in ``DeferredIndex`` (with the host, process and thread of
the import) in the same transaction as its ``DROP INDEX`` (SQLite's DDL is transactional), and the record
is deleted in the same transaction as the ``CREATE INDEX``. An import killed half way leaves its records
behind; ``restore()`` runs at the start of every ``vivier`` command and of every import, and rebuilds
those whose import is no longer running. PostgreSQL is left alone (its indexes are
maintained in bulk well enough, and its pool is shared by concurrent users who rely on them).
"""

from __future__ import annotations

import os
import socket
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.db import connection, transaction

from vivier.lib import clock

from .bulk import sqlite_pragmas

TABLES = (
    "pool_candidate",
    "pool_candidateemail",
    "pool_candidatephone",
    "pool_candidateprofile",
    "pool_candidatetag",
    "pool_candidatesource",
    "pool_timelineevent",
)
KEEP = {
    "cand_team_namekey_cover"
}  # read by the possible-duplicate check of every chunk (dedupe.duplicates_queue)
MIN_ROWS = 20_000  # below this a file is quick anyway, and rebuilding would cost more than it saves
ABANDONED_AFTER = timedelta(hours=24)  # no import runs this long: its owner's pid was reused
REBUILD_CACHE_KIB = -16_000  # SQLite page cache while rebuilding (negative = KiB)
BYTES_PER_ROW = 400  # to guess a file's rows from its size (a CSV row of a rich export: 150-400 bytes)


def should_defer(*, size_bytes: int) -> bool:
    """Whether a file of this size is worth setting the indexes aside: it should hold at least ``MIN_ROWS``
    rows (guessed generously low, ``BYTES_PER_ROW``) and at least as many rows as the pool already has
    candidates, all teams together (rebuilding costs a sort of the whole table)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return False
    rows = size_bytes // BYTES_PER_ROW
    if rows < MIN_ROWS:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pool_candidate")  # reads the narrowest index
        pool = cursor.fetchone()[0] or 0
    return rows >= pool


def deferrable() -> list[tuple[str, str, str]]:
    """``(name, table, sql)`` of the indexes an import may set aside."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({', '.join(['%s'] * len(TABLES))}) ORDER BY tbl_name, name",
            list(TABLES),
        )
        found = cursor.fetchall()
        out = []
        for name, table, sql in found:
            if name in KEEP or sql.lstrip().upper().startswith("CREATE UNIQUE"):
                continue
            if _first_column(cursor, name) == "candidate_id" and not _unique_by_candidate(cursor, table):
                continue
            out.append((name, table, sql))
    return out


def _first_column(cursor, index: str) -> str | None:
    cursor.execute("SELECT name FROM pragma_index_info(%s) ORDER BY seqno LIMIT 1", [index])
    first = cursor.fetchone()
    return first[0] if first is not None else None


def _unique_by_candidate(cursor, table: str) -> bool:
    """Whether a unique index of ``table`` (a constraint's, which sqlite_master lists without SQL) starts with
    ``candidate_id``: it serves the loading of a chunk's candidates, so a plain ``candidate_id`` index
    beside it can be set aside (the tag table: one index fewer to update per tag row, 2.4 million at a
    million rows)."""
    cursor.execute('SELECT name FROM pragma_index_list(%s) WHERE "unique" = 1', [table])
    return any(_first_column(cursor, name) == "candidate_id" for (name,) in cursor.fetchall())


def owner_token() -> str:
    """Who is importing: this host, process and thread."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def owner_alive(owner: str) -> bool:
    """Whether the import that wrote ``owner`` may still be running: its thread if it is this process, its
    process if it is another one on this host. A record from another host, or without an owner, is not."""
    host, _, rest = owner.partition(":")
    pid_text, _, thread_text = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit() or not thread_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return any(t.ident == int(thread_text) for t in threading.enumerate())
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop() -> list[str]:
    """Drop the deferrable indexes, each recorded first; returns their names."""
    from vivier.pool.models import DeferredIndex

    names = []
    owner = owner_token()
    with transaction.atomic():
        now = clock.now()
        with connection.cursor() as cursor:
            for name, table, sql in deferrable():
                DeferredIndex.objects.create(name=name, table=table, sql=sql, dropped_at=now, owner=owner)
                cursor.execute(f"DROP INDEX {_quote(name)}")
                names.append(name)
    return names


def restore(*, owner: str | None = None) -> list[str]:
    """Rebuild recorded indexes (one transaction each, so the write lock is held one index at a time);
    returns their names. With ``owner``, those that import set aside; without, those whose import is no
    longer running (``owner_alive``) or was set aside more than ``ABANDONED_AFTER`` ago, so that a
    ``vivier`` command started during a large import does not rebuild its indexes under it. Safe to call
    at any time, by several processes."""
    if connection.vendor != "sqlite" or "pool_deferredindex" not in connection.introspection.table_names():
        return []
    from vivier.pool.models import DeferredIndex

    names = []
    records = DeferredIndex.objects.order_by("id")
    if owner is not None:
        pks = list(records.filter(owner=owner).values_list("pk", flat=True))
    else:
        old = clock.now() - ABANDONED_AFTER
        pks = [
            pk
            for pk, who, at in records.values_list("pk", "owner", "dropped_at")
            if at < old or not owner_alive(who)
        ]
    if not pks:
        return names
    # The sort behind CREATE INDEX spills to temporary files past the page cache; Vivier keeps temporary
    # data in memory (settings), which would hold a whole index's keys at once here. A small page cache,
    # too: the sort's memory is sized on it, and a bigger one only costs memory (docs/performance.md).
    with sqlite_pragmas(temp_store="FILE", cache_size=REBUILD_CACHE_KIB):
        for pk in pks:
            with transaction.atomic():
                record = DeferredIndex.objects.filter(pk=pk).first()
                if record is None:  # another process rebuilt it meanwhile
                    continue
                with connection.cursor() as cursor:
                    cursor.execute(_if_not_exists(record.sql))
                record.delete()
                names.append(record.name)
    return names


@contextmanager
def deferred(*, size_bytes: int):
    """Around the import of one file: set the indexes aside if the file is large next to the pool, and
    rebuild them when it is done, whether it succeeded or failed."""
    if not should_defer(size_bytes=size_bytes):
        yield False
        return
    drop()
    try:
        yield True
    finally:
        restore(owner=owner_token())


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _if_not_exists(sql: str) -> str:
    head = "CREATE INDEX "
    text = sql.lstrip()
    if text.upper().startswith(head) and not text.upper().startswith(head + "IF NOT EXISTS"):
        return head + "IF NOT EXISTS " + text[len(head) :]
    return text
