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
    candidate = models.ForeignKey("pool.Candidate", on_delete=models.CASCADE, related_name="enrollments")
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
    candidate = models.ForeignKey("pool.Candidate", on_delete=models.CASCADE, related_name="tasks")
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
