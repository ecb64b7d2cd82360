"""``vivier segment count "QUERY"`` and ``vivier segment list "QUERY" [--json]``: the segment language from a shell."""

import datetime as dt
import json
from datetime import datetime

from django.core.management.base import CommandError
from django.utils import timezone

from vivier.accounts import cli
from vivier.segments.query import QueryError
from vivier.segments.selectors import count_members, members_for_display, segment_candidates


class Command(cli.Command):
    group = "Pool"
    help = "Count or list the candidates matching a segment query."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (
            ("count", "print how many candidates match"),
            ("list", "print the matching candidates"),
        ):
            p = sub.add_parser(name, help=text)
            p.add_argument("query", help='for example: "job:backend within:30km:Lyon seniority>=senior"')
            cli.add_team_argument(p)
            p.add_argument("--now", help="evaluate relative terms (6m, snoozed) as of this ISO time")
            if name == "list":
                p.add_argument("--json", action="store_true", help="one JSON array of candidates")
                p.add_argument("--limit", type=int, default=0, help="at most this many (default: all)")

    def handle(self, *args, action, query, team=None, now=None, **options):
        team_obj = cli.team_for_command(team)
        at = None
        if now:
            try:
                at = datetime.fromisoformat(now)
            except ValueError:
                raise CommandError(f"--now: expected an ISO date-time, not {now!r}") from None
            if timezone.is_naive(at):
                at = timezone.make_aware(at, dt.UTC)
        try:
            if action == "count":
                self.stdout.write(str(count_members(team=team_obj, query=query, now=at)))
                return
            queryset = segment_candidates(
                team=team_obj, query=query, now=at, for_page=bool(options.get("limit"))
            )
            if options.get("limit"):
                queryset = queryset[: options["limit"]]
            rows = [self._row(c) for c in members_for_display(queryset)]
        except QueryError as exc:
            pointer = " " * exc.position + "^"
            raise CommandError(f"{exc.message} (position {exc.position})\n  {query}\n  {pointer}") from None
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            self.stdout.write("\t".join([r["name"], r["email"], r["title"], r["company"], r["city"]]))

    @staticmethod
    def _row(c) -> dict:
        return {
            "id": str(c.public_id),
            "name": c.full_name,
            "email": c.primary_email,
            "title": c.current_title,
            "company": c.current_company,
            "city": c.city,
            "country": c.country,
            "seniority": c.get_seniority_display() if c.seniority else "",
            "last_contacted_at": c.last_contacted_at.isoformat() if c.last_contacted_at else None,
        }
