"""``GET /api/candidates?q=...`` (the pool searched with the segment language) and ``/api/segments`` CRUD.

Mounted at the API root (``PREFIX``) so both paths read naturally.
"""

from functools import partial
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Status

from . import selectors, services
from .query import QueryError
from .schemas import CandidateOut, CandidatePage, CountOut, QueryErrorOut, SegmentIn, SegmentOut, SegmentPatch

PREFIX = ""
router = Router(tags=["segments"])
MAX_PAGE_SIZE = 200
# Past this page the offset overflows SQLite's integers; no list is that long.
MAX_PAGE = 1_000_000


def _bad_query(exc: QueryError) -> Status:
    return Status(400, QueryErrorOut(detail=exc.message, position=exc.position, field="q"))


def _validation(exc: ValidationError) -> Status:
    field, messages = next(iter(exc.message_dict.items()))
    return Status(400, QueryErrorOut(detail=" ".join(messages), field=field))


def _page(members, count: int, page: int, page_size: int) -> CandidatePage:
    """``members(for_page=True, matches=count)``: the queryset in the shape for a page; ``count`` the members."""
    page = max(1, page)
    page_size = min(max(1, page_size), MAX_PAGE_SIZE)
    rows = selectors.members_for_display(members(for_page=True, matches=count))[
        (page - 1) * page_size : page * page_size
    ]
    return CandidatePage(
        count=count, page=page, page_size=page_size, results=[CandidateOut.from_candidate(c) for c in rows]
    )


@router.get("/candidates", response={200: CandidatePage, 400: QueryErrorOut})
def candidates(
    request: HttpRequest, q: str = "", page: int = Query(1, le=MAX_PAGE), page_size: int = Query(50, le=10**6)
):
    """The team's candidates matching ``q`` (segment query language), newest first, paged."""
    try:
        members = partial(selectors.candidate_search, team=request.team, q=q)
        count = selectors.count_members(team=request.team, query=q or "")
        return Status(200, _page(members, count, page, page_size))
    except QueryError as exc:
        return _bad_query(exc)


@router.get("/segments", response=list[SegmentOut])
def segment_list(request: HttpRequest):
    return [SegmentOut.from_segment(s) for s in selectors.segment_list(team=request.team)]


@router.post("/segments", response={201: SegmentOut, 400: QueryErrorOut})
def segment_create(request: HttpRequest, payload: SegmentIn):
    try:
        segment = services.segment_create(
            team=request.team,
            owner=request.user,
            name=payload.name,
            query=payload.query,
            description=payload.description,
        )
    except ValidationError as exc:
        return _validation(exc)
    return Status(201, SegmentOut.from_segment(segment))


@router.get("/segments/{segment_id}", response=SegmentOut)
def segment_detail(request: HttpRequest, segment_id: UUID):
    return SegmentOut.from_segment(selectors.segment_get(team=request.team, public_id=segment_id))


@router.patch("/segments/{segment_id}", response={200: SegmentOut, 400: QueryErrorOut})
def segment_update(request: HttpRequest, segment_id: UUID, payload: SegmentPatch):
    segment = selectors.segment_get(team=request.team, public_id=segment_id)
    try:
        segment = services.segment_update(
            segment=segment, name=payload.name, query=payload.query, description=payload.description
        )
    except ValidationError as exc:
        return _validation(exc)
    return Status(200, SegmentOut.from_segment(segment))


@router.delete("/segments/{segment_id}", response={204: None})
def segment_delete(request: HttpRequest, segment_id: UUID):
    services.segment_delete(segment=selectors.segment_get(team=request.team, public_id=segment_id))
    return Status(204, None)


@router.get("/segments/{segment_id}/count", response={200: CountOut, 400: QueryErrorOut})
def segment_count(request: HttpRequest, segment_id: UUID):
    segment = selectors.segment_get(team=request.team, public_id=segment_id)
    try:
        return Status(200, CountOut(count=selectors.segment_count(segment=segment)))
    except QueryError as exc:  # a saved query that no longer compiles (e.g. a custom field removed)
        return _bad_query(exc)


@router.get("/segments/{segment_id}/candidates", response={200: CandidatePage, 400: QueryErrorOut})
def segment_members(
    request: HttpRequest,
    segment_id: UUID,
    page: int = Query(1, le=MAX_PAGE),
    page_size: int = Query(50, le=10**6),
):
    segment = selectors.segment_get(team=request.team, public_id=segment_id)
    try:
        count = selectors.segment_count(segment=segment)
        return Status(200, _page(partial(selectors.segment_members, segment=segment), count, page, page_size))
    except QueryError as exc:
        return _bad_query(exc)
