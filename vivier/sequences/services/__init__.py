"""Writes for sequences, campaigns, enrollments and tasks. Keyword-only, ``noun_verb``.

The worker's sending loop lives in ``vivier.sequences.engine``; this module holds what a recruiter (pages,
API, CLI) and the reply side call.
"""

from .campaigns import (
    Launch,
    LaunchRefused,
    Review,
    campaign_create,
    campaign_launch,
    campaign_pause,
    campaign_resume,
    campaign_review,
    campaign_start,
    enrollment_create,
    usable_email,
)
from .enrollments import (
    EnrollmentRefused,
    candidate_snooze,
    candidate_unsubscribe,
    candidate_zone,
    enrollment_bounce,
    enrollment_finish,
    enrollment_next_at,
    enrollment_pause_until,
    enrollment_set_hook,
    enrollment_stop,
    enrollment_stop_on_reply,
    enrollment_transition,
    snooze_end,
    step_due_at,
)
from .sequences import (
    STEP_FIELDS,
    preview_step,
    sequence_export_yaml,
    sequence_import_yaml,
    sequence_save,
    sequence_update,
)
from .tasks import task_complete

__all__ = [
    "EnrollmentRefused",
    "Launch",
    "LaunchRefused",
    "Review",
    "STEP_FIELDS",
    "campaign_create",
    "campaign_launch",
    "campaign_pause",
    "campaign_resume",
    "campaign_review",
    "campaign_start",
    "candidate_snooze",
    "candidate_unsubscribe",
    "candidate_zone",
    "enrollment_bounce",
    "enrollment_create",
    "enrollment_finish",
    "enrollment_next_at",
    "enrollment_pause_until",
    "enrollment_set_hook",
    "enrollment_stop",
    "enrollment_stop_on_reply",
    "enrollment_transition",
    "preview_step",
    "sequence_export_yaml",
    "sequence_import_yaml",
    "sequence_save",
    "sequence_update",
    "snooze_end",
    "step_due_at",
    "task_complete",
    "usable_email",
]
