"""The privacy app's own records: an append-only audit log and the tombstones of erased people.

Neither holds anything that identifies a person: the audit log keeps hashes (a tombstone's digest, a public
id), the tombstones an HMAC of each address under an installation key kept outside the database.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vivier.accounts.models import Team


class AuditEntry(models.Model):
    """Who did what to personal data, when. Rows are only ever added (``save`` refuses an update)."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Exported a person's data")
        ERASE = "erase", _("Erased a person")
        TOMBSTONE = "tombstone", _("Recorded a never-contact")
        INBOUND_DROPPED = "inbound_dropped", _("Dropped a message from an erased person")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    # None: the system (the worker, an inbound message).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    # What it was about, as a hash or an opaque reference (a tombstone digest, a candidate's public id).
    subject = models.CharField(max_length=200, blank=True)
    params = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["team", "at"], name="privacy_audit_team_at")]
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("audit entries are append-only")
        super().save(*args, **kwargs)


class Tombstone(models.Model):
    """An erased (or never-to-contact) address: only its HMAC-SHA256 under the installation key."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")
        LINKEDIN = "linkedin", _("LinkedIn URL")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    digest = models.CharField(max_length=64)
    reason = models.CharField(max_length=30, default="request")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "kind", "digest"], name="privacy_tombstone_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.digest[:12]}"
