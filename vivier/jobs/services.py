from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext

from vivier.lib import clock

from .models import Job


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
    base = slugify(slug or f"{title} {company}")[:70] or "job"
    candidate_slug, n = base, 2
    while Job.objects.filter(team=team, slug=candidate_slug).exists():
        if slug:
            raise ValueError(f"a job with slug {slug!r} already exists")
        candidate_slug, n = f"{base}-{n}", n + 1
    return Job.objects.create(
        team=team,
        slug=candidate_slug,
        title=title,
        company=company.strip(),
        location=location.strip(),
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=salary_currency.upper()[:3],
        pitch=pitch.strip(),
        url=url,
        created_at=clock.now(),
    )
