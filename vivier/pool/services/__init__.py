"""Writes on the pool. Views, the API and the CLI all call these.

The import/merge/dedupe services live in ``vivier.pool.importing`` and ``vivier.pool.dedupe``.
"""

from .actions import MAX_SELECTION, candidate_erase, candidates_tag_add
from .batches import import_batch_start, log
from .candidates import (
    LIST_FIELDS,
    PROFILE_FIELDS,
    TEXT_FIELDS,
    CandidateExists,
    CandidateInvalid,
    candidate_create,
    candidate_refresh_search,
    candidate_set_owner,
    candidate_update,
    custom_field_create,
    custom_field_delete,
    custom_fields_clean,
    email_add,
    field_label,
    name_key,
    search_text,
    source_add,
)
from .classify import candidates_classify, job_family_add, job_label, team_taxonomy
from .engagement import (
    REPLY_COLUMNS,
    candidate_reply_record,
    candidates_mark_contacted,
    candidates_set_in_active_campaign,
)
from .merge import candidate_merge, duplicate_dismiss
from .notes import note_add, tag_set
from .timeline import timeline_add

__all__ = [
    "MAX_SELECTION",
    "candidate_erase",
    "candidates_tag_add",
    "CandidateExists",
    "CandidateInvalid",
    "LIST_FIELDS",
    "PROFILE_FIELDS",
    "REPLY_COLUMNS",
    "TEXT_FIELDS",
    "candidate_create",
    "candidate_merge",
    "candidate_refresh_search",
    "candidate_reply_record",
    "candidate_set_owner",
    "candidate_update",
    "candidates_classify",
    "candidates_mark_contacted",
    "candidates_set_in_active_campaign",
    "custom_field_create",
    "custom_field_delete",
    "custom_fields_clean",
    "duplicate_dismiss",
    "email_add",
    "field_label",
    "job_family_add",
    "job_label",
    "import_batch_start",
    "log",
    "name_key",
    "note_add",
    "search_text",
    "source_add",
    "tag_set",
    "team_taxonomy",
    "timeline_add",
]
