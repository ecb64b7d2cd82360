import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from vivier.accounts.models import Team


class Job(models.Model):
    """The position a campaign is about: the seed's "condensé de l'offre"."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="jobs")
    slug = models.SlugField(max_length=80)
    title = models.CharField(_("title"), max_length=200)
    company = models.CharField(_("company"), max_length=200, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    salary_min = models.PositiveIntegerField(_("salary from"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary up to"), null=True, blank=True)
    salary_currency = models.CharField(max_length=3, default="EUR", blank=True)
    pitch = models.TextField(_("short pitch"), blank=True)
    url = models.URLField(_("link"), blank=True)
    created_at = models.DateTimeField()
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "slug"], name="job_slug_unique_per_team")]
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def salary(self) -> str:
        """'45–55k EUR', '50k EUR' or '' — what a template shows as the salary range."""

        def k(value: int) -> str:
            return (
                f"{value // 1000}k" if value >= 1000 and value % 1000 == 0 else f"{value:,}".replace(",", " ")
            )

        cur = f" {self.salary_currency}" if self.salary_currency else ""
        if self.salary_min and self.salary_max and self.salary_min != self.salary_max:
            return f"{k(self.salary_min)}–{k(self.salary_max)}{cur}"
        value = self.salary_min or self.salary_max
        return f"{k(value)}{cur}" if value else ""
