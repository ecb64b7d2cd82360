"""Replies over the JSON API: the triage list, relabel, done, answer. Same services as the inbox page."""

from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from . import selectors, services
from .models import Reply

router = Router(tags=["replies"])


def reply_row(r: Reply) -> dict:
    return {
        "id": str(r.public_id),
        "received_at": r.received_at.isoformat(),
        "candidate": str(r.candidate.public_id) if r.candidate_id else None,
        "campaign": str(r.campaign.public_id) if r.campaign_id else None,
        "matched_by": r.matched_by or None,
        "subject": r.inbound.subject,
        "visible_text": r.inbound.visible_text,
        "intent": r.intent,
        "predicted_intent": r.predicted_intent,
        "reason": r.reason or None,
        "recontact_after": r.recontact_after.isoformat() if r.recontact_after else None,
        "chosen_slot": r.chosen_slot,
        "confidence": r.confidence,
        "lang": r.lang,
        "corrected": r.corrected_at is not None,
        # "pending": a doubtful reading waiting for a recruiter (POST .../confirm or .../label); "confirmed",
        # "relabelled" once checked; null when there was nothing to check.
        "check": r.check_state or None,
        "done": r.done_at is not None,
    }


@router.get("/", response=list[dict])
def reply_list(
    request,
    intent: str = "",
    done: bool = False,
    unmatched: bool = False,
    limit: int = Query(200, ge=0, le=2**31),
):
    if unmatched:
        qs = selectors.unmatched_replies(team=request.team)
    else:
        qs = selectors.inbox_replies(team=request.team, done=done, intent=intent)
    return [reply_row(r) for r in qs.select_related("inbound", "candidate", "campaign")[: min(limit, 1000)]]


class LabelIn(Schema):
    intent: str
    reason: str | None = None


@router.post("/{uuid:reply_id}/label", response={200: dict, 400: dict})
def reply_label(request, reply_id: UUID, payload: LabelIn):
    reply = get_object_or_404(Reply, team=request.team, public_id=reply_id)
    try:
        services.reply_correct(reply=reply, intent=payload.intent, reason=payload.reason, by=request.user)
    except ValueError as exc:
        return Status(400, {"detail": str(exc)})
    return reply_row(reply)


class ConfirmIn(Schema):
    reason: str | None = None


@router.post("/{uuid:reply_id}/confirm", response={200: dict, 400: dict})
def reply_confirm(request, reply_id: UUID, payload: ConfirmIn):
    reply = get_object_or_404(Reply, team=request.team, public_id=reply_id)
    try:
        services.reply_confirm(reply=reply, reason=payload.reason, by=request.user)
    except ValueError as exc:
        return Status(400, {"detail": str(exc)})
    return reply_row(reply)


class DoneIn(Schema):
    done: bool = True


@router.post("/{uuid:reply_id}/done", response=dict)
def reply_done(request, reply_id: UUID, payload: DoneIn):
    reply = get_object_or_404(Reply, team=request.team, public_id=reply_id)
    return reply_row(services.reply_set_done(reply=reply, done=payload.done, by=request.user))


class AnswerIn(Schema):
    body: str


@router.post("/{uuid:reply_id}/answer", response={200: dict, 400: dict})
def reply_answer(request, reply_id: UUID, payload: AnswerIn):
    reply = get_object_or_404(Reply, team=request.team, public_id=reply_id)
    try:
        message = services.reply_send(reply=reply, body=payload.body, by=request.user)
    except services.ReplyRefused as exc:
        return Status(400, {"detail": str(exc)})
    return {
        "message": str(message.public_id),
        "status": message.status,
        "message_id": message.message_id,
        "in_reply_to": message.in_reply_to,
        "error": message.last_error or None,
    }
