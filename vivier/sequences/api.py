"""Sequences, campaigns, enrollments and tasks over JSON: the same services as the CLI and the pages."""

from uuid import UUID

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Query, Router, Schema, Status

from vivier.accounts.access import is_admin
from vivier.jobs.models import Job
from vivier.lib import clock
from vivier.lib.i18n import requester_language
from vivier.mail.models import Mailbox
from vivier.pool.models import Candidate
from vivier.segments.selectors import segment_candidates

from . import services
from .models import Campaign, Enrollment, OutboundMessage, Sequence, Task
from .outbox import message_resolve
from .schemas import (
    CampaignIn,
    CampaignOut,
    ErrorOut,
    PreviewIn,
    PreviewOut,
    SequenceIn,
    SequenceOut,
    TaskOut,
)
from .selectors import campaign_summary, message_row, outbox_messages

router = Router(tags=["sequences"])


def _sequence_out(s: Sequence) -> dict:
    return {
        "id": s.public_id,
        "name": s.name,
        "description": s.description,
        "end_wait_days": s.end_wait_days,
        "snooze_months": s.snooze_months,
        "snooze_until": s.snooze_until,
        "steps": [
            {"id": st.public_id, "position": st.position, **{f: getattr(st, f) for f in services.STEP_FIELDS}}
            for st in s.steps.all()
        ],
    }


@router.get("/", response=list[SequenceOut])
def sequence_list(request):
    return [_sequence_out(s) for s in Sequence.objects.filter(team=request.team).prefetch_related("steps")]


@router.post("/", response={200: SequenceOut, 400: ErrorOut})
def sequence_put(request, payload: SequenceIn):
    try:
        seq = services.sequence_save(
            team=request.team,
            name=payload.name,
            description=payload.description,
            steps=[s.dict() for s in payload.steps],
            end_wait_days=payload.end_wait_days,
            snooze_months=payload.snooze_months,
            snooze_until=payload.snooze_until,
        )
    except ValueError as exc:
        return Status(400, {"detail": str(exc)})
    return _sequence_out(seq)


@router.get("/{uuid:sequence_id}", response=SequenceOut)
def sequence_get(request, sequence_id: UUID):
    return _sequence_out(get_object_or_404(Sequence, team=request.team, public_id=sequence_id))


@router.post("/{uuid:sequence_id}/preview", response={200: PreviewOut, 400: ErrorOut})
def sequence_preview(request, sequence_id: UUID, payload: PreviewIn):
    seq = get_object_or_404(Sequence, team=request.team, public_id=sequence_id)
    step = seq.steps.filter(position=payload.step - 1).first()
    if step is None:
        return Status(400, {"detail": f"the sequence has no step {payload.step}"})
    candidate = get_object_or_404(Candidate, team=request.team, public_id=payload.candidate)
    job = get_object_or_404(Job, team=request.team, slug=payload.job) if payload.job else None
    rendered = services.preview_step(
        step=step, candidate=candidate, job=job, owner=request.user, hook=payload.hook
    )
    return {
        "subject": rendered.subject,
        "body": rendered.body,
        "missing": rendered.missing,
        "errors": rendered.errors,
    }


def _campaign_out(campaign: Campaign) -> dict:
    return campaign_summary(campaign)


@router.get("/campaigns", response=list[CampaignOut])
def campaign_list(request):
    return [
        _campaign_out(c)
        for c in Campaign.objects.filter(team=request.team).select_related("sequence", "job", "mailbox")
    ]


@router.post("/campaigns", response={200: dict, 400: ErrorOut, 409: ErrorOut})
def campaign_launch(request, payload: CampaignIn):
    team = request.team
    sequence = get_object_or_404(Sequence, team=team, public_id=payload.sequence)
    job = get_object_or_404(Job, team=team, slug=payload.job) if payload.job else None
    mailbox = (
        get_object_or_404(Mailbox, team=team, address=payload.mailbox.lower()) if payload.mailbox else None
    )
    if payload.segment:
        try:
            candidates = segment_candidates(team=team, query=payload.segment)
        except ValueError as exc:
            return Status(400, {"detail": f"segment: {exc}"})
    elif payload.candidates is not None:
        candidates = Candidate.objects.filter(team=team, public_id__in=payload.candidates)
    else:
        return Status(400, {"detail": "give a segment or a list of candidates"})
    try:
        launch = services.campaign_launch(
            team=team,
            name=payload.name,
            sequence=sequence,
            job=job,
            mailbox=mailbox,
            owner=request.user,
            segment_query=payload.segment or "",
            candidates=candidates,
            by=request.user,
            hooks=payload.hooks,
            allow_missing=payload.allow_missing,
            dry_run=payload.dry_run,
        )
    except services.LaunchRefused as exc:
        return Status(409, {"detail": str(exc), "review": exc.review.as_dict()})
    campaign, review = launch.campaign, launch.review
    if campaign is None:
        return {"dry_run": True, **review.as_dict()}
    return {"id": str(campaign.public_id), **review.as_dict()}


