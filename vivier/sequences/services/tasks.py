"""Manual tasks a step creates for the recruiter."""

import datetime as dt

from django.db import transaction

from vivier.lib import clock
from vivier.pool.services import timeline_add

from ..history import EventKind, task_event_params
from ..models import Enrollment, Task
from .enrollments import enrollment_next_at

# --- Tasks ---------------------------------------------------------------------------------


def task_complete(*, task: Task, by=None, at: dt.datetime | None = None) -> Task:
    """Mark a task done; for a LinkedIn or call step, the sequence moves on (next step timed from now)."""
    at = at or clock.now()
    with transaction.atomic():
        if not Task.objects.filter(pk=task.pk, done_at__isnull=True).update(done_at=at, done_by=by):
            return task
        task.done_at, task.done_by = at, by
        timeline_add(
            candidate=task.candidate,
            kind=EventKind.TASK,
            actor=by,
            at=at,
            params=task_event_params(task, done=True),
        )
        if task.enrollment_id and task.position is not None:
            enrollment = Enrollment.objects.select_related(
                "campaign__team", "campaign__sequence", "candidate"
            ).get(pk=task.enrollment_id)
            if enrollment.state == Enrollment.State.ACTIVE and enrollment.next_at is None:
                steps = list(enrollment.campaign.sequence.steps.all())
                Enrollment.objects.filter(pk=enrollment.pk).update(
                    next_at=enrollment_next_at(enrollment=enrollment, steps=steps, base=at)
                )
    return task
