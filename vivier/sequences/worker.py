"""The worker loop for a thread: ``run_forever(stop_event)``, used by ``vivier serve`` (web + worker in one
process).

The same loop as ``vivier worker`` (the handlers of ``VIVIER_WORKER_HANDLERS`` in turn, a pause when none
had work), but stopped by a ``threading.Event`` instead of signals: a thread cannot install signal handlers,
and the process's signals belong to the web server. When the event is set, the message being sent is
finished and the rest of the batch goes back to due (``engine.stop_requested``), then the loop returns.
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils.module_loading import import_string

from . import engine

log = logging.getLogger("vivier.worker")

# How often the stop watcher looks at the event while a batch is being sent.
WATCH_SECONDS = 0.1


def load_handlers() -> list[tuple[str, object]]:
    """The worker's handlers, in order; one that cannot be imported is logged and left out."""
    handlers = []
    for path in settings.VIVIER_WORKER_HANDLERS:
        try:
            handlers.append((path, import_string(path)))
        except ImportError:
            log.exception("VIVIER_WORKER_HANDLERS: cannot import %s; the worker runs without it", path)
    return handlers


def run_handler(path: str, handler) -> bool:
    """One handler call; True when it found work. A failure is logged and the loop goes on."""
    try:
        return bool(handler())
    except Exception:
        log.exception("worker handler %s failed", path)
        return False


def run_forever(stop_event: threading.Event, *, idle_seconds: float | None = None) -> None:
    """Run the handlers until ``stop_event`` is set. No signal handlers: this runs off the main thread."""
    handlers = load_handlers()
    idle = settings.VIVIER_WORKER_IDLE_SECONDS if idle_seconds is None else idle_seconds
    done = threading.Event()

    def watch():
        # The engine stops a batch after the message being sent when this flag is up.
        while not done.is_set():
            if stop_event.wait(WATCH_SECONDS):
                engine.stop_requested = True
                return

    engine.stop_requested = False
    watcher = threading.Thread(target=watch, name="vivier-worker-stop", daemon=True)
    watcher.start()
    log.info("vivier worker %s started in a thread (%d handlers)", engine.worker_id(), len(handlers))
    try:
        while not stop_event.is_set():
            close_old_connections()
            busy = False
            for path, handler in handlers:
                if stop_event.is_set():
                    break
                busy = run_handler(path, handler) or busy
            if not busy:
                stop_event.wait(idle)
    finally:
        done.set()
        watcher.join()
        engine.stop_requested = False
        engine.shutdown_sender()
        connections.close_all()
        log.info("vivier worker stopped")
