"""Small writes the pages need that ``services.py`` does not have yet (the lead may fold them in there).

Keyword-only, ``noun_verb``, like every service.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext

from vivier.jobs.models import Job

from .models import Sequence
from .services import sequence_save


@transaction.atomic
def sequence_update(
    *,
    sequence: Sequence,
    name: str,
    steps: list[dict],
    description: str = "",
    end_wait_days: int = 7,
    snooze_months: int = 6,
    snooze_until: dt.date | None = None,
) -> Sequence:
    """Save an existing sequence from the editor, renaming it first if its name changed (``sequence_save``
    finds a sequence by name, so a rename would otherwise create a copy)."""
    name = (name or "").strip()
    if name and name != sequence.name:
        if Sequence.objects.filter(team_id=sequence.team_id, name=name).exclude(pk=sequence.pk).exists():
            raise ValueError(gettext("Another sequence is already named “%(name)s”.") % {"name": name})
        Sequence.objects.filter(pk=sequence.pk).update(name=name)
    return sequence_save(
        team=sequence.team,
        name=name,
        steps=steps,
        description=description,
        end_wait_days=end_wait_days,
        snooze_months=snooze_months,
        snooze_until=snooze_until,
    )


def job_update(
    *,
    job: Job,
    title: str,
    company: str = "",
    location: str = "",
    salary_min: int | None = None,
    salary_max: int | None = None,
    salary_currency: str = "EUR",
    pitch: str = "",
    url: str = "",
) -> Job:
    """Edit a job; its slug (used by the CLI) stays as it was."""
    title = (title or "").strip()
    if not title:
        raise ValueError(gettext("A job needs a title."))
    if salary_min and salary_max and salary_min > salary_max:
        raise ValueError(gettext("The top of the range is below its bottom."))
    job.title, job.company, job.location = title, company.strip(), location.strip()
    job.salary_min, job.salary_max = salary_min, salary_max
    job.salary_currency = (salary_currency or "").upper()[:3]
    job.pitch, job.url = pitch.strip(), url
    job.save(
        update_fields=[
            "title",
            "company",
            "location",
            "salary_min",
            "salary_max",
            "salary_currency",
            "pitch",
            "url",
        ]
    )
    return job
