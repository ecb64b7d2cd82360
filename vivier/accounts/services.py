import math
import secrets
from datetime import UTC, datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import password_validation
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from vivier.lib import clock

from .models import (
    ApiToken,
    Invitation,
    LoginFailure,
    Membership,
    RateCounter,
    SetupToken,
    Team,
    User,
    token_digest,
)


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


# --- Errors shown to a person ------------------------------------------------------------------


class Refused(ValueError):
    """A request the rules refuse; ``str()`` is a sentence for the person who asked (in their language)."""


class TokenRefused(Refused):
    """A setup or invitation link that cannot be used: ``code`` is invalid, used, expired or revoked."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(str(TOKEN_MESSAGES[code]))


TOKEN_MESSAGES = {
    "invalid": _("This link is not valid: check that it was copied whole, or ask for a new one."),
    "used": _("This link was already used: it works only once. Log in, or ask for a new one."),
    "expired": _("This link has expired: ask for a new one."),
    "revoked": _("This invitation was withdrawn: ask your team's admin for a new one."),
    "done": _("Vivier is already set up: log in."),
}


def _raw_token() -> str:
    return secrets.token_urlsafe(32)


# --- First run ---------------------------------------------------------------------------------


def setup_needed() -> bool:
    """An installation without any team yet: the next ``vivier serve`` prints a setup link."""
    return not Team.objects.exists()


@transaction.atomic
def setup_token_issue() -> str | None:
    """A new one-time setup link's token while no team exists (the earlier unused ones stop working), else
    None. Only its SHA-256 is stored: the token is printed once, by ``vivier serve``."""
    if not setup_needed():
        return None
    SetupToken.objects.filter(used_at__isnull=True).delete()
    raw = _raw_token()
    SetupToken.objects.create(digest=token_digest(raw), created_at=clock.now())
    return raw


def setup_token_check(raw: str) -> SetupToken:
    token = SetupToken.objects.filter(digest=token_digest(raw or "")).first()
    if token is None:
        raise TokenRefused("done" if not setup_needed() else "invalid")
    if token.used_at is not None or not setup_needed():
        raise TokenRefused("used")
    return token


@transaction.atomic
def setup_complete(
    *,
    raw: str,
    team_name: str,
    country: str,
    time_zone: str,
    language: str,
    holidays_country: str,
    username: str,
    email: str,
    password: str,
) -> User:
    """Claim an empty installation with its setup link.

    1. The token is locked and checked again (two browsers posting at once: one wins).
    2. The first team and its first admin are created; the token is spent.
    """
    token = setup_token_check(raw)
    token = SetupToken.objects.select_for_update().get(pk=token.pk)
    if token.used_at is not None or not setup_needed():
        raise TokenRefused("used")
    team = team_create(name=team_name, country=country, default_region=country, time_zone=time_zone)
    team.language, team.holidays_country = language, holidays_country.upper()
    team.save(update_fields=["language", "holidays_country"])
    user = user_create(
        username=username,
        password=password,
        team=team,
        role=Membership.Role.ADMIN,
        email=email,
        language=language,
    )
    token.used_at = clock.now()
    token.save(update_fields=["used_at"])
    return user


# --- Team settings and user preferences ---------------------------------------------------------

TEAM_SETTINGS = (
    "name",
    "country",
    "default_region",
    "time_zone",
    "language",
    "holidays_country",
    "contact_pressure_days",
    "default_signature",
)


def team_update(*, team: Team, **fields) -> Team:
    unknown = set(fields) - set(TEAM_SETTINGS)
    if unknown:
        raise ValueError(f"not a team setting: {', '.join(sorted(unknown))}")
    for name in ("country", "default_region", "holidays_country"):
        if name in fields and fields[name] is not None:
            fields[name] = fields[name].upper()
    for name, value in fields.items():
        setattr(team, name, value)
    team.save(update_fields=list(fields))
    return team


def user_update_preferences(*, user: User, language: str, time_zone: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {language!r}")
    user.language, user.time_zone = language, time_zone
    user.save(update_fields=["language", "time_zone"])
    return user


# --- Members -------------------------------------------------------------------------------


def _other_admins(team: Team, user: User) -> bool:
    return (
        Membership.objects.filter(team=team, role=Membership.Role.ADMIN, user__is_active=True)
        .exclude(user=user)
        .exists()
    )


@transaction.atomic
def membership_set_role(*, team: Team, user: User, role: str) -> Membership:
    if role not in Membership.Role.values:
        raise Refused(_("Unknown role %(role)s.") % {"role": role})
    membership = Membership.objects.select_for_update().filter(team=team, user=user).first()
    if membership is None:
        raise Refused(_("%(user)s is not a member of this team.") % {"user": user.username})
    if (
        membership.role == Membership.Role.ADMIN
        and role != Membership.Role.ADMIN
        and not _other_admins(team, user)
    ):
        raise Refused(_("A team keeps at least one admin: make someone else admin first."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def owned_models() -> list[type]:
    """Every model whose rows a person owns within a team (a foreign key ``owner`` to the user and a ``team``):
    candidates, segments, mailboxes, campaigns, tasks, and whatever a later app adds the same way."""
    found = []
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        if "owner" in names and "team" in names:
            field = model._meta.get_field("owner")
            if getattr(field, "related_model", None) is User:
                found.append(model)
    return found


@transaction.atomic
def member_deactivate(*, team: Team, user: User, new_owner: User, by: User | None = None) -> dict[str, int]:
    """Take ``user`` out of ``team``.

    1. Refused for the last admin, or when ``new_owner`` is not another member of the team.
    2. Everything ``user`` owns in the team (``owned_models()``) moves to ``new_owner``, in this transaction.
    3. The membership and the user's API tokens for the team go; a user left without any team is deactivated.

    Returns how many rows moved, by model label.
    """
    membership = Membership.objects.select_for_update().filter(team=team, user=user).first()
    if membership is None:
        raise Refused(_("%(user)s is not a member of this team.") % {"user": user.username})
    if new_owner.pk == user.pk or not Membership.objects.filter(team=team, user=new_owner).exists():
        raise Refused(_("Pick another member of the team to take over."))
    if not new_owner.is_active:
        raise Refused(_("Pick another member of the team to take over."))
    if membership.role == Membership.Role.ADMIN and not _other_admins(team, user):
        raise Refused(_("A team keeps at least one admin: make someone else admin first."))
    moved = {}
    for model in owned_models():
        moved[model._meta.label] = model.objects.filter(team=team, owner=user).update(owner=new_owner)
    membership.delete()
    ApiToken.objects.filter(user=user, team=team, revoked_at__isnull=True).update(revoked_at=clock.now())
    if not user.memberships.exists():
        user.is_active = False
        user.save(update_fields=["is_active"])
    return moved


# --- Invitations ---------------------------------------------------------------------------


def invitation_max_age() -> timedelta:
    return timedelta(days=int(getattr(settings, "VIVIER_INVITATION_DAYS", 7)))


def invitation_create(
    *, team: Team, email: str, role: str = Membership.Role.RECRUITER, by: User | None = None
) -> tuple[Invitation, str]:
    """An invitation and its raw token (only the SHA-256 is stored: the token lives in the emailed link)."""
    if role not in Membership.Role.values:
        raise Refused(_("Unknown role %(role)s.") % {"role": role})
    if Membership.objects.filter(team=team, user__email__iexact=email, user__is_active=True).exists():
        raise Refused(_("%(email)s is already a member of this team.") % {"email": email})
    raw = _raw_token()
    now = clock.now()
    invitation = Invitation.objects.create(
        team=team,
        email=email.strip(),
        role=role,
        digest=token_digest(raw),
        invited_by=by,
        created_at=now,
        expires_at=now + invitation_max_age(),
    )
    return invitation, raw


def invitation_send(
    *, team: Team, email: str, role: str = Membership.Role.RECRUITER, by: User | None = None, base_url: str
) -> Invitation:
    """Invite ``email`` to ``team``: the invitation, then the email with its link (system mail: SMTP when
    configured, else the built-in outbox), in the team's language."""
    from django.core.mail import EmailMessage
    from django.urls import reverse
    from django.utils import translation

    invitation, raw = invitation_create(team=team, email=email, role=role, by=by)
    link = base_url.rstrip("/") + reverse("accounts:invitation", args=[raw])
    inviter = (by.get_full_name() or by.username) if by is not None else "Vivier"
    with translation.override(team.language):
        subject = _("%(inviter)s invites you to %(team)s on Vivier") % {"inviter": inviter, "team": team.name}
        body = _(
            "Hello,\n\n%(inviter)s invites you to join the team %(team)s on Vivier.\n\n"
            "Accept the invitation (the link works once, until %(expires)s):\n%(link)s\n"
        ) % {
            "inviter": inviter,
            "team": team.name,
            "expires": invitation.expires_at.strftime("%Y-%m-%d %H:%M UTC"),
            "link": link,
        }
    EmailMessage(
        subject=str(subject),
        body=str(body),
        to=[invitation.email],
        headers={"X-Vivier-Team": team.slug},
    ).send(fail_silently=False)
    return invitation


