"""What a recruiter does to one candidate or a selection from the pool pages: tag, erase."""

from django.db import transaction
from django.utils.translation import gettext

from vivier.lib.text import nfc

from .. import holdings
from ..models import Candidate, CandidateTag
from .notes import tag_set

MAX_SELECTION = 1000  # candidates a bulk action takes at once (a page of the list is far fewer)


def candidates_tag_add(*, candidates, label: str, by=None) -> int:
    """Add the tag ``label`` to each candidate (their other tags stay). Returns how many got it."""
    label = nfc(label or "").strip()
    if not label:
        raise ValueError(gettext("Write the tag to add."))
    done = 0
    for candidate in candidates:
        labels = list(
            CandidateTag.objects.filter(candidate=candidate, kind=CandidateTag.Kind.TAG).values_list(
                "label", flat=True
            )
        )
        tag_set(candidate=candidate, kind=CandidateTag.Kind.TAG, labels=[*labels, label])
        done += 1
    return done


@transaction.atomic
def candidate_erase(*, candidate: Candidate, by=None) -> None:
    """Delete the candidate and everything every app holds about them (``vivier.pool.holdings``), the
    way a right-to-erasure request does."""
    holdings.erase_all(candidate)
