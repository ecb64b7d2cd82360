"""What the pool pages offer that belongs to campaigns: snooze, unsubscribe, add to a campaign, for one
candidate (the candidate page) or a selection (the pool list). The pool shows them through its panels."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vivier.accounts.access import require_team
from vivier.lib import clock
from vivier.pool.selectors import candidate_get
from vivier.pool.views import back_to_list, selected_candidates

from .. import services
from ..models import Campaign
from .hooks import hooks_posted
from .pages import _review_text

SNOOZE_MONTHS = (1, 3, 6, 12)


def campaigns_open(team):
    """Campaigns a candidate can still be added to."""
    return Campaign.objects.filter(
        team=team, status__in=[Campaign.Status.RUNNING, Campaign.Status.PAUSED]
    ).order_by("-created_at")[:100]


def panel_context(*, team, **page) -> dict:
    return {"campaigns": campaigns_open(team), "snooze_months": SNOOZE_MONTHS}


def _until(request):
    try:
        months = int(request.POST.get("months", ""))
    except ValueError:
        months = 0
    if months not in SNOOZE_MONTHS:
        return None
    return clock.now() + dt.timedelta(days=round(months * 30.44))


def _snooze(request, candidates) -> None:
    until = _until(request)
    if until is None:
        messages.error(request, _("Choose how long to snooze."))
        return
    now = clock.now()
    n = 0
    for candidate in candidates:
        services.candidate_snooze(
            candidate=candidate, until=until, at=now, owner=request.user, reason="by hand"
        )
        n += 1
    messages.success(
        request,
        ngettext("%(n)s candidate snoozed until %(date)s.", "%(n)s candidates snoozed until %(date)s.", n)
        % {"n": n, "date": until.date().isoformat()},
    )


def _enroll(request, team, candidates) -> None:
    campaign = get_object_or_404(
        campaigns_open(team).model, team=team, public_id=request.POST.get("campaign")
    )
    try:
        review = services.campaign_start(
            campaign=campaign, candidates=candidates, by=request.user, hooks=hooks_posted(request.POST)
        )
    except services.LaunchRefused as exc:
        names = ", ".join(c.full_name or str(c.public_id) for c, _p in exc.review.missing[:10])
        messages.error(
            request,
            _("The messages of “%(campaign)s” lack values (a hook?) for: %(names)s. Nobody was added.")
            % {"campaign": campaign.name, "names": names},
        )
        return
    except ValueError as exc:
        messages.error(request, str(exc))
        return
    messages.success(
        request,
        _("Added to “%(campaign)s”: %(n)s.") % {"campaign": campaign.name, "n": len(review.eligible)},
    )
    for candidate, reason in review.excluded[:10]:
        messages.warning(
            request,
            _("%(name)s was not added: %(reason)s")
            % {"name": candidate.full_name or candidate.public_id, "reason": _review_text(reason)},
        )


@login_required
@require_POST
def candidate_action(request, public_id):
    """One candidate, from their page: ``op`` is snooze, unsubscribe or enroll."""
    team = require_team(request)
    candidate = candidate_get(team=team, public_id=public_id)
    op = request.POST.get("op")
    if op == "snooze":
        _snooze(request, [candidate])
    elif op == "unsubscribe":
        if services.candidate_unsubscribe(candidate=candidate, at=clock.now(), via="by hand"):
            messages.success(request, _("Unsubscribed: Vivier will not write to this candidate again."))
    elif op == "enroll":
        _enroll(request, team, [candidate])
    return redirect("pool:detail", public_id=candidate.public_id)


@login_required
@require_POST
def candidates_action(request):
    """A selection from the pool list: ``op`` is snooze or enroll."""
    team = require_team(request)
    chosen = list(selected_candidates(request, team))
    if not chosen:
        messages.error(request, _("Tick at least one candidate."))
    elif request.POST.get("op") == "snooze":
        _snooze(request, chosen)
    elif request.POST.get("op") == "enroll":
        _enroll(request, team, chosen)
    return back_to_list(request)
