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


class OutboundMessage(models.Model):
    """One email of one enrollment's step. The row exists (as ``sending``) before SMTP is ever called."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled (retry)")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        UNKNOWN = "unknown", _("Unknown: check by hand")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")
        CANCELLED = "cancelled", _("Cancelled")

    class Transport(models.TextChoices):
        SMTP = "smtp", "SMTP"
        ANYMAIL = "anymail", _("Email service")
        OUTBOX = "outbox", _("Outbox")
        MEMORY = "memory", _("In memory (tests, benchmarks)")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    enrollment = models.ForeignKey("sequences.Enrollment", on_delete=models.CASCADE, related_name="messages")
    # The step's position in the sequence when it was sent; (enrollment, position) is the at-most-once key.
    position = models.PositiveSmallIntegerField()
    step = models.ForeignKey(
        "sequences.Step", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    candidate = models.ForeignKey(
        "pool.Candidate", on_delete=models.CASCADE, related_name="outbound_messages"
    )
    campaign = models.ForeignKey("sequences.Campaign", on_delete=models.CASCADE, related_name="messages")
    mailbox = models.ForeignKey(
        Mailbox, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    transport = models.CharField(max_length=10, choices=Transport.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)

    from_email = models.CharField(max_length=254)
    from_name = models.CharField(max_length=150, blank=True)
    to_email = models.CharField(max_length=254)
    to_name = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=500)
    body = models.TextField()
    message_id = models.CharField(max_length=300, unique=True)
    in_reply_to = models.CharField(max_length=300, blank=True)
    references = models.TextField(blank=True)
    unsubscribe_url = models.CharField(max_length=500, blank=True)

    due_at = models.DateTimeField(help_text="when the step was due (lateness = sent_at - due_at)")
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    smtp_response = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "position"], name="outbound_once_per_step"),
        ]
        indexes = [
            # Retry handler: status='scheduled' AND next_attempt_at <= now ORDER BY next_attempt_at.
            # Stale sweep: status='sending' AND claimed_until < now.
            models.Index(fields=["status", "next_attempt_at"], name="outbound_status_next"),
            # Outbox page / `vivier outbox`: a team's messages, newest first.
            models.Index(fields=["team", "-created_at"], name="outbound_team_created"),
            # Reply threading looks messages up by Message-ID: unique index above.
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to_email}: {self.subject}"
