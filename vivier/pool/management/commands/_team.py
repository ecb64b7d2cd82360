"""Which team a command-line invocation works on."""

from django.core.management.base import CommandError

from vivier.accounts.models import Team


def team_for_command(slug: str | None, *, create_default: bool = False) -> Team:
    """``--team SLUG``; without it, the only team. On a fresh database (no team at all) an importing
    command may create a "default" team so that a newcomer's first ``vivier import`` just works."""
    if slug:
        team = Team.objects.filter(slug=slug).first()
        if team is None:
            known = ", ".join(Team.objects.order_by("slug").values_list("slug", flat=True)) or "none"
            raise CommandError(f"no team {slug!r} (teams: {known})")
        return team
    teams = list(Team.objects.order_by("id")[:2])
    if len(teams) == 1:
        return teams[0]
    if not teams:
        if create_default:
            from vivier.accounts.services import team_create

            return team_create(name="Default", slug="default")
        raise CommandError("there is no team yet")
    raise CommandError("several teams exist: choose one with --team SLUG")
