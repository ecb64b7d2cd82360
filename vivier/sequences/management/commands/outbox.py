"""`vivier outbox [--json]`: every outbound message (one JSON object per line with --json), oldest first.

`vivier outbox show ID-OR-MESSAGE-ID [--json] [--eml]`: one message; `--eml` prints the exact bytes that were
handed to the transport.
"""

import sys

from django.core.management.base import CommandError

from vivier.accounts import cli
from vivier.accounts.cli import NotFound, add_team_argument, dump, team_for_command
from vivier.sequences.selectors import message_find, message_row, outbox_rows


class Command(cli.Command):
    group = "Campaigns"
    help = "List outbound messages (kind, candidate, campaign, step, status, times, Message-ID), or show one."

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["show"], help="show one message")
        parser.add_argument("ref", nargs="?", help="with show: the message's id or its Message-ID")
        parser.add_argument("--json", action="store_true", help="one JSON object per line")
        parser.add_argument("--eml", action="store_true", help="with show: the exact bytes that were sent")
        parser.add_argument("--status", help="only this status (sent, unknown, scheduled, failed...)")
        parser.add_argument("--campaign", help="only this campaign (id)")
        parser.add_argument("--limit", type=int, default=0)
        add_team_argument(parser)

    def handle(self, *args, action=None, ref=None, **o):
        team = team_for_command(o.get("team"))
        if action == "show":
            return self.show(team, ref, as_json=o["json"], eml=o["eml"])
        for row in outbox_rows(
            team=team, status=o.get("status"), campaign=o.get("campaign"), limit=o["limit"]
        ):
            if o["json"]:
                self.stdout.write(dump(row))
            else:
                step = f"step {row['step']}" if row["step"] is not None else row["kind"]
                name = row["candidate"]["name"] if row["candidate"] else ""
                self.stdout.write(
                    f"{row['status']:<9} {row['sent_at'] or row['scheduled_at'] or '':<32} "
                    f"{step} {name} <{row['to']}>: {row['subject']}"
                )

    def show(self, team, ref: str | None, *, as_json: bool, eml: bool) -> None:
        if not ref:
            self.print_help("vivier", "outbox")
            raise CommandError("outbox show needs a message id or Message-ID", returncode=cli.EXIT_USAGE)
        message = message_find(team=team, ref=ref)
        if message is None:
            raise NotFound(f"no message {ref!r}")
        if eml:
            raw = bytes(message.raw or b"")
            if not raw:
                raise cli.Refused("this message's bytes were not kept")
            self.stdout.flush()
            out = getattr(self.stdout, "_out", sys.stdout)
            buffer = getattr(out, "buffer", None)
            if buffer is not None:
                buffer.write(raw)
                buffer.flush()
            else:  # call_command with a StringIO: the bytes as text (they are ASCII: MIME encodes the rest)
                out.write(raw.decode("ascii", "replace"))
            return
        row = message_row(message)
        if as_json:
            self.stdout.write(dump(row))
            return
        for key in ("id", "kind", "status", "from", "to", "subject", "message_id", "in_reply_to", "sent_at"):
            self.stdout.write(f"{key}: {row[key] if row[key] is not None else ''}")
        for a in row["attachments"]:
            self.stdout.write(f"attachment: {a['filename']} ({a['content_type']})")
        self.stdout.write("")
        self.stdout.write(row["body"])
