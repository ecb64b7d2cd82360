"""What the pool holds about a candidate: the candidate row and everything hanging from it.

Declared to ``vivier.pool.holdings`` from ``PoolConfig.ready()``.
"""

from .holdings import rows
from .models import (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateProfile,
    CandidateSource,
    CandidateTag,
    DuplicateReview,
    Note,
    TimelineEvent,
)

MODELS = (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateProfile,
    CandidateTag,
    CandidateSource,
    Note,
    TimelineEvent,
    DuplicateReview,
)
# Derived from the other columns (search and segment indexes), not information of their own.
DERIVED = ("name_key", "facets", "source_bits", "search_text")


def export(candidate: Candidate) -> dict:
    (row,) = rows(Candidate.objects.filter(pk=candidate.pk), exclude=DERIVED)
    return {
        "candidate": row,
        "emails": rows(CandidateEmail.objects.filter(candidate=candidate), exclude=["candidate"]),
        "phones": rows(CandidatePhone.objects.filter(candidate=candidate), exclude=["candidate"]),
        "profiles": rows(CandidateProfile.objects.filter(candidate=candidate), exclude=["candidate"]),
        "tags": rows(CandidateTag.objects.filter(candidate=candidate), exclude=["candidate"]),
        "sources": rows(CandidateSource.objects.filter(candidate=candidate), exclude=["candidate"]),
        "notes": rows(Note.objects.filter(candidate=candidate), exclude=["candidate"]),
        "timeline": rows(TimelineEvent.objects.filter(candidate=candidate), exclude=["candidate"]),
        "duplicate_reviews": rows(
            DuplicateReview.objects.filter(first=candidate) | DuplicateReview.objects.filter(second=candidate)
        ),
    }


def erase(candidate: Candidate) -> None:
    # Its emails, phones, profiles, tags, sources, notes, timeline and duplicate reviews go with it.
    Candidate.objects.filter(pk=candidate.pk).delete()
