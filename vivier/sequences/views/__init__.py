"""Pages: sequence editor (with live preview), launch wizard and review, campaigns, outbox, tasks."""

from .candidates import candidate_action, candidates_action
from .health import healthz, status
from .outbox import message_detail, message_resolve, outbox
from .pages import (
    MAX_STEPS,
    REVIEW_SHOWN,
    campaign_detail,
    campaign_list,
    campaign_pause,
    campaign_resume,
    campaign_review,
    enrollment_stop,
    launch,
    page,
    preview_candidates,
    review_preview,
    sequence_edit,
    sequence_export,
    sequence_import,
    sequence_list,
)
from .tasks import task_done, task_list

__all__ = [
    "MAX_STEPS",
    "REVIEW_SHOWN",
    "campaign_detail",
    "candidate_action",
    "candidates_action",
    "campaign_list",
    "campaign_pause",
    "campaign_resume",
    "campaign_review",
    "enrollment_stop",
    "healthz",
    "status",
    "launch",
    "message_detail",
    "message_resolve",
    "outbox",
    "page",
    "preview_candidates",
    "review_preview",
    "sequence_edit",
    "sequence_export",
    "sequence_import",
    "sequence_list",
    "task_done",
    "task_list",
]
