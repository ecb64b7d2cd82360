"""The recruiter's task list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vivier.accounts.access import require_team

from .. import selectors, services
from .pages import page

# --- Tasks ---------------------------------------------------------------------------------


@login_required
def task_list(request):
    team = require_team(request)
    everyone, done = request.GET.get("all") == "1", request.GET.get("done") == "1"
    return page(
        request,
        "sequences/tasks.html",
        {
            "tasks": selectors.task_list(team=team, user=request.user, everyone=everyone, done=done),
            "everyone": everyone,
            "done": done,
        },
    )


@login_required
@require_POST
def task_done(request, public_id):
    team = require_team(request)
    task = selectors.task_get(team=team, public_id=public_id)
    services.task_complete(task=task, by=request.user)
    if request.htmx:
        return page(request, "sequences/_task.html", {"task": task})
    messages.success(request, _("Task done."))
    return redirect("sequences:tasks")
