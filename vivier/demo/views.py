"""The demo's pages: answer a message of the built-in outbox as its candidate would (/replies/demo/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vivier.accounts.access import require_team
from vivier.replies.selectors import INTENT_SHORT
from vivier.sequences.models import OutboundMessage

from . import replies


@login_required
def reply_list(request):
    team = require_team(request)
    return render(request, "demo/reply_list.html", {"outbound": replies.demo_outbound(team=team)})


@login_required
def reply(request, public_id):
    team = require_team(request)
    outbound = get_object_or_404(
        OutboundMessage.objects.select_related("candidate", "campaign"), team=team, public_id=public_id
    )
    lang = "en" if outbound.candidate.preferred_language == "en" else "fr"
    if request.method == "POST":
        try:
            answer = replies.reply_as_candidate(outbound=outbound, text=request.POST.get("text", ""))
        except replies.DemoRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Reply received from %(name)s: %(label)s.")
                % {
                    "name": outbound.candidate.full_name,
                    "label": INTENT_SHORT.get(answer.intent, answer.intent),
                },
            )
            return redirect("replies:inbox")
    return render(
        request,
        "demo/reply.html",
        {
            "outbound": outbound,
            "samples": replies.SAMPLES[lang],
            "allowed": outbound.transport in replies.DEMO_TRANSPORTS,
        },
    )
