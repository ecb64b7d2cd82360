"""``vivier serve [--host H] [--port P] [--no-worker] [--trusted-proxy ADDR]``: the web app and the worker.

The web app runs on waitress (pure Python, production-grade) with static files from WhiteNoise, so one
command is enough for a demo or a small installation. The worker loop
(``vivier.sequences.worker.run_forever(stop_event)``) runs in a thread of the same process; a larger
installation runs ``vivier serve --no-worker`` behind a reverse proxy and ``vivier worker`` apart.
SIGINT and SIGTERM stop both: the server stops accepting, the worker finishes its current item.
"""

import os
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.urls import reverse

from vivier.accounts.services import setup_token_issue
from vivier.demo.seed import DEMO_PASSWORD, DEMO_USERS, demo_team
from vivier.sequences.worker import run_forever

WORKER_JOIN_SECONDS = 30


class Command(BaseCommand):
    group = "Running"
    help = "Serve the web app (waitress) with the worker in the same process."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument("--threads", type=int, default=8, help="web request threads (default 8)")
        parser.add_argument(
            "--trusted-proxy",
            metavar="ADDRESS",
            default=None,
            help="address of your reverse proxy (e.g. 127.0.0.1): its X-Forwarded-For/-Proto/-Host "
            "headers are believed; from anyone else they are dropped",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not run the worker here (run `vivier worker` as its own service)",
        )

    def handle(self, *args, host, port, threads, no_worker, trusted_proxy, **options):
        from waitress.server import create_server

        from vivier.wsgi import application

        proxy = {}
        if trusted_proxy:
            # Behind a TLS proxy: the client's address (login throttling) and the https scheme (secure
            # cookies, CSRF origin checks) come from the proxy's headers.
            proxy = {
                "trusted_proxy": trusted_proxy,
                "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"},
            }
        try:
            server = create_server(
                application,
                host=host,
                port=port,
                threads=threads,
                ident="vivier",
                clear_untrusted_proxy_headers=True,
                **proxy,
            )
        except OSError as exc:
            raise CommandError(f"cannot listen on {host}:{port}: {exc}") from exc

        self._port = port
        stop = threading.Event()
        worker = None if no_worker else self.start_worker(stop)

        def on_signal(signum, frame):
            stop.set()
            # Raised in the main thread, inside waitress' loop: it leaves the loop and shuts its threads down.
            raise KeyboardInterrupt

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        self._print_banner(server, host)
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            server.close()
        # A second Ctrl+C (or a service manager's repeated SIGTERM) while the worker finishes: stop waiting.
        self._hurry = threading.Event()
        for sig in previous:
            signal.signal(sig, lambda signum, frame: self._hurry.set())
        try:
            if worker is not None:
                self.stop_worker(worker)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("Vivier stopped.")

    def start_worker(self, stop: threading.Event) -> threading.Thread:
        """The worker loop in a thread of this process, until ``stop`` is set."""

        def run():
            try:
                run_forever(stop)
            finally:
                connections.close_all()

        thread = threading.Thread(target=run, name="vivier-worker", daemon=True)
        thread.start()
        self.stdout.write("Worker: running in this process.")
        return thread

    def stop_worker(self, worker: threading.Thread) -> None:
        self.stdout.write("Stopping the worker (it finishes the current item)...")
        hurry = getattr(self, "_hurry", None) or threading.Event()
        for _ in range(WORKER_JOIN_SECONDS * 10):
            if not worker.is_alive():
                return
            if hurry.is_set():
                break
            worker.join(0.1)
        if worker.is_alive():
            self.stderr.write("The worker did not stop in time; exiting anyway.")

    def _print_banner(self, server, host: str) -> None:
        # One listening socket has an effective port (useful with --port 0); several (a host name that
        # resolves to IPv4 and IPv6) share the requested one.
        bound_port = getattr(server, "effective_port", None) or self._port
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
        shown_host = f"[{shown_host}]" if ":" in shown_host and not shown_host.startswith("[") else shown_host
        local_url = f"http://{shown_host}:{bound_port}"
        self.stdout.write(self.style.SUCCESS(f"Vivier is running at {local_url}/"))
        public_url = local_url
        if os.environ.get("VIVIER_BASE_URL"):
            public_url = settings.BASE_URL
            self.stdout.write(f"Public address (VIVIER_BASE_URL): {settings.BASE_URL}/")
        setup_token = setup_token_issue()
        if setup_token is not None:
            self.stdout.write(
                "No team yet. Open this one-time link to create the first team and its admin "
                "(it works once; a restart prints a new one):"
            )
            self.stdout.write(
                self.style.SUCCESS(f"{public_url}{reverse('accounts:setup', args=[setup_token])}")
            )
        if demo_team() is not None:
            logins = " or ".join(f"{u[0]} / {DEMO_PASSWORD}" for u in DEMO_USERS)
            self.stdout.write(f"Demo login: {logins}")
        self.stdout.write("Press Ctrl+C to stop.")
        self.stdout.flush()
        connections.close_all()
