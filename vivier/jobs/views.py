from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vivier.accounts.access import require_team

from .forms import JobForm
from .models import Job
from .services import job_create, job_update

FIELDS = list(JobForm.base_fields)


@login_required
def job_list(request):
    team = require_team(request)
    jobs = Job.objects.filter(team=team).order_by("archived_at", "-created_at", "id")
    return render(request, "jobs/list.html", {"jobs": jobs})


@login_required
def job_edit(request, public_id=None):
    """Create (no id) or edit a job: title, company, place, salary range and the short pitch."""
    team = require_team(request)
    job = get_object_or_404(Job, team=team, public_id=public_id) if public_id else None
    if request.method == "POST":
        form = JobForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data, salary_currency=form.cleaned_data["salary_currency"] or "EUR")
            try:
                job = job_update(job=job, **data) if job else job_create(team=team, **data)
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Job saved."))
                return redirect("jobs:list")
    else:
        form = JobForm(initial={k: getattr(job, k) for k in FIELDS} if job else None)
    return render(request, "jobs/form.html", {"form": form, "job": job}, status=400 if form.errors else 200)
