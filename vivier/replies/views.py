"""The triage inbox, the unmatched and unprocessed lists, and the follow-up of the yes."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vivier.accounts.access import require_team
from vivier.lib.text import fold
from vivier.pool.models import Candidate, CandidateEmail
from vivier.sequences.models import Campaign, OutboundMessage, Sequence
from vivier.sequences.services import LaunchRefused
from vivier.sequences.views.hooks import hooks_posted, missing_rows, sequence_uses_hook

from . import selectors, services
from .models import INTENT_CHOICES
from .understanding.rules import REASONS


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def _campaign(team, value):
    if not value:
        return None
    campaign = Campaign.objects.filter(team=team, public_id=_uuid(value)).first() if _uuid(value) else None
    if campaign is None:
        raise Http404("no such campaign")
    return campaign


def _inbox_context(request, team):
    params = request.POST if request.method == "POST" else request.GET
    done = params.get("done") == "1"
    to_check = params.get("check") == "1"
    campaign = _campaign(team, params.get("campaign"))
    groups = selectors.inbox_groups(team=team, done=done, campaign=campaign, to_check=to_check)
    return {
        "groups": groups,
        "done": done,
        "to_check": to_check,
        "campaign": campaign,
        "intents": INTENT_CHOICES[:9],
        "all_intents": INTENT_CHOICES,
        "reasons": REASONS,
        "reason_labels": [(r, selectors.REASON_LABELS.get(r, r)) for r in REASONS],
        "short": selectors.INTENT_SHORT,
        "unmatched": selectors.unmatched_replies(team=team).count(),
        "unprocessed": selectors.inbound_unprocessed(team=team).count()
        + selectors.inbound_failed(team=team).count(),
        "positive": sum(g.count for g in groups if g.intent in services.POSITIVE),
        "campaigns": Campaign.objects.filter(team=team, replies__isnull=False)
        .distinct()
        .order_by("-created_at")[:100],
    }


def _inbox_response(request, team):
    context = _inbox_context(request, team)
    template = "replies/_inbox.html" if request.htmx else "replies/inbox.html"
    return render(request, template, context)


@login_required
def inbox(request):
    team = require_team(request)
    return _inbox_response(request, team)


def _back(request, team):
    """After an action: the inbox fragment for htmx, else the inbox page with the same filters."""
    if request.htmx:
        return _inbox_response(request, team)
    url = reverse("replies:inbox")
    query = []
    if request.POST.get("done") == "1":
        query.append("done=1")
    if request.POST.get("check") == "1":
        query.append("check=1")
    if request.POST.get("campaign"):
        query.append(f"campaign={request.POST['campaign']}")
    return redirect(url + ("?" + "&".join(query) if query else ""))


@login_required
@require_POST
def reply_label(request, public_id):
    team = require_team(request)
    reply = selectors.reply_get(team=team, public_id=public_id)
    try:
        services.reply_correct(
            reply=reply,
            intent=request.POST.get("intent", ""),
            reason=request.POST.get("reason") or None,
            by=request.user,
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    return _back(request, team)


@login_required
@require_POST
def reply_confirm(request, public_id):
    team = require_team(request)
    reply = selectors.reply_get(team=team, public_id=public_id)
    try:
        services.reply_confirm(reply=reply, reason=request.POST.get("reason") or None, by=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    return _back(request, team)


@login_required
@require_POST
def reply_done(request, public_id):
    team = require_team(request)
    reply = selectors.reply_get(team=team, public_id=public_id)
    services.reply_set_done(reply=reply, done=request.POST.get("undo") != "1", by=request.user)
    return _back(request, team)


@login_required
@require_POST
def reply_send(request, public_id):
    team = require_team(request)
    reply = selectors.reply_get(team=team, public_id=public_id)
    try:
        message = services.reply_send(reply=reply, body=request.POST.get("body", ""), by=request.user)
    except services.ReplyRefused as exc:
        messages.error(request, str(exc))
    else:
        if message.status == OutboundMessage.Status.SENT:
            messages.success(request, _("Reply sent to %(email)s.") % {"email": message.to_email})
        else:
            messages.error(
                request, _("The reply could not be sent: %(error)s") % {"error": message.last_error}
            )
    return _back(request, team)


# --- Unmatched and unprocessed -------------------------------------------------------------------------


@login_required
def unmatched(request):
    team = require_team(request)
    return render(
        request, "replies/unmatched.html", {"replies": selectors.unmatched_replies(team=team)[:200]}
    )


def _find_candidate(team, text: str):
    text = (text or "").strip()
    if not text:
        return None, _("Give the candidate's email address or name.")
    email = CandidateEmail.objects.filter(team=team, email=text.lower()).select_related("candidate").first()
    if email is not None:
        return email.candidate, None
    words = fold(text).split()
    qs = Candidate.objects.filter(team=team)
    for word in words:
        qs = qs.filter(Q(search_text__contains=word) | Q(name_key__contains=word))
    found = list(qs[:2])
    if len(found) == 1:
        return found[0], None
    if not found:
        return None, _("No candidate matches “%(text)s”.") % {"text": text}
    return None, _("Several candidates match “%(text)s”: give the email address.") % {"text": text}


@login_required
@require_POST
def reply_attach(request, public_id):
    team = require_team(request)
    reply = get_object_or_404(selectors.unmatched_replies(team=team), public_id=public_id)
    candidate, error = _find_candidate(team, request.POST.get("candidate", ""))
    if error:
        messages.error(request, error)
    else:
        services.reply_attach(reply=reply, candidate=candidate, by=request.user)
        messages.success(
            request, _("Message attached to %(name)s.") % {"name": candidate.full_name or candidate.public_id}
        )
    return redirect("replies:unmatched")


@login_required
def unprocessed(request):
    team = require_team(request)
    return render(
        request,
        "replies/unprocessed.html",
        {
            "unprocessed": selectors.inbound_unprocessed(team=team)[:200],
            "failed": selectors.inbound_failed(team=team)[:200],
        },
    )


# --- Follow up the yes ---------------------------------------------------------------------------------


@login_required
def follow_up(request, public_id):
    """Choose the sequence; when its templates lack values (a ``{{ hook }}`` nobody wrote), the page lists
    those candidates with a hook field each, as the launch review does, and keeps the choices made."""
    team = require_team(request)
    campaign = get_object_or_404(Campaign, team=team, public_id=public_id)
    candidates = services.campaign_positive_candidates(campaign=campaign)
    sequences = Sequence.objects.filter(team=team).order_by("name")
    chosen, missing, hooks, uses_hook = None, [], {}, False
    if request.method == "POST":
        chosen = Sequence.objects.filter(team=team, public_id=_uuid(request.POST.get("sequence"))).first()
        if chosen is None:
            raise Http404("no such sequence")
        hooks = hooks_posted(request.POST)
        uses_hook = sequence_uses_hook(chosen)
        try:
            follow, review = services.campaign_follow_up(
                campaign=campaign,
                sequence=chosen,
                by=request.user,
                name=request.POST.get("name", "").strip()
                or _("%(name)s – follow-up") % {"name": campaign.name},
                hooks=hooks,
            )
        except LaunchRefused as exc:
            missing = missing_rows(exc.review, hooks)
            messages.error(
                request,
                _(
                    "The messages of “%(sequence)s” lack values for %(n)s candidate(s): fill in their hooks "
                    "below (or choose another sequence), then start again."
                )
                % {"sequence": chosen.name, "n": len(missing)},
            )
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Follow-up started for %(n)s candidate(s).") % {"n": len(review.eligible)}
            )
            return redirect("sequences:campaign", public_id=follow.public_id)
    return render(
        request,
        "replies/follow_up.html",
        {
            "campaign": campaign,
            "candidates": candidates,
            "sequences": sequences,
            "chosen": chosen,
            "name": request.POST.get("name", "") if request.method == "POST" else "",
            "missing": missing,
            "uses_hook": uses_hook,
        },
        status=400 if missing else 200,
    )
