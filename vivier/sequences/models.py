import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vivier.accounts.models import Team

from .history import task_text


def default_weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]  # Monday..Friday


class Sequence(models.Model):
    """An ordered list of steps and an end policy; also a YAML file (`vivier sequence import/export`)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="sequences")
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    # End policy: wait this long after the last step, then snooze the candidate.
    end_wait_days = models.PositiveSmallIntegerField(_("days to wait after the last step"), default=7)
    # 0 = no snooze (the enrollment just completes).
    snooze_months = models.PositiveSmallIntegerField(_("snooze (months)"), default=6)
    snooze_until = models.DateField(_("snooze until a date"), null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "name"], name="sequence_name_unique_per_team")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Step(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        LINKEDIN = "linkedin", _("LinkedIn task")
        CALL = "call", _("Call task")

    class DelayUnit(models.TextChoices):
        DAYS = "days", _("days")
        HOURS = "hours", _("hours")
        BUSINESS_DAYS = "business_days", _("business days")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.ForeignKey(Sequence, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()  # 0-based, dense
    # Delay after the previous step was sent (for the first step: after launch).
    delay = models.PositiveIntegerField(default=0)
    delay_unit = models.CharField(max_length=15, choices=DelayUnit.choices, default=DelayUnit.DAYS)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    subject_fr = models.CharField(max_length=300, blank=True)
    body_fr = models.TextField(blank=True)
    subject_en = models.CharField(max_length=300, blank=True)
    body_en = models.TextField(blank=True)
    # Follow-up in the first message's thread ("Re:", In-Reply-To, References).
    same_thread = models.BooleanField(default=True)
    # Send window, in the candidate's time zone (the team's when unknown).
    window_weekdays = models.JSONField(default=default_weekdays)
    window_start = models.TimeField(default=dt.time(9, 0))
    window_end = models.TimeField(default=dt.time(18, 0))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sequence", "position"], name="step_position_unique")]
        ordering = ["sequence", "position"]

    def __str__(self) -> str:
        return f"{self.sequence} #{self.position + 1}"

    def window(self, *, zone: str, country: str) -> dict:
        """The send window's arguments for ``vivier.lib.tz.next_in_window`` in the candidate's ``zone``."""
        return {
            "tz": zone,
            "weekdays": self.window_weekdays,
            "start": self.window_start,
            "end": self.window_end,
            "country": country,
        }

    def templates(self, language: str) -> tuple[str, str]:
        """(subject, body) in the language, falling back to the other one when that one is empty."""
        fr, en = (self.subject_fr, self.body_fr), (self.subject_en, self.body_en)
        first, second = (en, fr) if language == "en" else (fr, en)
        return first if first[1].strip() else second


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        FINISHED = "finished", _("Finished")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField(_("name"), max_length=200)
    sequence = models.ForeignKey(Sequence, on_delete=models.PROTECT, related_name="campaigns")
    job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.PROTECT, related_name="campaigns"
    )
    # None: the built-in outbox (nothing leaves the machine).
    mailbox = models.ForeignKey(
        "mail.Mailbox", null=True, blank=True, on_delete=models.PROTECT, related_name="campaigns"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="campaigns"
    )
    segment_query = models.TextField(blank=True)
    # Also enroll candidates who match the segment later (a handler re-evaluates running campaigns).
    follow_new_matches = models.BooleanField(default=False)
    # When the segment was last re-evaluated for new matches (vivier.sequences.engine.handle_one_new_matches).
    matched_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["team", "status"], name="campaign_team_status")]

    def __str__(self) -> str:
        return self.name


class Enrollment(models.Model):
    """One candidate in one campaign. ``active`` is the only live state; the others are ends.

    active -> replied | bounced | unsubscribed | completed | snoozed | ended
    """

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        REPLIED = "replied", _("Replied")
        BOUNCED = "bounced", _("Bounced")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        COMPLETED = "completed", _("Completed")
        SNOOZED = "snoozed", _("Snoozed")
        ENDED = "ended", _("Ended")

    TRANSITIONS = {
        State.ACTIVE: {
            State.REPLIED,
            State.BOUNCED,
            State.UNSUBSCRIBED,
            State.COMPLETED,
            State.SNOOZED,
            State.ENDED,
        },
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="enrollments")
    # Null only once the candidate was erased: the row stays, unlinked and blanked, for the campaign's figures.
    candidate = models.ForeignKey(
        "pool.Candidate", null=True, blank=True, on_delete=models.CASCADE, related_name="enrollments"
    )
    state = models.CharField(max_length=15, choices=State.choices, default=State.ACTIVE)
    # The line that shows you know what this person does (#LaPersonnalisationBordel): `{{ hook }}`.
    hook = models.TextField(_("personal hook"), blank=True)

    # Position of the next step to run; == number of steps means "the end policy is next".
    next_position = models.PositiveSmallIntegerField(default=0)
    # When the next step (or the end policy) is due. None: waiting (a task to do, a message being retried).
    next_at = models.DateTimeField(null=True, blank=True)
    # Claim lease of the worker handling it (conditional UPDATE; skip_locked on PostgreSQL).
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    # Message-ID of the thread's first message, and the chain for References.
    thread_root_id = models.CharField(max_length=300, blank=True)
    thread_subject = models.CharField(max_length=500, blank=True)
    thread_refs = models.TextField(blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    stop_reason = models.CharField(max_length=200, blank=True)

    created_at = models.DateTimeField()
    state_changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "candidate"], name="enrollment_once_per_campaign"),
            # Never in two active campaigns at once, enforced by the database as well as the service.
            models.UniqueConstraint(
                fields=["candidate"], condition=Q(state="active"), name="enrollment_one_active_per_candidate"
            ),
        ]
        indexes = [
            # Worker claim: state='active' AND next_at <= now AND (claimed_until IS NULL OR < now)
            # ORDER BY next_at (campaign status checked by a join on the few claimed rows).
            models.Index(fields=["state", "next_at"], name="enrollment_due"),
            models.Index(fields=["campaign", "state"], name="enrollment_campaign_state"),
        ]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.candidate_id} in {self.campaign_id} ({self.state})"

    def can_become(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.state, set())

    def is_due(self, now) -> bool:
        return self.state == self.State.ACTIVE and self.next_at is not None and self.next_at <= now


class Task(models.Model):
    """Something for a recruiter to do: a LinkedIn or call step, a snooze reminder, a reply to answer."""

    class Kind(models.TextChoices):
        LINKEDIN = "linkedin", _("LinkedIn message")
        CALL = "call", _("Call")
        REMINDER = "reminder", _("Snooze over: get back in touch")
        REPLY = "reply", _("Reply now")
        REFERRAL = "referral", _("Follow up a referral")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="tasks")
    # Null only once the candidate was erased (a done LinkedIn or call step kept for the figures).
    candidate = models.ForeignKey(
        "pool.Candidate", null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    enrollment = models.ForeignKey(
        Enrollment, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    # For step tasks: the step position, so one step gives at most one task.
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    # A task Vivier creates has a kind and params, worded when shown (``vivier.sequences.history``); only a
    # task a person typed has a title of its own.
    title = models.CharField(max_length=300, blank=True)
    params = models.JSONField(default=dict, blank=True)
    # The rendered text, ready to copy into LinkedIn or read on the phone.
    body = models.TextField(blank=True)
    due_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "position"],
                condition=Q(position__isnull=False),
                name="task_once_per_step",
            ),
        ]
        indexes = [
            # Task list: a team's (or an owner's) open tasks by due date.
            models.Index(fields=["team", "done_at", "due_at"], name="task_team_open_due"),
        ]
        ordering = ["due_at", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The title in the active language."""
        return self.title or task_text(self.kind, self.params)


