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

    class Auth(models.TextChoices):
        PASSWORD = "password", _("Password")
        GOOGLE = "google", _("Google Workspace (OAuth2)")
        MICROSOFT = "microsoft", _("Microsoft 365 (OAuth2)")

    # How SMTP and IMAP log in: a password each, or one OAuth2 grant (XOAUTH2) for both.
    auth_method = models.CharField(max_length=10, choices=Auth.choices, default=Auth.PASSWORD)
    # Fernet tokens, like the SMTP password.
    oauth_refresh_encrypted = models.TextField(blank=True)
    oauth_access_encrypted = models.TextField(blank=True)
    oauth_expires_at = models.DateTimeField(null=True, blank=True)
    oauth_connected_at = models.DateTimeField(null=True, blank=True)

    # The IMAP side: replies in ``imap_inbox``, mail the recruiter wrote elsewhere in ``imap_sent``.
    imap_host = models.CharField(max_length=255, blank=True)
    imap_port = models.PositiveIntegerField(default=993)
    imap_security = models.CharField(max_length=10, choices=Security.choices, default=Security.TLS)
    imap_username = models.CharField(max_length=254, blank=True)
    imap_password_encrypted = models.TextField(blank=True)
    imap_inbox = models.CharField(max_length=200, default="INBOX")
    imap_sent = models.CharField(max_length=200, blank=True, default="Sent")

    # Polling state, moved by the worker (vivier.replies.mailpoll): next poll due, last result, and per
    # folder {"uidvalidity": N, "last_uid": N} so each message is handed over once.
    imap_next_poll_at = models.DateTimeField(null=True, blank=True)
    imap_polled_at = models.DateTimeField(null=True, blank=True)
    imap_error = models.TextField(blank=True)
    imap_error_at = models.DateTimeField(null=True, blank=True)
    imap_failures = models.PositiveIntegerField(default=0)
    imap_cursors = models.JSONField(default=dict, blank=True)
    # When the Sent folder was last searched for messages whose fate is unknown (vivier.sequences.sent_resolve).
    imap_sent_checked_at = models.DateTimeField(null=True, blank=True)

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
        # The poller's claim: mailboxes with an IMAP host whose next poll is due.
        indexes = [models.Index(fields=["imap_next_poll_at"], name="mailbox_poll_due")]
        ordering = ["address"]

    def __str__(self) -> str:
        return self.address

    def set_password(self, raw: str) -> None:
        from .crypto import encrypt

        self.smtp_password_encrypted = encrypt(raw) if raw else ""

    def get_password(self) -> str:
        from .crypto import decrypt

        return decrypt(self.smtp_password_encrypted) if self.smtp_password_encrypted else ""

    def set_imap_password(self, raw: str) -> None:
        from .crypto import encrypt

        self.imap_password_encrypted = encrypt(raw) if raw else ""

    def get_imap_password(self) -> str:
        from .crypto import decrypt

        return decrypt(self.imap_password_encrypted) if self.imap_password_encrypted else ""

    @property
    def has_imap(self) -> bool:
        return bool(self.imap_host)

    @property
    def uses_oauth(self) -> bool:
        return self.auth_method != self.Auth.PASSWORD
