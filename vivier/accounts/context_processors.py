from django.utils.functional import SimpleLazyObject


def team(request):
    user = getattr(request, "user", None)

    def user_teams():
        if user is None or not user.is_authenticated:
            return []
        return [m.team for m in user.memberships.select_related("team").order_by("created_at")]

    def notification_count() -> int:
        # A callable: the template calls it only on pages that show the bell.
        team = getattr(request, "team", None)
        if team is None or user is None or not user.is_authenticated:
            return 0
        from .notifications import notification_unread_count

        return notification_unread_count(user=user, team=team)

    return {
        "notification_count": notification_count,
        "team": getattr(request, "team", None),
        "membership": getattr(request, "membership", None),
        "user_teams": SimpleLazyObject(user_teams),
    }
