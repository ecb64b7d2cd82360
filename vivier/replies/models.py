import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vivier.accounts.models import Team


class InboundMessage(models.Model):
    """One message received in a mailbox, kept raw for audit and reprocessing, with what parsing made of it.

    Nothing received is ever dropped: a message that cannot be parsed is stored ``unprocessed`` with the
    error, and ``inbound_reparse`` can try again after a parser fix.
    """

    class Source(models.TextChoices):
        IMAP = "imap", _("IMAP")
        WEBHOOK = "webhook", _("Webhook")
        PIPE = "pipe", _("MTA pipe")
        UPLOAD = "upload", _("Upload")

    class Status(models.TextChoices):
        PROCESSED = "processed", _("Processed")
        UNPROCESSED = "unprocessed", _("Unprocessed")

    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply")
        AUTO_REPLY = "auto_reply", _("Automatic reply")
        BOUNCE = "bounce", _("Bounce")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="inbound_messages")
    # The Message-ID header with its angle brackets, or "sha256:<hex of the raw bytes>" when there is none:
    # the deduplication key.
    message_id = models.CharField(max_length=500)
    raw = models.BinaryField()
    raw_sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)
    received_at = models.DateTimeField()
    source = models.CharField(max_length=10, choices=Source.choices)
    mailbox_address = models.CharField(max_length=254, blank=True)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UNPROCESSED)
    error = models.TextField(blank=True)
    parsed_at = models.DateTimeField(null=True, blank=True)

    # What parsing found (empty while unprocessed).
    kind = models.CharField(max_length=12, choices=Kind.choices, blank=True)
    from_address = models.CharField(max_length=254, blank=True, db_index=True)
    from_name = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=998, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)  # the Date: header
    in_reply_to = models.CharField(max_length=500, blank=True)
    references = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)  # whole body as text, quoted thread included
    visible_text = models.TextField(blank=True)  # what the person wrote
    lang = models.CharField(max_length=5, blank=True)
    auto_reason = models.CharField(max_length=200, blank=True)
    return_date = models.DateField(null=True, blank=True)
    bounce_recipient = models.CharField(max_length=254, blank=True)
    bounce_status = models.CharField(max_length=16, blank=True)
    bounce_permanent = models.BooleanField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "message_id"], name="inbound_unique_message_per_team"),
            # NULL teams are never equal in SQL: dedupe messages received before a team is known, too.
            models.UniqueConstraint(fields=["message_id"], condition=Q(team__isnull=True),
                                    name="inbound_unique_message_without_team"),
        ]
        indexes = [
            # The "unprocessed" list of a team, newest first.
            models.Index(fields=["team", "status", "-received_at"], name="inbound_team_status"),
            # Threading: replies whose In-Reply-To names a message we sent.
            models.Index(fields=["in_reply_to"], name="inbound_in_reply_to"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.status})"

    @property
    def bounce(self) -> dict | None:
        if self.kind != self.Kind.BOUNCE:
            return None
        return {"recipient": self.bounce_recipient or None, "status": self.bounce_status or None,
                "permanent": self.bounce_permanent}
