from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.db import transaction
from django.utils.text import slugify

from vivier.lib import clock

from .models import ApiToken, LoginFailure, Membership, Team, User


def team_create(
    *,
    name: str,
    slug: str | None = None,
    default_region: str = "FR",
    country: str = "FR",
    time_zone: str = "Europe/Paris",
) -> Team:
    return Team.objects.create(
        name=name,
        slug=slug or slugify(name)[:50],
        default_region=default_region.upper(),
        country=country.upper(),
        time_zone=time_zone,
    )


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    team: Team,
    role: str = Membership.Role.RECRUITER,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    language: str = "fr",
    validate_password: bool = True,
) -> User:
    user = User(username=username, email=email, first_name=first_name, last_name=last_name, language=language)
    if validate_password:
        password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    Membership.objects.create(user=user, team=team, role=role)
    return user


def membership_add(*, user: User, team: Team, role: str = Membership.Role.RECRUITER) -> Membership:
    membership, _ = Membership.objects.update_or_create(user=user, team=team, defaults={"role": role})
    return membership


def user_set_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {language!r}")
    user.language = language
    user.save(update_fields=["language"])
    return user


def api_token_create(*, user: User, team: Team, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw value, which is never stored and shown only once."""
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user, team=team, name=name, prefix=raw[:12], digest=ApiToken.hash(raw)
    )
    return token, raw


def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])


def api_token_authenticate(raw: str) -> ApiToken | None:
    token = (
        ApiToken.objects.select_related("user", "team")
        .filter(digest=ApiToken.hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not token.user.memberships.filter(team=token.team).exists():
        return None
    now = clock.now()
    # Write at most once a minute: an API client in a loop should not turn every read into a write.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def login_is_throttled(*, username: str, ip: str | None) -> bool:
    since = clock.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(at__gte=since)
    by_user = recent.filter(username=username.lower()).count()
    by_ip = recent.filter(ip=ip).count() if ip else 0
    return by_user >= settings.LOGIN_MAX_FAILURES or by_ip >= settings.LOGIN_MAX_FAILURES * 4


def login_failure_record(*, username: str, ip: str | None) -> None:
    LoginFailure.objects.create(username=username.lower(), ip=ip, at=clock.now())


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
