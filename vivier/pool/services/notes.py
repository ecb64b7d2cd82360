"""Notes and tags on a candidate."""

from django.db import transaction
from django.utils.translation import gettext

from vivier.lib import clock
from vivier.lib.text import fold, nfc

from .. import facets
from ..models import (
    Candidate,
    CandidateTag,
    Note,
    TimelineEvent,
)
from .timeline import timeline_add


@transaction.atomic
def note_add(*, candidate: Candidate, body: str, author) -> Note:
    body = body.strip()
    if not body:
        raise ValueError(gettext("A note cannot be empty."))
    now = clock.now()
    note = Note.objects.create(candidate=candidate, author=author, body=body, created_at=now)
    timeline_add(
        candidate=candidate,
        kind=TimelineEvent.Kind.NOTE,
        actor=author,
        params={"note": str(note.public_id), "body": body[:200]},
        at=now,
    )
    return note


def tag_set(*, candidate: Candidate, kind: str, labels: list[str]) -> None:
    """Replace the candidate's values of one kind (skills, job families...)."""
    wanted = {}
    for label in labels:
        label = nfc(label)
        if label:
            wanted.setdefault(fold(label)[:100], label[:100])
    CandidateTag.objects.filter(candidate=candidate, kind=kind).exclude(value__in=wanted).delete()
    existing = set(
        CandidateTag.objects.filter(candidate=candidate, kind=kind).values_list("value", flat=True)
    )
    CandidateTag.objects.bulk_create(
        [
            CandidateTag(team_id=candidate.team_id, candidate=candidate, kind=kind, value=v, label=lbl)
            for v, lbl in wanted.items()
            if v not in existing
        ]
    )
    if kind in facets.KINDS:
        facets.refresh(candidate, sources=False)
