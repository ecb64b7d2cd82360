"""`vivier user create USERNAME --team SLUG [--role admin|recruiter] [--email EMAIL] [--password-file FILE]`,
`vivier user list [--json]`, `vivier user set-role USERNAME --team SLUG ROLE`.

Passwords never go on the command line: ``--password-file`` (its first line), else typed twice at a terminal.
"""

import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from vivier.accounts import cli
from vivier.accounts.cli import dump, team_for_command
from vivier.accounts.models import Membership, User
from vivier.accounts.services import Refused, membership_add, membership_set_role, user_create

ROLES = Membership.Role.values


class Command(cli.Command):
    group = "Team"
    help = "Create or list users and set their role in a team."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a user in a team (or add an existing one to it)")
        create.add_argument("username")
        create.add_argument("--team", required=True, help="team slug")
        create.add_argument("--role", default="recruiter", choices=ROLES)
        create.add_argument("--email", default="")
        create.add_argument("--password-file", help="file whose first line is the password")
        create.add_argument("--json", action="store_true", help="print the user as one JSON object")
        lst = sub.add_parser("list", help="list users and their teams")
        lst.add_argument("--json", action="store_true", help="one JSON object per line")
        role = sub.add_parser("set-role", help="change a member's role in a team")
        role.add_argument("username")
        role.add_argument("role", choices=ROLES)
        role.add_argument("--team", required=True, help="team slug")
        role.add_argument("--json", action="store_true")

    def handle(self, *args, action, **o):
        if action == "list":
            return self.list(as_json=o["json"])
        if action == "set-role":
            return self.set_role(o)
        return self.create(o)

    def list(self, *, as_json: bool) -> None:
        for user in User.objects.order_by("username").prefetch_related("memberships__team"):
            row = user_row(user)
            if as_json:
                self.stdout.write(dump(row))
            else:
                teams = ", ".join(f"{t['slug']} ({t['role']})" for t in row["teams"]) or "no team"
                state = "" if row["active"] else " [inactive]"
                self.stdout.write(f"{row['username']}\t{row['email']}\t{teams}{state}")

    def set_role(self, o) -> None:
        team = team_for_command(o["team"])
        user = User.objects.filter(username=o["username"]).first()
        if user is None:
            raise cli.NotFound(f"no user {o['username']!r}")
        try:
            membership_set_role(team=team, user=user, role=o["role"])
        except Refused as exc:
            raise cli.Refused(str(exc)) from exc
        if o["json"]:
            self.stdout.write(dump(user_row(user)))
        else:
            self.stdout.write(f"{user.username} is {o['role']} of {team.slug}")

    def create(self, o) -> None:
        team = team_for_command(o["team"])
        existing = User.objects.filter(username=o["username"]).first()
        if existing is not None:
            # A user may belong to several teams: adding one to another team needs no new password.
            if existing.memberships.filter(team=team).exists():
                raise cli.Refused(f"{existing.username} is already a member of {team.slug}")
            membership_add(user=existing, team=team, role=o["role"])
            user = existing
        else:
            password = self.password(o.get("password_file"))
            try:
                user = user_create(
                    username=o["username"],
                    password=password,
                    team=team,
                    role=o["role"],
                    email=o["email"],
                    language=team.language,
                )
            except ValidationError as exc:
                raise cli.Refused("password refused: " + " ".join(exc.messages)) from exc
        if o["json"]:
            self.stdout.write(dump(user_row(user)))
        else:
            self.stdout.write(f"user {user.username} is {o['role']} of {team.slug}")

    def password(self, path: str | None) -> str:
        if path:
            try:
                with open(path, encoding="utf-8") as f:
                    password = f.readline().rstrip("\r\n")
            except OSError as exc:
                raise cli.Refused(f"--password-file: {exc.strerror}: {path}") from exc
            if not password:
                raise cli.Refused(f"--password-file: the first line of {path} is empty")
            return password
        if not sys.stdin.isatty():
            raise CommandError(
                "no terminal to type the password: give --password-file FILE (its first line is the password)",
                returncode=cli.EXIT_USAGE,
            )
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise cli.Refused("the two passwords differ")
        return first


def user_row(user: User) -> dict:
    return {
        "username": user.username,
        "email": user.email,
        "active": user.is_active,
        "language": user.language,
        "time_zone": user.time_zone,
        "teams": [
            {"slug": m.team.slug, "name": m.team.name, "role": m.role}
            for m in user.memberships.select_related("team").order_by("created_at")
        ],
    }
