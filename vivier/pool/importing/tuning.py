"""How an import runs in its process: the garbage collector kept quiet, SQLite given room to write."""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

from django.db import connection

from vivier.lib.dbstats import statistics_refresh

from .bulk import sqlite_pragmas


@contextmanager
def quiet_gc():
    """Keep the cyclic garbage collector from rescanning what an import holds: the long-lived objects (the
    gazetteer, the caches, Django's state) are frozen (moved out of the collected generations), and the
    automatic collection is off while importing. It would run every 50,000 allocations, in the middle of a
    chunk, and each run would scan the rows of the chunk waiting to be written (hundreds of thousands of
    containers, none of them garbage). ``collect_between_chunks``
    runs a collection instead after each chunk, when its rows are gone, so that cycles made by the
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


def collect_between_chunks() -> None:
    gc.collect()


@contextmanager
def sqlite_bulk():
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
# Write-ahead log pages before a checkpoint while importing (1,000 is SQLite's default). Frequent checkpoints
# leave a large import waiting on the disk: each one writes the index pages dirtied since the last one into
# the database and syncs it.
IMPORT_WAL_PAGES = 100_000
IMPORT_WAL_KEEP_BYTES = 64 * 1024 * 1024


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_saved = True
