"""Reads on the pool, always within one team: another team's candidate is a 404."""

import uuid

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from vivier.accounts.models import Team
from vivier.lib.text import fold

from . import search
from .models import (
    Candidate,
    CandidateEmail,
    CandidateTag,
    CustomField,
    DuplicateReview,
    ImportBatch,
    JobFamily,
    TimelineEvent,
)

PER_PAGE = 25


def candidate_search(*, team: Team, q: str = "") -> QuerySet[Candidate]:
    """Every word of ``q`` (case and accents ignored) must appear in the candidate's search column."""
    candidates = Candidate.objects.filter(team=team).filter(search.contains_q(fold(q).split()[:8]))
    return candidates.order_by("-created_at", "-id")


def with_primary_email(candidates: QuerySet[Candidate]) -> QuerySet[Candidate]:
    """``candidates`` with each one's primary email read in the same query (``Candidate.primary_email`` uses
    it): a correlated subquery on the email's candidate index, the first in ``CandidateEmail``'s ordering
    (the primary one, else the oldest), as the property picks it from prefetched emails. For lists that show
    one email per row: a page costs one query instead of two, and no email objects are built."""
    first = CandidateEmail.objects.filter(candidate_id=OuterRef("pk")).order_by(
        *CandidateEmail._meta.ordering
    )
    return candidates.annotate(display_email=Subquery(first.values("email")[:1]))


# The pool list's orders: key -> (label, ORDER BY). The first is the default.
SORTS = {
    "recent": (gettext_lazy("Recently added"), ("-created_at", "-id")),
    "name": (gettext_lazy("Name"), ("last_name", "first_name", "id")),
    "contacted": (gettext_lazy("Last contacted"), (F("last_contacted_at").desc(nulls_last=True), "-id")),
    "city": (gettext_lazy("City"), ("city", "last_name", "id")),
}

# The segments app fills these in (the pool cannot import it): the pool list filters with the segment
# query language, and offers the team's saved segments as chips.
LIST_FILTER: dict = {"select": None, "saved": None}


def list_filter_register(*, select, saved) -> None:
    """``select(team=, query=)`` -> candidates matching the query (raises ValueError when it is wrong);
    ``saved(team=)`` -> [(name, query)]."""
    LIST_FILTER.update(select=select, saved=saved)


def saved_filters(*, team: Team) -> list[tuple[str, str]]:
    return list(LIST_FILTER["saved"](team=team)) if LIST_FILTER["saved"] else []


def candidate_list(
    *,
    team: Team,
    q: str = "",
    page: int | str = 1,
    per_page: int = PER_PAGE,
    sort: str = "",
    query: str = "",
) -> Page:
    """A page of the pool: free words ``q``, a segment ``query`` (ValueError when it is wrong), ``sort``."""
    candidates = candidate_search(team=team, q=q)
    if query.strip() and LIST_FILTER["select"]:
        matching = LIST_FILTER["select"](team=team, query=query)
        candidates = candidates.filter(pk__in=matching.order_by().values("pk"))
    candidates = candidates.order_by(*SORTS.get(sort, SORTS["recent"])[1]).prefetch_related(
        "emails", Prefetch("tags", queryset=CandidateTag.objects.filter(kind=CandidateTag.Kind.SKILL))
    )
    return Paginator(candidates, per_page).get_page(page)


def _uuid(public_id) -> uuid.UUID:
    try:
        return public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404("bad id") from exc


def candidates_chosen(*, team: Team, public_ids, limit: int = 1000) -> QuerySet[Candidate]:
    """The team's candidates among ``public_ids`` (ticked on a list); malformed ids are ignored."""
    ids = []
    for value in list(public_ids)[:limit]:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return Candidate.objects.filter(team=team, public_id__in=ids)


def candidate_get(*, team: Team, public_id) -> Candidate:
    return get_object_or_404(
        Candidate.objects.select_related("owner").prefetch_related(
            "emails", "phones", "profiles", "tags", "sources"
        ),
        team=team,
        public_id=_uuid(public_id),
    )


def candidate_timeline(*, candidate: Candidate) -> QuerySet[TimelineEvent]:
    return candidate.timeline.select_related("actor").order_by("at", "id")


def duplicate_review_list(
    *, team: Team, status: str = DuplicateReview.Status.OPEN
) -> QuerySet[DuplicateReview]:
    return (
        DuplicateReview.objects.filter(team=team, status=status)
        .select_related("first", "second")
        .order_by("-created_at", "-id")
    )


DUPLICATES_PER_PAGE = 50


def duplicate_review_page(*, team: Team, page: int | str = 1, per_page: int = DUPLICATES_PER_PAGE) -> Page:
    """One page of the open possible duplicates, newest first (``page="last"`` is the last one).

    The page's ids are read first, from the index alone, then its rows with both candidates: an OFFSET
    over the joined rows would join every skipped pair too."""
    ids = duplicate_review_list(team=team).select_related(None).values_list("id", flat=True)
    paginator = Paginator(ids, per_page)
    result = paginator.get_page(paginator.num_pages if page == "last" else page)
    wanted = list(result.object_list)
    rows = {r.id: r for r in DuplicateReview.objects.filter(id__in=wanted).select_related("first", "second")}
    result.object_list = [rows[i] for i in wanted if i in rows]
    return result


def duplicate_review_get(*, team: Team, public_id) -> DuplicateReview:
    return get_object_or_404(
        DuplicateReview.objects.select_related("first", "second"), team=team, public_id=_uuid(public_id)
    )


def duplicate_open_count(*, team: Team) -> int:
    return DuplicateReview.objects.filter(team=team, status=DuplicateReview.Status.OPEN).count()


def import_batch_get(*, team: Team, public_id) -> ImportBatch:
    return get_object_or_404(ImportBatch, team=team, public_id=_uuid(public_id))


def import_batch_list(*, team: Team, limit: int = 10) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(team=team).order_by("-created_at", "-id")[:limit]


def custom_field_list(*, team: Team) -> QuerySet[CustomField]:
    return CustomField.objects.filter(team=team).order_by("label")


def custom_field_get(*, team: Team, key: str) -> CustomField:
    return get_object_or_404(CustomField, team=team, key=key)


def job_family_list(*, team: Team) -> QuerySet[JobFamily]:
    return JobFamily.objects.filter(team=team).order_by("tag")


def job_family_get(*, team: Team, public_id) -> JobFamily:
    return get_object_or_404(JobFamily, team=team, public_id=public_id)
