"""Pool API: candidates, notes, timeline. The same selectors and services as the pages."""

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Status

from vivier.accounts.access import require_team
from vivier.lib.i18n import requester_language

from . import selectors, services
from .models import Candidate, CandidateSource, CandidateTag
from .schemas import (
    CandidateIn,
    CandidateOut,
    CandidatePage,
    CandidatePatch,
    ErrorOut,
    NoteIn,
    NoteOut,
    TimelineEventOut,
)

router = Router(tags=["pool"])


def _name(user) -> str | None:
    return (user.get_full_name() or user.get_username()) if user else None


def _summary(c: Candidate) -> dict:
    return {
        "id": c.public_id,
        "first_name": c.first_name,
        "last_name": c.last_name,
        "email": c.primary_email,
        "current_title": c.current_title,
        "current_company": c.current_company,
        "city": c.city,
        "created_at": c.created_at,
    }


def _detail(c: Candidate) -> dict:
    data = {name: getattr(c, name) for name in services.PROFILE_FIELDS}
    tags: dict[str, list[str]] = {}
    for tag in c.tags.all():
        tags.setdefault(tag.kind, []).append(
            tag.value if tag.kind == CandidateTag.Kind.CONTRACT else tag.label
        )
    data.update(
        id=c.public_id,
        latitude=c.latitude,
        longitude=c.longitude,
        unsubscribed_at=c.unsubscribed_at,
        owner=_name(c.owner),
        custom_fields=c.custom_fields,
        created_at=c.created_at,
        updated_at=c.updated_at,
        emails=[
            {"email": e.email, "is_primary": e.is_primary, "invalid": e.invalid_at is not None}
            for e in c.emails.all()
        ],
        phones=[p.e164 for p in c.phones.all()],
        profiles=[p.url for p in c.profiles.all()],
        tags=tags,
        sources=[
            {
                "kind": s.kind,
                "name": s.name,
                "referrer": s.referrer,
                "job": s.job,
                "first_seen_at": s.first_seen_at,
            }
            for s in c.sources.all()
        ],
    )
    return data


def _invalid(exc: services.CandidateInvalid) -> Status:
    body = {"detail": "invalid candidate", "errors": exc.message_dict}
    if isinstance(exc, services.CandidateExists):
        body.update(detail="candidate already in the pool", existing=exc.existing.public_id)
        return Status(409, body)
    return Status(422, body)


@router.get("/candidates", response=CandidatePage, summary="List and search the pool")
def candidates_list(request: HttpRequest, q: str = "", page: int = Query(1, le=1_000_000)):
    result = selectors.candidate_list(team=require_team(request), q=q, page=page)
    return {
        "count": result.paginator.count,
        "page": result.number,
        "pages": result.paginator.num_pages,
        "results": [_summary(c) for c in result.object_list],
    }


@router.get("/candidates/{public_id}", response=CandidateOut)
def candidates_get(request: HttpRequest, public_id: str):
    return _detail(selectors.candidate_get(team=require_team(request), public_id=public_id))


@router.post("/candidates", response={201: CandidateOut, 409: ErrorOut, 422: ErrorOut})
def candidates_create(request: HttpRequest, payload: CandidateIn):
    team = require_team(request)
    fields = payload.dict(exclude_none=True)
    source_name = fields.pop("source_name", "")
    source = {"kind": CandidateSource.Kind.MANUAL, "name": source_name or "api"}
    try:
        candidate = services.candidate_create(team=team, by=request.user, source=source, **fields)
    except services.CandidateInvalid as exc:
        return _invalid(exc)
    return Status(201, _detail(selectors.candidate_get(team=team, public_id=candidate.public_id)))


@router.patch("/candidates/{public_id}", response={200: CandidateOut, 409: ErrorOut, 422: ErrorOut})
def candidates_update(request: HttpRequest, public_id: str, payload: CandidatePatch):
    team = require_team(request)
    candidate = selectors.candidate_get(team=team, public_id=public_id)
    try:
        services.candidate_update(candidate=candidate, by=request.user, **payload.dict(exclude_unset=True))
    except services.CandidateInvalid as exc:
        return _invalid(exc)
    return Status(200, _detail(selectors.candidate_get(team=team, public_id=public_id)))


@router.get("/candidates/{public_id}/notes", response=list[NoteOut])
def notes_list(request: HttpRequest, public_id: str):
    candidate = selectors.candidate_get(team=require_team(request), public_id=public_id)
    return [
        {"id": n.public_id, "body": n.body, "author": _name(n.author), "created_at": n.created_at}
        for n in candidate.notes.select_related("author").order_by("created_at", "id")
    ]


@router.post("/candidates/{public_id}/notes", response={201: NoteOut, 422: ErrorOut})
def notes_create(request: HttpRequest, public_id: str, payload: NoteIn):
    candidate = selectors.candidate_get(team=require_team(request), public_id=public_id)
    if not payload.body.strip():
        return Status(
            422, {"detail": "a note cannot be empty", "errors": {"body": ["a note cannot be empty"]}}
        )
    note = services.note_add(candidate=candidate, body=payload.body, author=request.user)
    return Status(
        201,
        {
            "id": note.public_id,
            "body": note.body,
            "author": _name(note.author),
            "created_at": note.created_at,
        },
    )


@router.get("/candidates/{public_id}/timeline", response=list[TimelineEventOut])
def timeline_list(request: HttpRequest, public_id: str):
    candidate = selectors.candidate_get(team=require_team(request), public_id=public_id)
    with translation.override(requester_language(request)):
        return [_event_out(e) for e in selectors.candidate_timeline(candidate=candidate)]


def _event_out(e) -> dict:
    return {
        "id": e.public_id,
        "at": e.at,
        "kind": e.kind,
        "summary": e.text,
        "actor": _name(e.actor),
        "data": e.params,
        "params": e.params,
    }
