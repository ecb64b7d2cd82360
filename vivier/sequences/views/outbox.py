"""The outbox: threads waiting for a look, one message with its headers, resolving it."""

import re
from email import policy as email_policy
from email.parser import BytesHeaderParser

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from vivier.accounts.access import is_admin, require_team
from vivier.mail import mime
from vivier.sequences.models import OutboundMessage

from ..models import Campaign
from ..outbox import message_resolve as outbox_message_resolve
from ..selectors import message_get, message_thread, outbox_threads, outbox_unknown
from .pages import _uuid, page

# --- Outbox --------------------------------------------------------------------------------


@login_required
def outbox(request):
    team = require_team(request)
    campaign = None
    if request.GET.get("campaign"):
        campaign = Campaign.objects.filter(team=team, public_id=_uuid(request.GET["campaign"])).first()
        if campaign is None:
            raise Http404("no such campaign")
    status = request.GET.get("status", "")
    if status not in OutboundMessage.Status.values:
        status = ""
    return page(
        request,
        "sequences/outbox.html",
        {
            "threads": outbox_threads(
                team=team, campaign=campaign, status=status, system=is_admin(request.membership)
            ),
            "unknown": outbox_unknown(team=team, system=is_admin(request.membership)),
            "campaign": campaign,
            "status": status,
            "statuses": OutboundMessage.Status.choices,
            "campaigns": Campaign.objects.filter(team=team).order_by("-created_at")[:100],
        },
    )


def _headers(message: OutboundMessage) -> list[tuple[str, str]]:
    """The headers as the message carries them: read from the bytes that were sent, else rebuilt the way the
    engine builds them."""
    raw = bytes(message.raw or b"")
    if raw:
        parsed = BytesHeaderParser(policy=email_policy.default).parsebytes(raw)
        return [(k, str(v)) for k, v in parsed.items() if not k.lower().startswith(("content-", "mime-"))]
    try:
        email = mime.build(
            from_name=message.from_name,
            from_email=message.from_email,
            to_name=message.to_name,
            to_email=message.to_email,
            subject=message.subject,
            body=message.body,
            message_id=message.message_id,
            date=message.sent_at or message.created_at,
            in_reply_to=message.in_reply_to,
            references=message.references,
            unsubscribe_url=message.unsubscribe_url,
            unsubscribe_mailto=message.from_email,
        )
    except ValueError:
        return [
            ("From", message.from_email),
            ("To", message.to_email),
            ("Subject", message.subject),
            ("Message-ID", message.message_id),
            ("In-Reply-To", message.in_reply_to),
        ]
    return [(k, str(v)) for k, v in email.items() if not k.lower().startswith(("content-", "mime-"))]


_UNSUBSCRIBE_LINK = re.compile(r"https?://[^/\s<>]+(?=/mail/unsubscribe/)")


def _links_here(message: OutboundMessage, text: str) -> str:
    """A message that never left (the built-in outbox, a demo seeded before ``vivier serve --port``) shows
    its unsubscribe link on the address this installation answers at, so the link works when clicked."""
    if message.transport not in (OutboundMessage.Transport.OUTBOX, OutboundMessage.Transport.MEMORY):
        return text
    return _UNSUBSCRIBE_LINK.sub(settings.BASE_URL, text)


@login_required
def message_detail(request, public_id):
    team = require_team(request)
    message = message_get(team=team, public_id=public_id, system=is_admin(request.membership))
    return page(
        request,
        "sequences/message.html",
        {
            "message": message,
            "body": _links_here(message, message.body),
            "headers": [(k, _links_here(message, v)) for k, v in _headers(message)],
            "thread": message_thread(message=message),
        },
    )


@login_required
@require_POST
def message_resolve(request, public_id):
    """A human checked a message the worker left ``unknown``: it arrived, or it did not (then it is queued
    again: only a human may decide that)."""
    team = require_team(request)
    message = message_get(team=team, public_id=public_id)
    try:
        outbox_message_resolve(message=message, arrived=request.POST.get("arrived") == "yes", by=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    if request.POST.get("back") == "outbox":
        return redirect("sequences:outbox")
    return redirect("sequences:message", public_id=message.public_id)
