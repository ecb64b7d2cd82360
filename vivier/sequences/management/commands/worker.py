"""`vivier worker`: the loop that sends due steps (and runs the other apps' handlers).

`vivier worker --once [--now ISO-8601]` does everything due at that instant and exits.
"""

import datetime as dt
import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils.module_loading import import_string

from vivier.lib import clock
from vivier.sequences import engine

log = logging.getLogger("vivier.worker")


def parse_now(value: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise CommandError(f"--now must be an ISO-8601 date and time, got {value!r}") from exc
    if when.tzinfo is None:
        raise CommandError("--now needs a time zone offset (e.g. 2026-03-02T09:00:00+01:00 or ...Z)")
    return when.astimezone(dt.UTC)


class Command(BaseCommand):
    group = "Running"
    help = "Send due sequence steps and run the other background handlers."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="do everything due now, then exit")
        parser.add_argument("--now", help="with --once: the instant the engine believes it is (ISO-8601)")
        parser.add_argument("--max-loops", type=int, default=100_000, help="safety bound for --once")

    def handle(self, *args, once=False, now=None, max_loops=100_000, **options):
        if now and not once:
            raise CommandError("--now only makes sense with --once")
        handlers = []
        for path in settings.VIVIER_WORKER_HANDLERS:
            try:
                handlers.append((path, import_string(path)))
            except ImportError as exc:
                raise CommandError(f"VIVIER_WORKER_HANDLERS: cannot import {path}: {exc}") from exc
        if now:
            clock.set_now(parse_now(now))
        engine.stop_requested = False

        def stop(signum, frame):
            # Finish the message being sent, then leave (the rest of the batch goes back to due).
            engine.stop_requested = True

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            if once:
                self.run_once(handlers, max_loops)
            else:
                self.run_forever(handlers)
        finally:
            engine.shutdown_sender()  # closes the SMTP connections kept open
            clock.set_now(None)
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def run_step(self, path, handler) -> bool:
        try:
            return bool(handler())
        except Exception:  # a handler's failure is logged; the loop goes on
            log.exception("worker handler %s failed", path)
            return False

    def run_once(self, handlers, max_loops):
        for _ in range(max_loops):
            busy = False
            for path, handler in handlers:
                if engine.stop_requested:
                    return
                busy = self.run_step(path, handler) or busy
            if not busy:
                return
        raise CommandError("--once did not settle: a handler keeps reporting work")

    def run_forever(self, handlers):
        idle = settings.VIVIER_WORKER_IDLE_SECONDS
        self.stdout.write(f"vivier worker {engine.worker_id()} started ({len(handlers)} handlers)")
        while not engine.stop_requested:
            close_old_connections()
            busy = False
            for path, handler in handlers:
                if engine.stop_requested:
                    break
                busy = self.run_step(path, handler) or busy
            if not busy:
                for _ in range(idle * 10):
                    if engine.stop_requested:
                        break
                    time.sleep(0.1)
        self.stdout.write("vivier worker stopped")
