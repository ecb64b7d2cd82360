"""What every ``vivier`` command shares: which team it works on (``--team``), its exit codes, and the
``--json`` error object.

Exit codes: 0 done, 1 refused or not found (``CommandError``), 2 usage error (argparse). With ``--json``, a
refusal also prints ``{"error": "not_found" | "refused", "message": "..."}`` on standard output.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vivier.accounts.models import Team, User

EXIT_DONE, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class Refused(CommandError):
    """The command cannot do what was asked (exit 1; ``"error": "refused"``)."""

    error = "refused"


class NotFound(Refused):
    """What the command was asked about does not exist (exit 1; ``"error": "not_found"``)."""

    error = "not_found"


def dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def error_object(exc: CommandError) -> dict[str, str]:
    return {"error": getattr(exc, "error", "refused"), "message": str(exc)}


class Command(BaseCommand):
    """A Vivier command: with ``--json``, a refusal is printed as the JSON error object as well.

    No system checks before it runs: they import the whole URL configuration, the API and the reply
    classifier, which a quick command never uses (``vivier check`` runs them; a command that starts a
    long-running service asks for them again)."""

    requires_system_checks: list[str] | str = []

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if options.get("json"):
                self.stdout.write(dump(error_object(exc)))
            raise


def add_team_argument(parser) -> None:
    parser.add_argument("--team", help="team slug (default: the only team)")


def team_for_command(
    slug: str | None, *, create_default: bool = False, returncode: int = EXIT_REFUSED
) -> Team:
    """``--team SLUG``; without it, the only team. On a fresh database (no team at all) an importing command
    may create a "default" team so that a newcomer's first ``vivier import`` just works. ``returncode``: the
    exit code of an unknown slug (the MTA pipe asks for "try again later" instead of a bounce)."""
    if slug:
        team = Team.objects.filter(slug=slug).first()
        if team is None:
            known = ", ".join(Team.objects.order_by("slug").values_list("slug", flat=True)) or "none"
            raise NotFound(f"no team {slug!r} (teams: {known})", returncode=returncode)
        return team
    teams = list(Team.objects.order_by("created_at", "id")[:2])
    if len(teams) == 1:
        return teams[0]
    if not teams:
        if create_default:
            from vivier.accounts.services import team_create

            return team_create(name="Default", slug="default")
        raise NotFound("no team yet: create one first")
    raise Refused("several teams exist: say which one with --team SLUG")


def user_for_command(team: Team, username: str | None) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username, memberships__team=team).first()
    if user is None:
        raise NotFound(f"no user {username!r} in team {team.slug}")
    return user
