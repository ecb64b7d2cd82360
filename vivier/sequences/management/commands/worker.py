"""`vivier worker`: the loop that sends due steps (and runs the other apps' handlers).

`vivier worker --once [--now ISO-8601]` does everything due at that instant and exits.
"""

import datetime as dt
import signal
import threading

from django.conf import settings
from django.core.management.base import CommandError

from vivier.accounts import cli
from vivier.lib import clock
from vivier.sequences import engine, worker


def parse_now(value: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise CommandError(f"--now must be an ISO-8601 date and time, got {value!r}", returncode=2) from exc
    if when.tzinfo is None:
        raise CommandError(
            "--now needs a time zone offset (e.g. 2026-03-02T09:00:00+01:00 or ...Z)", returncode=2
        )
    return when.astimezone(dt.UTC)


class Command(cli.Command):
    group = "Running"
    help = "Send due sequence steps and run the other background handlers."
    requires_system_checks = "__all__"  # a long-running service: check the configuration once at start

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="do everything due now, then exit")
        parser.add_argument("--now", help="with --once: the instant the engine believes it is (ISO-8601)")
        parser.add_argument("--max-loops", type=int, default=100_000, help="safety bound for --once")

    def handle(self, *args, once=False, now=None, max_loops=100_000, **options):
        if now and not once:
            raise CommandError("--now only makes sense with --once", returncode=2)
        try:
            handlers = worker.load_handlers(strict=True)
        except ImportError as exc:
            raise CommandError(f"VIVIER_WORKER_HANDLERS: {exc}") from exc
        if now:
            clock.set_now(parse_now(now))
        engine.state.stop_requested = False
        stop_event = threading.Event()

        def stop(signum, frame):
            # Finish the message being sent, then leave (the rest of the batch goes back to due).
            engine.state.stop_requested = True
            stop_event.set()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            if once:
                worked: dict[str, int] = {}
                settled = worker.run_once(handlers, max_loops=max_loops, worked=worked)
                # One line per step that found work: what this run did, for the person or script running it.
                for name, _handler in handlers:
                    if worked.get(name):
                        self.stdout.write(f"{name}: worked {worked[name]} time(s)")
                if not worked:
                    self.stdout.write("nothing due")
                if not settled:
                    raise CommandError("--once did not settle: a handler keeps reporting work")
            else:
                self.stdout.write(f"vivier worker {engine.worker_id()} started ({len(handlers)} handlers)")
                # The companions (IMAP IDLE watchers...) when the registry's handlers run, not a subset.
                companions = not getattr(settings, "VIVIER_WORKER_HANDLERS", None)
                worker.run_forever(stop_event, handlers=handlers, companions=companions)
                self.stdout.write("vivier worker stopped")
        finally:
            engine.shutdown_sender()  # closes the SMTP connections kept open
            engine.state.stop_requested = False
            clock.set_now(None)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
