import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vivier.accounts.models import Team


class Mailbox(models.Model):
    """A recruiter's own address that campaigns send from: SMTP, an email service (anymail), or the outbox."""

    class Kind(models.TextChoices):
        SMTP = "smtp", "SMTP"
        ANYMAIL = "anymail", _("Email service")
        OUTBOX = "outbox", _("Built-in outbox (nothing leaves)")

    class Security(models.TextChoices):
        STARTTLS = "starttls", "STARTTLS"
        TLS = "tls", "TLS"
        NONE = "none", _("None (local servers only)")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="mailboxes")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="mailboxes"
    )
    address = models.CharField(_("address"), max_length=254)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SMTP)
    smtp_host = models.CharField(max_length=255, blank=True)
    smtp_port = models.PositiveIntegerField(default=587)
    smtp_security = models.CharField(max_length=10, choices=Security.choices, default=Security.STARTTLS)
    smtp_username = models.CharField(max_length=254, blank=True)
    # Fernet token (vivier.mail.crypto); never the clear password.
    smtp_password_encrypted = models.TextField(blank=True)
    signature = models.TextField(_("signature"), blank=True)

    daily_limit = models.PositiveIntegerField(_("daily limit"), default=200)
    min_gap_seconds = models.PositiveIntegerField(_("minimum gap between sends (s)"), default=90)
    jitter_seconds = models.PositiveIntegerField(_("random extra gap up to (s)"), default=60)
    # Rhythm state, moved by one conditional UPDATE per send (vivier.mail.services.mailbox_take_slot).
    next_free_at = models.DateTimeField(null=True, blank=True)
    day = models.DateField(null=True, blank=True)
    day_count = models.PositiveIntegerField(default=0)

    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "address"], name="mailbox_address_unique")]
        ordering = ["address"]

    def __str__(self) -> str:
        return self.address

    def set_password(self, raw: str) -> None:
        from .crypto import encrypt

        self.smtp_password_encrypted = encrypt(raw) if raw else ""

    def get_password(self) -> str:
        from .crypto import decrypt

        return decrypt(self.smtp_password_encrypted) if self.smtp_password_encrypted else ""
