"""`vivier mailbox add ADDRESS --host ...` / `vivier mailbox list`."""

import os

from django.core.management.base import CommandError

from vivier.accounts import cli
from vivier.accounts.cli import add_team_argument, team_for_command, user_for_command
from vivier.mail.models import Mailbox
from vivier.mail.services import mailbox_create


class Command(cli.Command):
    group = "Campaigns"
    help = "Add or list sending mailboxes."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add")
        add.add_argument("address")
        add.add_argument("--name", default="", help="display name")
        add.add_argument("--kind", default="smtp", choices=Mailbox.Kind.values)
        add.add_argument("--host", default="")
        add.add_argument("--port", type=int, default=587)
        add.add_argument("--security", default="starttls", choices=Mailbox.Security.values)
        add.add_argument("--username", default="")
        add.add_argument("--password-env", help="name of the environment variable holding the password")
        add.add_argument("--daily-limit", type=int, default=200)
        add.add_argument("--min-gap", type=int, default=90, help="seconds between two sends")
        add.add_argument("--jitter", type=int, default=60, help="random extra seconds, up to")
        add.add_argument("--owner", help="username")
        add.add_argument("--imap-host", default="", help="IMAP server: the worker reads replies from it")
        add.add_argument("--imap-port", type=int, default=993)
        add.add_argument("--imap-security", default="tls", choices=Mailbox.Security.values)
        add.add_argument("--imap-username", default="")
        add.add_argument("--imap-password-env", help="name of the environment variable holding it")
        add.add_argument("--imap-inbox", default="INBOX")
        add.add_argument("--imap-sent", default="Sent", help="Sent folder ('' to leave it unread)")
        add.add_argument("--auth", default="password", choices=Mailbox.Auth.values, help="login method")
        add_team_argument(add)
        lst = sub.add_parser("list")
        add_team_argument(lst)

    def handle(self, *args, action, team=None, **o):
        team = team_for_command(team)
        if action == "list":
            for box in Mailbox.objects.filter(team=team):
                self.stdout.write(
                    f"{box.address}\t{box.kind}\t{box.smtp_host}:{box.smtp_port}\t{box.daily_limit}/day"
                )
            return
        password = _secret(o.get("password_env"))
        imap_password = _secret(o.get("imap_password_env"))
        try:
            box = mailbox_create(
                team=team,
                address=o["address"],
                kind=o["kind"],
                display_name=o["name"],
                smtp_host=o["host"],
                smtp_port=o["port"],
                smtp_security=o["security"],
                smtp_username=o["username"],
                smtp_password=password,
                daily_limit=o["daily_limit"],
                min_gap_seconds=o["min_gap"],
                jitter_seconds=o["jitter"],
                owner=user_for_command(team, o.get("owner")),
                auth_method=o["auth"],
                imap_host=o["imap_host"],
                imap_port=o["imap_port"],
                imap_security=o["imap_security"],
                imap_username=o["imap_username"],
                imap_password=imap_password,
                imap_inbox=o["imap_inbox"],
                imap_sent=o["imap_sent"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"mailbox {box.address} added")


def _secret(variable: str | None) -> str:
    if not variable:
        return ""
    value = os.environ.get(variable, "")
    if not value:
        raise CommandError(f"the environment variable {variable} is empty")
    return value
