from ninja import Field, Router, Schema, Status

from .models import Job
from .services import job_create

router = Router(tags=["jobs"])


class JobIn(Schema):
    title: str
    company: str = ""
    location: str = ""
    salary_min: int | None = Field(None, ge=0, le=100_000_000)
    salary_max: int | None = Field(None, ge=0, le=100_000_000)
    salary_currency: str = "EUR"
    pitch: str = ""
    url: str = ""
    slug: str | None = None


def _out(job: Job) -> dict:
    return {
        "slug": job.slug,
        "title": job.title,
        "company": job.company,
        "location": job.location,
        "salary": job.salary,
        "salary_min": job.salary_min,
        "salary_max": job.salary_max,
        "pitch": job.pitch,
        "url": job.url,
    }


@router.get("/", response=list[dict])
def job_list(request):
    return [_out(j) for j in Job.objects.filter(team=request.team, archived_at__isnull=True)]


@router.post("/", response={200: dict, 400: dict})
def job_add(request, payload: JobIn):
    try:
        return _out(job_create(team=request.team, **payload.dict()))
    except ValueError as exc:
        return Status(400, {"detail": str(exc)})
