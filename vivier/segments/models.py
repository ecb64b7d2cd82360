import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vivier.accounts.models import Team


class Segment(models.Model):
    """A saved, dynamic segment: a query string evaluated each time it is used (never a frozen list)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="segments")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="segments"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    query = models.TextField(_("query"))
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["team", "name"], name="segment_name_unique_per_team")]

    def __str__(self) -> str:
        return self.name