class OutboundMessage(models.Model):
    """One email Vivier sends, whatever sends it (a sequence step, a quick reply, an offer, a notice...).

    The row exists (as ``sending``) before the transport is ever called, and keeps the exact bytes handed to
    it. The engine commits a batch as ``queued`` and marks each message ``sending`` just before handing it to
    the transport, so a crash leaves at most the messages on the wire in doubt. ``idempotency_key`` makes a second send of the same thing impossible (a sequence step's key is its
    enrollment and position)."""

    class Kind(models.TextChoices):
        SEQUENCE_STEP = "sequence_step", _("Sequence step")
        QUICK_REPLY = "quick_reply", _("Quick reply")
        OFFER = "offer", _("Offer")
        SLOTS = "slots", _("Proposed slots")
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder")
        NOTICE = "notice", _("Privacy notice")
        RENEWAL = "renewal", _("Consent renewal")
        SURVEY = "survey", _("Survey")
        SYSTEM = "system", _("System message")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled (retry)")
        QUEUED = "queued", _("Queued")
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
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SEQUENCE_STEP)
    idempotency_key = models.CharField(max_length=200, unique=True)
    enrollment = models.ForeignKey(
        Enrollment, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    # A sequence step's position when it was sent; (enrollment, position) is the step's at-most-once key.
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    step = models.ForeignKey(Step, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # None for system mail (an invitation, a password reset) written to a user, not a candidate, and once
    # the candidate was erased (a campaign's message kept, blanked, for the figures).
    candidate = models.ForeignKey(
        "pool.Candidate", null=True, blank=True, on_delete=models.CASCADE, related_name="outbound_messages"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    mailbox = models.ForeignKey(
        "mail.Mailbox", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
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
    # The MIME bytes handed to the transport (rebuilt, with a new Date, when a retry sends again).
    raw = models.BinaryField(default=b"")

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
            # Stale sweep: status IN ('queued', 'sending').
            models.Index(fields=["status", "next_attempt_at"], name="outbound_status_next"),
            # Outbox page / `vivier outbox`: a team's messages, newest first.
            models.Index(fields=["team", "-created_at"], name="outbound_team_created"),
            # Reply threading looks messages up by Message-ID: the unique index of message_id.
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to_email}: {self.subject}"


class OutboundAttachment(models.Model):
    """A file sent with an outbound message (an ``.ics`` invitation, a job description...)."""

    message = models.ForeignKey(OutboundMessage, on_delete=models.CASCADE, related_name="attachments")
    content_type = models.CharField(max_length=200)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename


class WorkerHeartbeat(models.Model):
    """One row per worker process, updated at the end of each round of its loop: ``/healthz`` and the
    admins' status page read the latest ``seen_at``."""

    worker = models.CharField(max_length=100, unique=True)
    version = models.CharField(max_length=50, blank=True)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)
    rounds = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.worker} seen {self.seen_at:%Y-%m-%d %H:%M:%S}"
