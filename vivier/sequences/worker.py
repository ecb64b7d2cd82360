"""The worker loop: the ``handle_one_*`` steps in turn, a pause when none had work.

One loop for ``vivier worker`` (stopped by SIGTERM or SIGINT) and for ``vivier serve`` (web and worker in one
process: the loop runs in a thread and stops when a ``threading.Event`` is set, since a thread cannot install
signal handlers). Either way, the message being sent is finished and the rest of the batch goes back to due
(``engine.state.stop_requested``).

The steps come from a registry that each app fills in its ``AppConfig.ready()`` (``handler_register``), so
this app never imports the apps above it. ``VIVIER_WORKER_HANDLERS`` (dotted paths), when set, replaces the
registry: to run a subset, or test handlers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils.module_loading import import_string

log = logging.getLogger("vivier.worker")

Handler = Callable[[], bool]

# How often the stop watcher looks at the event while a batch is being sent.
WATCH_SECONDS = 0.1
# How long a stopping worker waits for each companion thread (they check the stop event every second).
COMPANION_JOIN_SECONDS = 5.0

_registry: dict[str, tuple[int, Handler | str]] = {}
# Long-running companions of ``vivier worker`` (not of ``--once``): each runs in its own thread until the
# worker stops, and may only make work due (``worker_wake``); the work itself stays in the handlers.
_companions: dict[str, Callable[[threading.Event], None] | str] = {}
# Set to end the loop's pause early: a companion made something due.
_wake = threading.Event()


def handler_register(name: str, handler: Handler | str, *, order: int) -> None:
    """Add a worker step (``AppConfig.ready()``); lower ``order`` runs first. A name registered again is
    replaced. ``handler`` may be a dotted path, imported when the worker starts: a quick command does not pay
    for importing the engine."""
    _registry[name] = (order, handler)


def companion_register(name: str, target: Callable[[threading.Event], None] | str) -> None:
    """Add a companion thread of the long-running worker (``AppConfig.ready()``): ``target(stop_event)``
    runs until ``stop_event`` is set. ``target`` may be a dotted path, imported when the worker starts."""
    _companions[name] = target


def worker_wake() -> None:
    """Something became due: the worker's loop ends its pause now instead of after the idle interval."""
    _wake.set()


def _companions_start(stop_event: threading.Event) -> list[threading.Thread]:
    threads = []
    for name, target in sorted(_companions.items()):
        try:
            run = import_string(target) if isinstance(target, str) else target
        except ImportError:
            log.exception("worker companion %s cannot be imported; the worker runs without it", name)
            continue
        thread = threading.Thread(target=run, args=(stop_event,), name=f"vivier-{name}", daemon=True)
        thread.start()
        threads.append(thread)
    return threads


def load_handlers(*, strict: bool = False) -> list[tuple[str, Handler]]:
    """The worker's steps, in order. A configured path that cannot be imported is logged and left out, or
    raises ``ImportError`` when ``strict``."""
    paths = getattr(settings, "VIVIER_WORKER_HANDLERS", None)
    if not paths:
        ordered = sorted(_registry.items(), key=lambda kv: (kv[1][0], kv[0]))
        return [(name, import_string(h) if isinstance(h, str) else h) for name, (_, h) in ordered]
    handlers = []
    for path in paths:
        try:
            handlers.append((path, import_string(path)))
        except ImportError:
            if strict:
                raise
            log.exception("VIVIER_WORKER_HANDLERS: cannot import %s; the worker runs without it", path)
    return handlers


def run_handler(name: str, handler: Handler) -> bool:
    """One handler call; True when it found work. A failure is logged and the loop goes on."""
    try:
        return bool(handler())
    except Exception:
        log.exception("worker handler %s failed", name)
        return False


def run_round(
    handlers: list[tuple[str, Handler]], stopped: Callable[[], bool], worked: dict[str, int] | None = None
) -> bool:
    """Each handler once (until a stop is asked); True when one of them found work. ``worked`` counts, per
    handler, the calls that found work."""
    busy = False
    for name, handler in handlers:
        if stopped():
            break
        if run_handler(name, handler):
            busy = True
            if worked is not None:
                worked[name] = worked.get(name, 0) + 1
    heartbeat_record()
    return busy


def run_once(
    handlers: list[tuple[str, Handler]], *, max_loops: int, worked: dict[str, int] | None = None
) -> bool:
    """Rounds until none finds work (True) or ``max_loops`` rounds (False: a handler keeps reporting work)."""
    stopped = _stop_asked
    for _ in range(max_loops):
        if not run_round(handlers, stopped, worked) or stopped():
            return True
    return False


def heartbeat_record() -> None:
    """The worker was alive just now (``/healthz`` and the admins' status page read it). A database error
    is logged: the loop goes on, and the health check then reports the worker as unseen."""
    from .heartbeat import heartbeat_beat

    try:
        heartbeat_beat()
    except Exception:
        log.exception("worker heartbeat not recorded")


def run_forever(
    stop_event: threading.Event,
    *,
    idle_seconds: float | None = None,
    handlers: list[tuple[str, Handler]] | None = None,
    companions: bool | None = None,
) -> None:
    """Run the handlers until ``stop_event`` is set (the command sets it from its signal handler).

    The companions run alongside when ``companions`` is true; by default, when the registry's handlers run
    (no ``handlers`` given and no ``VIVIER_WORKER_HANDLERS``)."""
    from . import engine  # here, not above: registering a handler at start-up must not load the engine

    if companions is None:
        companions = handlers is None and not getattr(settings, "VIVIER_WORKER_HANDLERS", None)
    handlers = load_handlers() if handlers is None else handlers
    idle = settings.VIVIER_WORKER_IDLE_SECONDS if idle_seconds is None else idle_seconds
    done = threading.Event()

    def watch() -> None:
        # The engine stops a batch after the message being sent when this flag is up.
        while not done.is_set():
            if stop_event.wait(WATCH_SECONDS):
                engine.state.stop_requested = True
                _wake.set()
                return

    engine.state.stop_requested = False
    watcher = threading.Thread(target=watch, name="vivier-worker-stop", daemon=True)
    watcher.start()
    log.info("vivier worker %s started (%d handlers)", engine.worker_id(), len(handlers))
    _wake.clear()
    threads = _companions_start(stop_event) if companions else []
    try:
        while not stop_event.is_set():
            close_old_connections()
            if not run_round(handlers, stop_event.is_set):
                _wake.wait(idle)
                _wake.clear()
    finally:
        done.set()
        watcher.join()
        for thread in threads:
            thread.join(timeout=COMPANION_JOIN_SECONDS)
        engine.state.stop_requested = False
        engine.shutdown_sender()
        connections.close_all()
        log.info("vivier worker stopped")


def _stop_asked() -> bool:
    from .engine import state

    return state.stop_requested
