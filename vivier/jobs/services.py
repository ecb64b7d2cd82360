from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext

from vivier.lib import clock

from .models import Job


def _clean(
    *, title: str, company: str, location: str, salary_min, salary_max, salary_currency, pitch, url
) -> dict:
    """The job's fields as stored; ValueError (translated) on a missing title or an upside-down range."""
    title = (title or "").strip()
    if not title:
        raise ValueError(gettext("A job needs a title."))
    if salary_min and salary_max and salary_min > salary_max:
        raise ValueError(gettext("The top of the range is below its bottom."))
    url = (url or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            # A javascript: or data: link would run in the recruiter's page and in candidates' mail clients.
            raise ValueError(gettext("A job link must be a web address (http or https).")) from None
    return {
        "title": title,
        "company": (company or "").strip(),
        "location": (location or "").strip(),
        "salary_min": salary_min,
        "salary_max": salary_max,
        "salary_currency": (salary_currency or "").upper()[:3],
        "pitch": (pitch or "").strip(),
        "url": url,
    }


def job_create(
    *,
    team,
    title: str,
    company: str = "",
    location: str = "",
    salary_min: int | None = None,
    salary_max: int | None = None,
    salary_currency: str = "EUR",
    pitch: str = "",
    url: str = "",
    slug: str | None = None,
) -> Job:
    values = _clean(
        title=title,
        company=company,
        location=location,
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=salary_currency,
        pitch=pitch,
        url=url,
    )
    base = slugify(slug or f"{values['title']} {company}")[:70] or "job"
    candidate_slug, n = base, 2
    while Job.objects.filter(team=team, slug=candidate_slug).exists():
        if slug:
            raise ValueError(f"a job with slug {slug!r} already exists")
        candidate_slug, n = f"{base}-{n}", n + 1
    return Job.objects.create(team=team, slug=candidate_slug, created_at=clock.now(), **values)


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
    values = _clean(
        title=title,
        company=company,
        location=location,
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=salary_currency,
        pitch=pitch,
        url=url,
    )
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=list(values))
    return job
