"""Answer a reply in its thread and follow up the positive replies of a campaign."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils.translation import gettext

from vivier.lib import clock
from vivier.pool.models import Candidate
from vivier.sequences import services as seq
from vivier.sequences.models import Campaign, Enrollment, OutboundMessage, Task
from vivier.sequences.outbox import SendRefused, message_send

from ..models import InboundMessage, Reply
from .effects import NOT_HUMAN, POSITIVE


class ReplyRefused(ValueError):
    pass


def reply_send(*, reply: Reply, body: str, by=None) -> OutboundMessage:
    """Answer a reply in its thread (In-Reply-To and References), through the campaign's mailbox.

    Goes through the one send path (``message_send``): the row is committed as ``sending`` before the
    transport is called; the outcome is recorded after. A manual reply is never retried automatically.
    """
    body = (body or "").strip()
    if not body:
        raise ReplyRefused(gettext("The reply is empty."))
    if reply.enrollment_id is None or reply.candidate_id is None:
        raise ReplyRefused(gettext("This message belongs to no campaign: answer it from your own mailbox."))
    candidate = reply.candidate
    if candidate.unsubscribed_at:
        raise ReplyRefused(gettext("The candidate unsubscribed."))
    enrollment = Enrollment.objects.select_related(
        "campaign__team", "campaign__owner", "campaign__mailbox__team"
    ).get(pk=reply.enrollment_id)
    campaign = enrollment.campaign
    inbound = reply.inbound
    to = (
        inbound.from_address
        if inbound.kind == InboundMessage.Kind.REPLY and inbound.from_address
        else seq.usable_email(candidate)
    )
    if not to:
        raise ReplyRefused(gettext("There is no address to answer to."))
    subject = inbound.subject or enrollment.thread_subject
    subject = subject if subject.lower().startswith("re:") else f"Re: {subject}"
    refs = [r for r in (inbound.references or []) if r]
    in_reply_to = ""
    if inbound.message_id.startswith("<"):
        in_reply_to = inbound.message_id
        refs.append(inbound.message_id)
    try:
        message = message_send(
            team=campaign.team,
            candidate=candidate,
            kind=OutboundMessage.Kind.QUICK_REPLY,
            subject=subject,
            body=body,
            mailbox=campaign.mailbox,
            owner=campaign.owner,
            to_email=to,
            in_reply_to=in_reply_to,
            references=" ".join(refs[-10:]),
            enrollment=enrollment,
            campaign=campaign,
            # The same answer twice to one reply is a double click, not a second message.
            idempotency_key=f"quick_reply:{reply.public_id}:{hashlib.sha256(body.encode()).hexdigest()[:16]}",
            data={"reply_to": str(reply.public_id)},
            by=by,
        )
    except SendRefused as exc:
        raise ReplyRefused(str(exc)) from exc
    if message.status == OutboundMessage.Status.SENT:
        at = message.sent_at
        if reply.done_at is None:
            reply.done_at, reply.done_by = at, by
            reply.save(update_fields=["done_at", "done_by"])
        if reply.task_id:
            Task.objects.filter(pk=reply.task_id, done_at__isnull=True, kind=Task.Kind.REPLY).update(
                done_at=at, done_by=by
            )
    return message


# --- Follow up the yes ---------------------------------------------------------------------------------


def campaign_positive_candidates(*, campaign: Campaign):
    """Candidates whose latest reply to ``campaign`` says yes or asks for more information."""
    latest: dict[int, str] = {}
    for cid, intent in (
        Reply.objects.filter(campaign=campaign, candidate__isnull=False)
        .exclude(intent__in=NOT_HUMAN)
        .order_by("received_at", "id")
        .values_list("candidate_id", "intent")
    ):
        latest[cid] = intent
    ids = [cid for cid, intent in latest.items() if intent in POSITIVE]
    return Candidate.objects.filter(team=campaign.team, pk__in=ids)


def campaign_hooks(*, campaign: Campaign, candidates) -> dict[str, str]:
    """The hooks written for ``campaign``, by candidate public id: a follow-up starts from them."""
    return {
        str(public_id): hook
        for public_id, hook in Enrollment.objects.filter(campaign=campaign, candidate__in=candidates)
        .exclude(hook="")
        .values_list("candidate__public_id", "hook")
    }


def campaign_follow_up(*, campaign: Campaign, sequence, by=None, name: str = "", hooks: dict | None = None):
    """Start a new campaign with ``sequence`` for only the candidates who said yes or asked for more.

    A candidate is never in two active campaigns: one still active in ``campaign`` (a reply relabelled from
    out-of-office, say) first leaves it; one active elsewhere is left out by the launch review, with the
    reason. Each candidate keeps the hook written for ``campaign`` unless ``hooks`` (candidate public id ->
    text) gives another. Returns (new campaign, launch review); ``LaunchRefused`` (nothing changed) when
    templates lack values.
    """
    if sequence.team_id != campaign.team_id:
        raise ValueError("the sequence belongs to another team")
    candidates = campaign_positive_candidates(campaign=campaign)
    if not candidates.exists():
        raise ValueError(gettext("Nobody said yes or asked for more information in this campaign yet."))
    hooks = {**campaign_hooks(campaign=campaign, candidates=candidates), **(hooks or {})}
    now = clock.now()
    with transaction.atomic():
        for enrollment in Enrollment.objects.select_related("campaign", "candidate").filter(
            campaign=campaign, candidate__in=candidates, state=Enrollment.State.ACTIVE
        ):
            seq.enrollment_stop(
                enrollment=enrollment, at=now, reason="moved to a follow-up campaign", actor=by
            )
        follow = seq.campaign_create(
            team=campaign.team,
            name=name or gettext("%(campaign)s – follow-up") % {"campaign": campaign.name},
            sequence=sequence,
            job=campaign.job,
            mailbox=campaign.mailbox,
            owner=by or campaign.owner,
        )
        review = seq.campaign_start(campaign=follow, candidates=candidates, by=by, hooks=hooks)
    return follow, review
