"""What sequences hold about a candidate: their enrollments in campaigns and the tasks about them.

Declared to ``vivier.pool.holdings`` from ``SequencesConfig.ready()``.
"""

from vivier.pool.holdings import rows

from .models import Enrollment, Task

MODELS = (Enrollment, Task)
# The worker's claim lease: bookkeeping about a worker, not about the candidate.
LEASE = ("claimed_by", "claimed_until")


def export(candidate) -> dict:
    return {
        "enrollments": rows(Enrollment.objects.filter(candidate=candidate), exclude=["candidate", *LEASE]),
        "tasks": rows(Task.objects.filter(candidate=candidate), exclude=["candidate"]),
    }


def erase(candidate) -> None:
    # An enrollment's messages and tasks go with it.
    Task.objects.filter(candidate=candidate).delete()
    Enrollment.objects.filter(candidate=candidate).delete()
