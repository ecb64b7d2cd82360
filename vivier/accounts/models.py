import datetime as dt
import hashlib
import secrets
import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """A pool owner: an agency's client or a business unit. A team's pool is invisible to other teams."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    # Region used to read phone numbers written without a country code (phonenumbers' default region).
    default_region = models.CharField(max_length=2, default="FR")
    # Country whose public holidays "business days" delays skip, and fallback time zone for send windows.
    country = models.CharField(max_length=2, default="FR")
    time_zone = models.CharField(max_length=64, default="Europe/Paris")
    # Language of what Vivier writes for the team by default (a new member's interface, system mail).
    language = models.CharField(max_length=5, default="fr")
    # Public holidays skipped by "business days" delays, when they are not the country's own.
    holidays_country = models.CharField(max_length=2, blank=True)
    # Days between two messages to one candidate; None: the installation's VIVIER_CONTACT_PRESSURE_DAYS.
    contact_pressure_days = models.PositiveSmallIntegerField(null=True, blank=True)
    default_signature = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    @property
    def holidays(self) -> str:
        return self.holidays_country or self.country


class User(AbstractUser):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    language = models.CharField(
        _("language"), max_length=5, choices=[("fr", "Français"), ("en", "English")], default="fr"
    )
    # Empty: the active team's time zone.
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    teams = models.ManyToManyField(Team, through="Membership", related_name="members")
    # Where the user last logged in from: failures from strangers never lock the account there.
    last_login_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)

    def membership(self, team: Team) -> "Membership | None":
        return self.memberships.filter(team=team).first()


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        RECRUITER = "recruiter", _("Recruiter")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.RECRUITER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.team} ({self.role})"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once at creation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return "viv_" + secrets.token_urlsafe(32)


class LoginFailure(models.Model):
    """Failed login attempts, for throttling (per username and per IP)."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"


class RateCounter(models.Model):
    """Requests of one client (an API token, an address on a public page) in the current window.

    The rate limits live in the database like the worker's queue: every web process sees the same counts.
    """

    key = models.CharField(max_length=200, unique=True)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key} {self.hits} since {self.window_start:%H:%M:%S}"


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class SetupToken(models.Model):
    """The one-time link that claims an empty installation (first team, first admin). Only its SHA-256 is
    stored; ``vivier serve`` prints the link and issues a new one at each start while no team exists."""

    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"setup token {self.created_at:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """An emailed link to join a team: single use (``accepted_at``), expiring, only its SHA-256 stored."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Membership.Role.choices, default=Membership.Role.RECRUITER)
    digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} -> {self.team}"


class NotificationSettings(models.Model):
    """A user's notifications: the daily digest's local time (in the user's time zone, else the team's), and
    the kinds switched off (``vivier.accounts.attention`` kinds, for the bell and the digest alike)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="notification_settings")
    digest_enabled = models.BooleanField(_("daily email digest"), default=True)
    digest_time = models.TimeField(_("digest time"), default=dt.time(8, 0))
    muted = models.JSONField(default=list, blank=True)
    # The local day the digest was last considered for (sent, or nothing to say): the worker skips the user
    # until the next day. The message's idempotency key makes a second digest impossible anyway.
    digest_day = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            # Digest handler: users not yet considered today (digest_day IS NULL OR < today).
            models.Index(fields=["digest_enabled", "digest_day"], name="notif_digest_due"),
        ]

    def __str__(self) -> str:
        return f"notifications of {self.user_id}"


class NotificationRead(models.Model):
    """A notification the user marked read, by its stable key (``reply:<uuid>``)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_read_once")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.key}"
