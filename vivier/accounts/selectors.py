from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from vivier.lib import clock

from .models import ApiToken, Invitation, Membership, Team, User


def api_token_list(*, user: User, team: Team) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, team=team).order_by("revoked_at", "-created_at")


def api_token_get(*, user: User, team: Team, public_id) -> ApiToken:
    """A user's own token; anyone else's (even a teammate's) is a 404."""
    return get_object_or_404(ApiToken, user=user, team=team, public_id=public_id)


def team_members(*, team: Team) -> list[Membership]:
    return list(
        Membership.objects.filter(team=team, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    )


def team_member_get(*, team: Team, public_id) -> User:
    """A member of ``team`` by public id; anyone else is a 404."""
    return get_object_or_404(User, public_id=public_id, memberships__team=team)


def invitations_pending(*, team: Team) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        team=team, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=clock.now()
    ).select_related("invited_by")


def invitation_get(*, team: Team, public_id) -> Invitation:
    return get_object_or_404(Invitation, team=team, public_id=public_id)


# The owned kinds as the reader calls them; the models name themselves in English only.
OWNED_LABELS = {
    "candidate": gettext_lazy("Candidates"),
    "segment": gettext_lazy("Segments"),
    "mailbox": gettext_lazy("Mailboxes"),
    "campaign": gettext_lazy("Campaigns"),
    "task": gettext_lazy("Tasks"),
}


def owned_counts(*, team: Team, user: User) -> list[tuple[str, int]]:
    """What ``user`` owns in ``team``, by kind (in the reader's words), for the deactivation page."""
    from .services import owned_models

    counts = []
    for model in owned_models():
        n = model.objects.filter(team=team, owner=user).count()
        if n:
            label = OWNED_LABELS.get(model._meta.model_name, model._meta.verbose_name_plural)
            counts.append((str(label), n))
    return counts
