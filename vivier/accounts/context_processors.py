from django.utils.functional import SimpleLazyObject


def team(request):
    user = getattr(request, "user", None)

    def user_teams():
        if user is None or not user.is_authenticated:
            return []
        return [m.team for m in user.memberships.select_related("team").order_by("created_at")]

    return {
        "team": getattr(request, "team", None),
        "membership": getattr(request, "membership", None),
        "user_teams": SimpleLazyObject(user_teams),
    }