@router.get("/campaigns/{uuid:campaign_id}", response=CampaignOut)
def campaign_get(request, campaign_id: UUID):
    return _campaign_out(get_object_or_404(Campaign, team=request.team, public_id=campaign_id))


@router.post("/campaigns/{uuid:campaign_id}/{action}", response={200: CampaignOut, 400: ErrorOut})
def campaign_act(request, campaign_id: UUID, action: str):
    campaign = get_object_or_404(Campaign, team=request.team, public_id=campaign_id)
    act = {"pause": services.campaign_pause, "resume": services.campaign_resume}.get(action)
    if act is None:
        return Status(400, {"detail": "action must be pause or resume"})
    try:
        act(campaign=campaign, by=request.user)
    except ValueError as exc:
        return Status(400, {"detail": str(exc)})
    return _campaign_out(campaign)


@router.post("/enrollments/{uuid:enrollment_id}/stop", response={200: dict})
def enrollment_stop(request, enrollment_id: UUID):
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("campaign", "candidate"), team=request.team, public_id=enrollment_id
    )
    stopped = services.enrollment_stop(enrollment=enrollment, at=clock.now(), actor=request.user)
    return {"stopped": stopped, "state": Enrollment.objects.get(pk=enrollment.pk).state}


@router.get("/tasks", response=list[TaskOut])
def task_list(request, done: bool = False):
    qs = Task.objects.filter(
        team=request.team, done_at__isnull=not done, candidate__isnull=False
    ).select_related("candidate")
    with translation.override(requester_language(request)):
        return [
            {
                "id": t.public_id,
                "kind": t.kind,
                "title": t.text,
                "params": t.params,
                "body": t.body,
                "due_at": t.due_at,
                "done_at": t.done_at,
                "candidate": t.candidate.public_id,
            }
            for t in qs[:500]
        ]


@router.post("/tasks/{uuid:task_id}/done", response=dict)
def task_done(request, task_id: UUID):
    task = get_object_or_404(Task, team=request.team, public_id=task_id)
    services.task_complete(task=task, by=request.user)
    return {"id": str(task.public_id), "done_at": task.done_at}


# --- Outbox: served under /api/mail/ (its path since the first release) -------------------------

outbox_router = Router(tags=["outbox"])


@outbox_router.get("/outbox", response=list[dict])
def outbox(
    request, status: str | None = None, campaign: UUID | None = None, limit: int = Query(200, ge=0, le=2**31)
):
    qs = outbox_messages(
        team=request.team,
        status=status,
        campaign=str(campaign) if campaign else None,
        system=is_admin(request.user.membership(request.team)),
    )
    return [message_row(m) for m in qs.prefetch_related("attachments").defer("raw")[: min(limit, 1000)]]


@outbox_router.get("/messages/{uuid:message_id}/eml")
def message_eml(request, message_id: UUID):
    """The exact bytes handed to the transport (``message/rfc822``)."""
    qs = OutboundMessage.objects.all()
    if not is_admin(request.user.membership(request.team)):
        qs = qs.exclude(kind=OutboundMessage.Kind.SYSTEM)
    message = get_object_or_404(qs, team=request.team, public_id=message_id)
    return HttpResponse(bytes(message.raw or b""), content_type="message/rfc822")


class ResolveIn(Schema):
    arrived: bool


@outbox_router.post("/messages/{uuid:message_id}/resolve", response={200: dict, 400: dict})
def message_resolve_api(request, message_id: UUID, payload: ResolveIn):
    message = get_object_or_404(OutboundMessage, team=request.team, public_id=message_id)
    try:
        message_resolve(message=message, arrived=payload.arrived, by=request.user)
    except ValueError as exc:
        return Status(400, {"detail": str(exc)})
    return {"id": str(message.public_id), "status": message.status}
