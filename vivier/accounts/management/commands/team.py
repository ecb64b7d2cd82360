"""`vivier team create --name NAME [--slug SLUG] [--country FR] [--tz Europe/Paris]` / `vivier team list [--json]`."""

import zoneinfo

from django.db import IntegrityError
from django.utils.text import slugify

from vivier.accounts import cli
from vivier.accounts.cli import dump
from vivier.accounts.models import Team
from vivier.accounts.services import team_create


def team_row(team: Team) -> dict:
    return {
        "slug": team.slug,
        "name": team.name,
        "country": team.country,
        "default_region": team.default_region,
        "time_zone": team.time_zone,
        "language": team.language,
        "holidays_country": team.holidays,
        "members": team.memberships.filter(user__is_active=True).count(),
        "created_at": team.created_at.isoformat(),
    }


class Command(cli.Command):
    group = "Team"
    help = "Create or list teams."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a team")
        create.add_argument("--name", required=True, help="the team's name")
        create.add_argument("--slug", help="short name for --team (default: from the name)")
        create.add_argument(
            "--country", default="FR", help="two letters (default FR): holidays, phone region"
        )
        create.add_argument("--tz", default="Europe/Paris", help="time zone (default Europe/Paris)")
        create.add_argument("--json", action="store_true", help="print the team as one JSON object")
        lst = sub.add_parser("list", help="list the teams")
        lst.add_argument("--json", action="store_true", help="one JSON object per line")

    def handle(self, *args, action, **o):
        if action == "list":
            for team in Team.objects.order_by("created_at", "id"):
                row = team_row(team)
                if o["json"]:
                    self.stdout.write(dump(row))
                else:
                    self.stdout.write(
                        f"{row['slug']}\t{row['name']}\t{row['country']}\t{row['time_zone']}\t"
                        f"{row['members']} members"
                    )
            return
        country = o["country"].strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise cli.Refused(f"--country: two letters, e.g. FR (not {o['country']!r})")
        if o["tz"] not in zoneinfo.available_timezones():
            raise cli.Refused(f"--tz: unknown time zone {o['tz']!r} (e.g. Europe/Paris)")
        slug = o.get("slug")
        try:
            team = team_create(
                name=o["name"], slug=slug, country=country, default_region=country, time_zone=o["tz"]
            )
        except IntegrityError as exc:
            raise cli.Refused(
                f"a team with the slug {slug or slugify(o['name'])[:50]!r} exists: choose another --slug"
            ) from exc
        if not team.slug:
            raise cli.Refused("--slug: the name gives no usable slug, give one")
        if o["json"]:
            self.stdout.write(dump(team_row(team)))
        else:
            self.stdout.write(f"team {team.slug} created")
