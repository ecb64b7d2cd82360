"""Who may see what. Every view and API endpoint goes through these helpers."""

from django.http import Http404

from .models import Membership, Team


def team_for_user(user, team_slug: str | None = None) -> Team | None:
    memberships = Membership.objects.select_related("team").filter(user=user).order_by("created_at")
    if team_slug:
        memberships = memberships.filter(team__slug=team_slug)
    first = memberships.first()
    return first.team if first else None


def is_admin(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Membership.Role.ADMIN


def require_team(request) -> Team:
    team = getattr(request, "team", None)
    if team is None:
        raise Http404("no team")
    return team


def require_admin(request) -> Team:
    team = require_team(request)
    membership = getattr(request, "membership", None)
    if membership is None or membership.role != Membership.Role.ADMIN:
        raise Http404("not an admin of this team")
    return team