def invitation_check(raw: str) -> Invitation:
    invitation = Invitation.objects.select_related("team").filter(digest=token_digest(raw or "")).first()
    if invitation is None:
        raise TokenRefused("invalid")
    if invitation.accepted_at is not None:
        raise TokenRefused("used")
    if invitation.revoked_at is not None:
        raise TokenRefused("revoked")
    if clock.now() >= invitation.expires_at:
        raise TokenRefused("expired")
    return invitation


@transaction.atomic
def invitation_accept(*, raw: str, user: User | None = None, username: str = "", password: str = "") -> User:
    """Join the invitation's team: as ``user`` (an existing account, already authenticated), else as a new
    account ``username``/``password`` with the invited address. The link is spent."""
    invitation = invitation_check(raw)
    invitation = Invitation.objects.select_for_update().select_related("team").get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise TokenRefused("used")
    if user is None:
        if User.objects.filter(username__iexact=username).exists():
            raise Refused(_("This username is taken: choose another, or log in with your account."))
        user = user_create(
            username=username,
            password=password,
            team=invitation.team,
            role=invitation.role,
            email=invitation.email,
            language=invitation.team.language,
        )
    else:
        membership_add(user=user, team=invitation.team, role=invitation.role)
    invitation.accepted_at, invitation.accepted_by = clock.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def invitation_revoke(*, invitation: Invitation) -> None:
    invitation.revoked_at = clock.now()
    invitation.save(update_fields=["revoked_at"])
