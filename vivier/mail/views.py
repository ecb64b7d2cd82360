"""Mailbox pages: the list, add/edit (SMTP and IMAP sides, each with a "test connection" button), and the
OAuth2 connect flow for Google Workspace and Microsoft 365."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vivier.accounts.access import require_team
from vivier.lib.oauth2 import OAuthError

from . import connection
from .forms import MailboxForm
from .models import Mailbox
from .oauth import (
    OAuthNotConfigured,
    mailbox_for_state,
    mailbox_oauth_finish,
    mailbox_oauth_start,
    oauth_configured,
)
from .services import EDITABLE, mailbox_create, mailbox_update

# How each step of a connection test reads; the server's own words follow it.
STEPS = {
    "greeting": gettext_lazy("Server greeting"),
    "ehlo": gettext_lazy("EHLO refused"),
    "starttls": gettext_lazy("STARTTLS"),
    "login": gettext_lazy("Login"),
    "no_login": gettext_lazy("No login configured: the server was not asked for one"),
    "folder": gettext_lazy("Folder found (messages)"),
    "folder_missing": gettext_lazy("Folder not found"),
    "connect": gettext_lazy("Cannot connect"),
    "no_host": gettext_lazy("No server given"),
    "oauth": gettext_lazy("OAuth2 token refused"),
    "unsupported": gettext_lazy("Not supported by the server"),
    "error": gettext_lazy("Error"),
}


def _mailbox(request, public_id) -> Mailbox:
    return get_object_or_404(Mailbox, team=require_team(request), public_id=public_id)


def _redirect_uri(request) -> str:
    return f"{settings.BASE_URL}{reverse('mailboxes:oauth_callback')}"


@login_required
def mailbox_list(request):
    team = require_team(request)
    boxes = Mailbox.objects.filter(team=team).select_related("owner")
    return render(request, "mail/list.html", {"mailboxes": boxes})


@login_required
def mailbox_edit(request, public_id=None):
    """Add (no id) or edit a mailbox; the polling state and its last error are shown when editing."""
    team = require_team(request)
    box = _mailbox(request, public_id) if public_id else None
    if request.method == "POST":
        form = MailboxForm(request.POST, team=team, editing=box is not None)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("address", None)
            try:
                if box:
                    box = mailbox_update(mailbox=box, **data)
                else:
                    box = mailbox_create(team=team, address=form.cleaned_data["address"], **data)
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Mailbox saved."))
                return redirect("mailboxes:edit", public_id=box.public_id)
    else:
        initial = (
            {k: getattr(box, k) for k in EDITABLE}
            if box
            else {"owner": request.user, "signature": team.default_signature}
        )
        if box:
            initial["address"] = box.address
        form = MailboxForm(initial=initial, team=team, editing=box is not None)
    context = {
        "form": form,
        "mailbox": box,
        "oauth_ready": {m: oauth_configured(m) for m in (Mailbox.Auth.GOOGLE, Mailbox.Auth.MICROSOFT)},
    }
    return render(request, "mail/form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def mailbox_test(request, side):
    """The "test connection" button: the form's values (an empty password: the stored one), the server's
    answers step by step, as a fragment of the form."""
    team = require_team(request)
    if side not in ("smtp", "imap"):
        raise Http404("no such side")
    public_id = request.POST.get("mailbox")
    box = get_object_or_404(Mailbox, team=team, public_id=public_id) if public_id else Mailbox(team=team)
    post = request.POST

    def value(name, default=""):
        return post.get(f"{side}_{name}", default).strip()

    try:
        port = int(value("port", "0"))
    except ValueError:
        port = 0
    overrides = {
        "host": value("host"),
        "port": port,
        "security": value("security"),
        "username": value("username") or (box.address if box.pk and box.uses_oauth else ""),
        "password": post.get(f"{side}_password", ""),
    }
    if not overrides["host"]:
        check = connection.Check().fail("no_host", "")
    elif side == "smtp":
        check = connection.mailbox_smtp_check(box, **overrides)
    else:
        folders = (post.get("imap_inbox", "").strip() or "INBOX", post.get("imap_sent", "").strip())
        check = connection.mailbox_imap_check(box, folders=folders, **overrides)
    steps = [(str(STEPS.get(code, code)), text) for code, text in check.steps]
    return render(request, "mail/_check.html", {"check": check, "steps": steps, "side": side})


@login_required
@require_POST
def mailbox_oauth_connect(request, public_id):
    """Send the mailbox's owner to Google or Microsoft to grant Vivier access (XOAUTH2)."""
    box = _mailbox(request, public_id)
    try:
        url = mailbox_oauth_start(mailbox=box, user=request.user, redirect_uri=_redirect_uri(request))
    except OAuthNotConfigured as exc:
        messages.error(request, str(exc))
        return redirect("mailboxes:edit", public_id=box.public_id)
    return redirect(url)


@login_required
def mailbox_oauth_callback(request):
    """Where the provider sends the browser back, with a code (or the reason it refused)."""
    team = require_team(request)
    try:
        box = mailbox_for_state(state=request.GET.get("state", ""), user=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("mailboxes:list")
    if box.team_id != team.pk:
        raise Http404("another team's mailbox")
    if request.GET.get("error"):
        messages.error(
            request,
            _("The provider refused: %(error)s")
            % {"error": request.GET.get("error_description") or request.GET["error"]},
        )
        return redirect("mailboxes:edit", public_id=box.public_id)
    try:
        mailbox_oauth_finish(
            mailbox=box, code=request.GET.get("code", ""), redirect_uri=_redirect_uri(request)
        )
    except OAuthError as exc:
        messages.error(request, _("The provider refused: %(error)s") % {"error": exc})
    else:
        messages.success(request, _("Mailbox connected: Vivier can now send and read with OAuth2."))
    return redirect("mailboxes:edit", public_id=box.public_id)
