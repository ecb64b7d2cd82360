"""`vivier outbox [--json]`: every outbound message (one JSON object per line with --json)."""

from django.core.management.base import BaseCommand

from vivier.mail.selectors import outbox_rows
from vivier.sequences.management.commands._cli import add_team_argument, dump, get_team


class Command(BaseCommand):
    group = "Campaigns"
    help = "List outbound messages: candidate, campaign, step, status, times, Message-ID."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="one JSON object per line")
        parser.add_argument("--status", help="only this status (sent, unknown, scheduled, failed...)")
        parser.add_argument("--campaign", help="only this campaign (id)")
        parser.add_argument("--limit", type=int, default=0)
        add_team_argument(parser)

    def handle(self, *args, **o):
        team = get_team(o.get("team"))
        for row in outbox_rows(
            team=team, status=o.get("status"), campaign=o.get("campaign"), limit=o["limit"]
        ):
            if o["json"]:
                self.stdout.write(dump(row))
            else:
                self.stdout.write(
                    f"{row['status']:<9} {row['sent_at'] or row['scheduled_at'] or '':<32} "
                    f"step {row['step']} {row['candidate']['name']} <{row['to']}>: {row['subject']}"
                )
