"""The file's rows read and normalized, in a forked process for a big file while this one writes."""

from __future__ import annotations

import fcntl
import gc
import marshal
import multiprocessing
import queue
import threading
import traceback
from contextlib import suppress

from .rows import Incoming, RowError


def _read(table, normalize):
    """The file's non-empty rows as ``(row_number, Incoming)``, or ``(row_number, [code, params, message])``
    for a bad row."""
    for number, cells in table.rows:
        if not any(cells) or not "".join(cells).strip():
            continue
        try:
            yield number, normalize(number, cells)
        except RowError as exc:
            yield number, exc.carried()


# A file at least this big is read and normalized by a forked process while this one writes: see
# ``_normalized_in_child``. Smaller files are not worth a fork.
FORK_MIN_BYTES = 1_000_000
_BATCH = 500  # rows per message from the reading process
_AHEAD = 40  # messages received ahead of the engine (20,000 rows, a few MB)
_PIPE_BYTES = 1 << 20  # room for a few thousand rows in flight (Linux caps it at fs.pipe-max-size)


def normalized(table, normalize, size: int | None = None):
    """Batches of ``(row_number, Incoming | error message)`` in file order."""
    if forks(table.size if size is None else size):
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


def forks(size: int) -> bool:
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
                (number, value if isinstance(value, list) else Incoming.from_tuple(value))
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
        # The gazetteer is loaded here, not before the fork: the writing process never reads it (it would
        # cost it time and memory). Frozen, like everything the parent had, so the collector skips it.
        normalize.preload()
        gc.freeze()
        # The writing process switched automatic collection off (``quiet_gc``) for its own reasons; here each
        # batch of rows is short-lived and small, so the usual collection is cheap.
        gc.enable()
        gc.set_threshold(50_000, *gc.get_threshold()[1:])
        batch = []
        for number, value in _read(table, normalize):
            batch.append((number, value if isinstance(value, list) else value.as_tuple()))
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
