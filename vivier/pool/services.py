"""Writes on the pool. Views, the API and the CLI all call these.

The import/merge/dedupe services live in ``vivier.pool.importing`` and ``vivier.pool.dedupe``.
"""

from django.db import transaction

from vivier.lib import clock
from vivier.lib.text import fold, nfc

from .models import Candidate, CandidateEmail, CandidateTag, Note, TimelineEvent


def timeline_add(*, candidate: Candidate, kind: str, summary: str, actor=None, data: dict | None = None,
                 at=None) -> TimelineEvent:
    return TimelineEvent.objects.create(
        team_id=candidate.team_id, candidate=candidate, kind=kind, summary=summary[:500], actor=actor,
        data=data or {}, at=at or clock.now(),
    )


def candidate_refresh_search(*, candidate: Candidate) -> None:
    """Recompute the quick-search column from the candidate's current values."""
    parts = [candidate.first_name, candidate.last_name, candidate.current_title, candidate.current_company,
             candidate.headline, candidate.city]
    parts += [e.email for e in candidate.emails.all()]
    parts += [t.label for t in candidate.tags.all() if t.kind in (CandidateTag.Kind.SKILL, CandidateTag.Kind.JOB_FAMILY)]
    text = fold(" ".join(p for p in parts if p))
    if text != candidate.search_text:
        Candidate.objects.filter(pk=candidate.pk).update(search_text=text)
        candidate.search_text = text


def name_key(first_name: str, last_name: str) -> str:
    return fold(f"{first_name} {last_name}")


@transaction.atomic
def note_add(*, candidate: Candidate, body: str, author) -> Note:
    body = body.strip()
    if not body:
        raise ValueError("a note cannot be empty")
    now = clock.now()
    note = Note.objects.create(candidate=candidate, author=author, body=body, created_at=now)
    timeline_add(candidate=candidate, kind=TimelineEvent.Kind.NOTE, summary=body[:200], actor=author,
                 data={"note": str(note.public_id)}, at=now)
    return note


def tag_set(*, candidate: Candidate, kind: str, labels: list[str]) -> None:
    """Replace the candidate's values of one kind (skills, job families...)."""
    wanted = {}
    for label in labels:
        label = nfc(label)
        if label:
            wanted.setdefault(fold(label)[:100], label[:100])
    CandidateTag.objects.filter(candidate=candidate, kind=kind).exclude(value__in=wanted).delete()
    existing = set(CandidateTag.objects.filter(candidate=candidate, kind=kind).values_list("value", flat=True))
    CandidateTag.objects.bulk_create(
        [CandidateTag(candidate=candidate, kind=kind, value=v, label=lbl) for v, lbl in wanted.items()
         if v not in existing]
    )


def email_add(*, candidate: Candidate, email: str, primary: bool = False) -> CandidateEmail:
    email_obj, _ = CandidateEmail.objects.get_or_create(
        team_id=candidate.team_id, email=email.strip().lower(),
        defaults={"candidate": candidate, "is_primary": primary},
    )
    return email_obj
