from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import ApiToken, Team, User


def api_token_list(*, user: User, team: Team) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, team=team).order_by("revoked_at", "-created_at")


def api_token_get(*, user: User, team: Team, public_id) -> ApiToken:
    """A user's own token; anyone else's (even a teammate's) is a 404."""
    return get_object_or_404(ApiToken, user=user, team=team, public_id=public_id)
