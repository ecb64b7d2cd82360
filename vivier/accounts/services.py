import math
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.text import slugify

from vivier.lib import clock

from .models import ApiToken, LoginFailure, Membership, RateCounter, Team, User


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
    """Refused while recent failures reach a limit: for this account from this address, from this address
    (whatever the account), or for this account from everywhere, except from the address where the user
    last logged in, so that strangers cannot lock a recruiter out of her own office."""
    since = clock.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(at__gte=since)
    name = username.lower()
    limit = settings.LOGIN_MAX_FAILURES
    if ip and recent.filter(username=name, ip=ip).count() >= limit:
        return True
    if ip and recent.filter(ip=ip).count() >= limit * 4:
        return True
    if recent.filter(username=name).count() >= limit * 10:
        return not (ip and User.objects.filter(username__iexact=name, last_login_ip=ip).exists())
    return False


def login_succeeded(*, user: User, ip: str | None) -> None:
    login_failures_clear(username=user.username)
    if ip and user.last_login_ip != ip:
        User.objects.filter(pk=user.pk).update(last_login_ip=ip)


def login_failure_record(*, username: str, ip: str | None) -> None:
    LoginFailure.objects.create(username=username.lower(), ip=ip, at=clock.now())


def rate_limit_hit(*, key: str, limit: int, window_seconds: int = 60) -> int:
    """Count one request of ``key``; 0 while within ``limit`` per window, else the seconds to wait."""
    now = clock.now()
    epoch = int(now.timestamp())
    start = datetime.fromtimestamp(epoch - epoch % window_seconds, tz=UTC)
    counted = RateCounter.objects.filter(key=key, window_start=start).update(hits=F("hits") + 1)
    if counted:
        hits = RateCounter.objects.filter(key=key).values_list("hits", flat=True).first() or 1
    else:
        try:
            with transaction.atomic():
                RateCounter.objects.update_or_create(key=key, defaults={"window_start": start, "hits": 1})
        except IntegrityError:  # another request created it at the same instant
            RateCounter.objects.filter(key=key).update(hits=F("hits") + 1)
        hits = 1
    if hits <= limit:
        return 0
    return max(1, math.ceil((start + timedelta(seconds=window_seconds) - now).total_seconds()))


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
