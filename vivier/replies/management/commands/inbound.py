"""``vivier inbound parse|receive|poll|reparse``: inbound mail from files, an MTA pipe, or an IMAP mailbox.

vivier inbound parse reply.eml other.eml --json     one JSON object per file and line
vivier inbound receive --team alvea < message.eml   Postfix/procmail pipe: store, exit 0 (75: retry later)
vivier inbound poll --mailbox me@example.com [--once]   a mailbox added in Vivier, with its stored settings
vivier inbound poll --host imap.example.com --user me@example.com --password-file FILE [--once]
vivier inbound reparse [--team alvea]               parse the unprocessed messages again
"""

from __future__ import annotations

import json
import os
import re
import signal
import ssl
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import Error as DatabaseError

from vivier.accounts.cli import team_for_command
from vivier.lib.imap import ImapConfig, ImapCursor, ImapError, connect, fetch_new, idle_wait, supports_idle
from vivier.lib.mailparse import MailParseError, parse_message

EX_DATAERR = 65
EX_TEMPFAIL = 75  # sysexits.h: Postfix and procmail keep the message queued and retry


class Command(BaseCommand):
    group = "Replies"
    # Quick, and what an MTA pipes each message into: no system checks (they import the URL configuration).
    requires_system_checks: list[str] = []
    help = "Inbound mail: parse files, receive from an MTA pipe, poll an IMAP mailbox, reparse."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)

        p = sub.add_parser("parse", help="Parse .eml files and print what they are.")
        p.add_argument("files", nargs="+", metavar="FILE.eml")
        p.add_argument("--json", action="store_true", help="one JSON object per file and line")

        r = sub.add_parser("receive", help="Store one message read from standard input (MTA pipe).")
        r.add_argument("--team", help="team slug the mailbox belongs to")
        r.add_argument("--mailbox", help="the address the message was delivered to")
        r.add_argument("--source", default="pipe", choices=["pipe", "webhook", "imap", "upload"])
        r.add_argument(
            "--now",
            help="receive the message at this instant (ISO-8601 with offset) and handle it at once (simulations)",
        )

        q = sub.add_parser("poll", help="Fetch new messages from an IMAP mailbox and store them.")
        q.add_argument("--host")
        q.add_argument("--port", type=int)
        q.add_argument("--user")
        q.add_argument(
            "--password",
            help="visible to other users in `ps`: prefer --password-file or VIVIER_IMAP_PASSWORD",
        )
        q.add_argument("--password-file", help="file whose first line is the password")
        q.add_argument("--security", choices=["ssl", "starttls", "plain"], default="ssl")
        q.add_argument("--cafile", help="CA bundle to trust (a self-hosted server's own certificate)")
        q.add_argument(
            "--mailbox",
            default="INBOX",
            help="a mailbox added in Vivier (its address: stored settings, inbox and sent folders), "
            "or, with --host, the IMAP folder (default INBOX)",
        )
        q.add_argument("--folder", help="IMAP folder, with --host (default INBOX)")
        q.add_argument("--team", help="team slug the mailbox belongs to")
        q.add_argument("--once", action="store_true", help="fetch what is new, then exit")
        q.add_argument("--interval", type=float, default=60.0, help="seconds between polls (default 60)")
        q.add_argument("--no-idle", action="store_true", help="poll even when the server offers IDLE")
        q.add_argument("--state", help="file keeping UIDVALIDITY and the last UID (default in the data dir)")

        rp = sub.add_parser("reparse", help="Parse the unprocessed messages again.")
        rp.add_argument("--team", help="only this team's messages")
        rp.add_argument("--all", action="store_true", help="every stored message, not only unprocessed ones")

    def handle(self, *args, **options):
        action = options["action"]
        return getattr(self, f"handle_{action}")(**options)

    # --- parse ------------------------------------------------------------------------------------

    def handle_parse(self, *, files, json: bool = False, **_):
        failed = 0
        for name in files:
            try:
                raw = Path(name).read_bytes()
                parsed = parse_message(raw)
            except (OSError, MailParseError) as exc:
                failed += 1
                self._print_failure(name, exc, as_json=json)
                continue
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
                failed += 1
                self._print_failure(name, f"parser error: {type(exc).__name__}: {exc}", as_json=json)
                continue
            if json:
                self.stdout.write(_dumps(parsed.as_json(name)))
            else:
                self._print_human(name, parsed)
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) could not be parsed", returncode=1)

    def _print_failure(self, name, exc, *, as_json):
        if as_json:
            self.stdout.write(
                _dumps(
                    {
                        "kind": None,
                        "from": None,
                        "in_reply_to": None,
                        "visible_text": None,
                        "return_date": None,
                        "bounce": None,
                        "file": name,
                        "error": str(exc),
                    }
                )
            )
        else:
            self.stdout.write(f"{name}: ERROR {exc}")

    def _print_human(self, name, parsed):
        data = parsed.as_json(name)
        self.stdout.write(f"{name}: {data['kind']} from {data['from'] or '?'}")
        if parsed.subject:
            self.stdout.write(f"  subject: {parsed.subject}")
        if data["in_reply_to"]:
            self.stdout.write(f"  in reply to: {data['in_reply_to']}")
        if data["return_date"]:
            self.stdout.write(f"  back on: {data['return_date']}")
        if parsed.bounce:
            b = parsed.bounce
            self.stdout.write(
                f"  bounce: {b.recipient or '?'} status {b.status or '?'} "
                f"({'permanent' if b.permanent else 'temporary'})"
            )
        for line in (parsed.visible_text or "").splitlines() or [""]:
            self.stdout.write(f"  | {line}")

    # --- receive ----------------------------------------------------------------------------------

    def handle_receive(self, *, team=None, mailbox=None, source="pipe", now=None, **_):
        from vivier.lib import clock
        from vivier.replies.capture import inbound_store
        from vivier.replies.services import inbound_handle
        from vivier.sequences.management.commands.worker import parse_now

        raw = sys.stdin.buffer.read()
        if not raw.strip():
            raise CommandError("no message on standard input", returncode=EX_DATAERR)
        if now:
            clock.set_now(parse_now(now))
        try:
            team_obj = _team(team)
            message, created = inbound_store(raw=raw, source=source, mailbox_address=mailbox, team=team_obj)
            if getattr(message, "dropped", False):
                self.stdout.write("dropped (the sender was erased at their request)")
                return
            if now:
                # A replayed week: what the reply does happens at the instant it is received, not when a
                # worker would have picked it up.
                inbound_handle(message=message)
        except DatabaseError as exc:
            raise CommandError(
                f"database unavailable, try again later: {exc}", returncode=EX_TEMPFAIL
            ) from exc
        state = "stored" if created else "duplicate"
        detail = (
            message.kind if message.status == message.Status.PROCESSED else f"unprocessed: {message.error}"
        )
        self.stdout.write(f"{state} {message.public_id} {message.message_id} ({detail})")

    # --- poll -------------------------------------------------------------------------------------

    def handle_poll(
        self,
        *,
        host,
        port,
        user,
        password,
        security,
        mailbox,
        team,
        once,
        interval,
        no_idle,
        state,
        cafile=None,
        password_file=None,
        folder=None,
        **_,
    ):
        from vivier.replies.capture import inbound_store

        if "@" in (mailbox or "") and not host:
            return self._poll_stored(address=mailbox, team=team, once=once, interval=interval)
        if not host or not user:
            raise CommandError(
                "give --mailbox ADDRESS (a mailbox added in Vivier), or --host and --user", returncode=2
            )
        mailbox = folder or mailbox or "INBOX"
        if password_file:
            try:
                password = Path(password_file).read_text(encoding="utf-8").splitlines()[0]
            except (OSError, IndexError, UnicodeDecodeError) as exc:
                raise CommandError(
                    f"cannot read a password from {password_file}: {exc}", returncode=2
                ) from exc
        password = password or os.environ.get("VIVIER_IMAP_PASSWORD")
        if not password:
            raise CommandError("give --password-file, set VIVIER_IMAP_PASSWORD, or give --password")
        context = ssl.create_default_context(cafile=cafile) if cafile else None
        config = ImapConfig(
            host=host,
            port=port,
            user=user,
            password=password,
            security=security,
            mailbox=mailbox,
            ssl_context=context,
        )
        team_obj = _team(team)
        state_path = Path(state) if state else _default_state_path(config)
        cursor = ImapCursor.load(state_path)
        counts = {"new": 0, "duplicate": 0, "unprocessed": 0}

        def store(raw: bytes, uid: int) -> None:
            message, created = inbound_store(
                raw=raw, source="imap", mailbox_address=user if "@" in user else None, team=team_obj
            )
            if not created:
                counts["duplicate"] += 1
            elif message.status == message.Status.UNPROCESSED:
                counts["unprocessed"] += 1
                counts["new"] += 1
            else:
                counts["new"] += 1

        stopping = []
        if not once:
            signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))

        conn = None
        while True:
            try:
                if conn is None and not once and not no_idle:
                    conn = connect(config)
                fetch_new(config, cursor, store, conn=conn)
            except DatabaseError as exc:
                cursor.save(state_path)
                if once:
                    raise CommandError(f"database unavailable: {exc}", returncode=EX_TEMPFAIL) from exc
                self.stderr.write(f"database unavailable, retrying: {exc}")
            except ImapError as exc:
                cursor.save(state_path)
                if once:
                    raise CommandError(str(exc), returncode=EX_TEMPFAIL) from exc
                self.stderr.write(f"{exc}; retrying in {interval:.0f}s")
                conn = None
            cursor.save(state_path)
            self.stdout.write(
                f"{config.user}@{config.host}/{config.mailbox}: {counts['new']} new "
                f"({counts['unprocessed']} unprocessed), {counts['duplicate']} duplicate(s); "
                f"last UID {cursor.last_uid}"
            )
            if once or stopping:
                break
            for key in counts:
                counts[key] = 0
            self._wait(conn, interval, stopping)
            if stopping:
                break

    def _poll_stored(self, *, address, team, once, interval):
        """Poll a mailbox added in Vivier as the worker does (inbox and sent folders, cursors in the
        database, errors shown on its page)."""
        from vivier.accounts.cli import team_for_command
        from vivier.lib.oauth2 import OAuthError
        from vivier.mail.models import Mailbox
        from vivier.replies.mailpoll import mailbox_poll

        team_obj = team_for_command(team)
        box = Mailbox.objects.filter(team=team_obj, address=address.strip().lower()).first()
        if box is None:
            raise CommandError(f"no mailbox {address} in team {team_obj.slug}", returncode=1)
        if not box.has_imap:
            raise CommandError(f"the mailbox {box.address} has no IMAP settings", returncode=1)
        stopping = []
        if not once:
            signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        while True:
            try:
                counts = mailbox_poll(mailbox=box)
            except (ImapError, OAuthError) as exc:
                if once:
                    raise CommandError(str(exc), returncode=EX_TEMPFAIL) from exc
                self.stderr.write(f"{exc}; retrying in {interval:.0f}s")
            else:
                self.stdout.write(
                    f"{box.address}: {counts['inbox']} new in {box.imap_inbox}, "
                    f"{counts['sent']} new in {box.imap_sent or '-'}"
                )
            if once or stopping:
                break
            self._wait(None, interval, stopping)
            if stopping:
                break

    def _wait(self, conn, interval, stopping):
        if conn is not None and supports_idle(conn):
            try:
                idle_wait(conn, interval, stop=lambda: bool(stopping))
                return
            except (ImapError, OSError) as exc:
                self.stderr.write(f"IDLE failed ({exc}); polling")
        deadline = time.monotonic() + interval
        while time.monotonic() < deadline and not stopping:
            time.sleep(min(1.0, deadline - time.monotonic()))

    # --- reparse ----------------------------------------------------------------------------------

    def handle_reparse(self, *, team=None, all=False, **_):
        from vivier.replies.capture import inbound_reparse
        from vivier.replies.models import InboundMessage

        messages = InboundMessage.objects.all()
        if team:
            messages = messages.filter(team=_team(team))
        if not all:
            messages = messages.filter(status=InboundMessage.Status.UNPROCESSED)
        done = failed = 0
        for message in messages.iterator():
            inbound_reparse(message=message)
            if message.status == InboundMessage.Status.PROCESSED:
                done += 1
            else:
                failed += 1
        self.stdout.write(f"{done} parsed, {failed} still unprocessed")


def _team(slug):
    # A configuration mistake must not bounce mail: EX_TEMPFAIL keeps it queued until it is fixed.
    return team_for_command(slug, returncode=EX_TEMPFAIL) if slug else None


def _default_state_path(config: ImapConfig) -> Path:
    name = re.sub(r"[^A-Za-z0-9@._-]+", "_", f"{config.user}@{config.host}_{config.mailbox}")
    return Path(settings.DATA_DIR) / "imap" / f"{name}.json"


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
