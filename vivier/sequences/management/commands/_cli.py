"""Shared bits of the engine's management commands (not a command itself: the name starts with _)."""

import json

from django.core.management.base import CommandError

from vivier.accounts.models import Team, User


def add_team_argument(parser):
    parser.add_argument("--team", help="team slug (default: the only team)")


def get_team(slug: str | None) -> Team:
    if slug:
        team = Team.objects.filter(slug=slug).first()
        if team is None:
            raise CommandError(f"no team {slug!r}")
        return team
    teams = list(Team.objects.order_by("created_at")[:2])
    if not teams:
        raise CommandError("no team yet: create one first")
    if len(teams) > 1:
        raise CommandError("several teams exist: say which one with --team SLUG")
    return teams[0]


def get_user(team: Team, username: str | None) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username, memberships__team=team).first()
    if user is None:
        raise CommandError(f"no user {username!r} in team {team.slug}")
    return user


def find_campaign(team: Team, ref: str):
    from vivier.sequences.models import Campaign

    qs = Campaign.objects.filter(team=team)
    found = list(qs.filter(public_id__startswith=ref)[:2]) if len(ref) >= 4 else []
    try:
        found = found or list(qs.filter(public_id=ref)[:2])
    except Exception:  # noqa: BLE001 - not a UUID
        pass
    found = found or list(qs.filter(name=ref).order_by("-created_at")[:2])
    if not found:
        raise CommandError(f"no campaign {ref!r} (give its id or its name)")
    if len(found) > 1:
        raise CommandError(f"{ref!r} matches several campaigns: give the id")
    return found[0]


def dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
