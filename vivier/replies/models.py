import uuid

from django.conf import settings
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
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="inbound_messages"
    )
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

    # Handling (vivier.replies.services.handle_one_inbound): threaded, understood, effects applied.
    handled_at = models.DateTimeField(null=True, blank=True)
    handle_claimed_until = models.DateTimeField(null=True, blank=True)
    handle_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "message_id"], name="inbound_unique_message_per_team"),
            # NULL teams are never equal in SQL: dedupe messages received before a team is known, too.
            models.UniqueConstraint(
                fields=["message_id"],
                condition=Q(team__isnull=True),
                name="inbound_unique_message_without_team",
            ),
        ]
        indexes = [
            # The "unprocessed" list of a team, newest first.
            models.Index(fields=["team", "status", "-received_at"], name="inbound_team_status"),
            # Threading: replies whose In-Reply-To names a message we sent.
            models.Index(fields=["in_reply_to"], name="inbound_in_reply_to"),
            # Reply worker claim: status='processed' AND handled_at IS NULL ORDER BY id.
            models.Index(fields=["status", "handled_at"], name="inbound_to_handle"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.status})"

    @property
    def bounce(self) -> dict | None:
        if self.kind != self.Kind.BOUNCE:
            return None
        return {
            "recipient": self.bounce_recipient or None,
            "status": self.bounce_status or None,
            "permanent": self.bounce_permanent,
        }


INTENT_CHOICES = [
    ("interested", _("Interested")),
    ("more_info", _("More information")),
    ("slot_choice", _("Slot chosen")),
    ("not_interested", _("Not interested")),
    ("later", _("Later")),
    ("out_of_office", _("Out of office")),
    ("unsubscribe", _("Unsubscribe")),
    ("referral", _("Referral")),
    ("other", _("Other")),
    ("bounce", _("Bounced")),
]


# Labels whose doubtful reading pauses every message to the person until a recruiter checks it.
HOLDING_INTENTS = ("unsubscribe", "not_interested")


class Reply(models.Model):
    """One inbound message as understood: whom it is from, which campaign it answers, what it means.

    ``intent`` is the label the effects follow: the classifier's (``predicted_intent``) until a recruiter
    corrects it. A reply without a candidate is "unmatched" until a recruiter attaches it.

    A doubtful reading with a hard-to-undo effect is ``to check`` (``check_state = PENDING``): the sequence stops
    as for any human reply, but the opt-out, the decline reason or the booking waits for a recruiter, and a
    doubtful unsubscribe or decline pauses every message to the person meanwhile (``HOLDING_INTENTS``).
    """

    class Check(models.TextChoices):
        NONE = "", _("Nothing to check")
        PENDING = "pending", _("To check")
        CONFIRMED = "confirmed", _("Confirmed")
        RELABELLED = "relabelled", _("Relabelled")

    class MatchedBy(models.TextChoices):
        IN_REPLY_TO = "in_reply_to", _("In-Reply-To")
        REFERENCES = "references", _("References")
        SENDER = "sender", _("Sender address")
        BOUNCE = "bounce", _("Bounced address")
        MANUAL = "manual", _("Attached by hand")
        NONE = "", _("Unmatched")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    inbound = models.OneToOneField(InboundMessage, on_delete=models.CASCADE, related_name="reply")
    candidate = models.ForeignKey(
        "pool.Candidate", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    enrollment = models.ForeignKey(
        "sequences.Enrollment", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    campaign = models.ForeignKey(
        "sequences.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    outbound = models.ForeignKey(
        "sequences.OutboundMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    matched_by = models.CharField(max_length=12, choices=MatchedBy.choices, blank=True)

    intent = models.CharField(max_length=20, choices=INTENT_CHOICES)
    predicted_intent = models.CharField(max_length=20, choices=INTENT_CHOICES)
    reason = models.CharField(max_length=20, blank=True)
    predicted_reason = models.CharField(max_length=20, blank=True)
    recontact_after = models.DateField(null=True, blank=True)
    chosen_slot = models.PositiveSmallIntegerField(null=True, blank=True)
    confidence = models.FloatField(default=0.0)
    lang = models.CharField(max_length=5, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrected_at = models.DateTimeField(null=True, blank=True)
    check_state = models.CharField(max_length=10, choices=Check.choices, blank=True, default="")
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The "reply now" / referral / reminder task this reply created, if any.
    task = models.ForeignKey(
        "sequences.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            # Triage inbox: a team's open replies (done_at IS NULL), newest first, counted by intent.
            models.Index(fields=["team", "done_at", "-received_at"], name="reply_team_open"),
            # Corrections as training data: team_id=? AND corrected_at IS NOT NULL.
            models.Index(fields=["team", "corrected_at"], name="reply_team_corrected"),
            # The send rule "paused while a doubtful stop is checked": candidate_id=? AND check_state='pending'
            # (almost always empty, checked before every message).
            models.Index(
                fields=["candidate"], condition=Q(check_state="pending"), name="reply_candidate_to_check"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intent} from {self.candidate_id or '?'}"

    @property
    def is_human(self) -> bool:
        return self.intent not in ("out_of_office", "bounce")

    @property
    def awaits_check(self) -> bool:
        return self.check_state == self.Check.PENDING

    @property
    def holds_sending(self) -> bool:
        return self.awaits_check and self.intent in HOLDING_INTENTS


class DeclineRecord(models.Model):
    """A candidate's decline and its reason, kept as history ("ever declined for salary") for segments."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey("pool.Candidate", on_delete=models.CASCADE, related_name="declines")
    reply = models.OneToOneField(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="decline"
    )
    campaign = models.ForeignKey(
        "sequences.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=20, blank=True)  # "" when no reason was given
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["team", "reason"], name="decline_team_reason")]

    def __str__(self) -> str:
        return f"{self.candidate_id} declined ({self.reason or 'no reason'})"
