from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .access import require_team
from .forms import ApiTokenForm, LanguageForm, LoginForm


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


def login_view(request):
    form = LoginForm(request.POST or None, request=request)
    status = 200
    if request.method == "POST":
        username = request.POST.get("username", "")
        ip = _client_ip(request)
        if services.login_is_throttled(username=username, ip=ip):
            form.errors.clear()
            form.add_error(None, _("Too many failed attempts. Wait a few minutes and try again."))
            status = 429
        elif form.is_valid():
            services.login_succeeded(user=form.user, ip=ip)
            login(request, form.user)
            request.session["language"] = form.user.language
            next_url = request.POST.get("next") or request.GET.get("next")
            if not next_url or not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                next_url = "/"
            return HttpResponseRedirect(next_url)
        else:
            services.login_failure_record(username=username, ip=ip)
            status = 400
    return render(
        request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")}, status=status
    )


@require_POST
def logout_view(request):
    logout(request)
    return redirect("accounts:login")


@require_POST
@login_required
def language_view(request):
    language = request.POST.get("language", "")
    if language in ("fr", "en"):
        services.user_set_language(user=request.user, language=language)
        request.session["language"] = language
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = "/"
    return HttpResponseRedirect(next_url)


@require_POST
@login_required
def team_switch_view(request):
    slug = request.POST.get("team", "")
    membership = request.user.memberships.select_related("team").filter(team__slug=slug).first()
    if membership:
        request.session["team_id"] = membership.team_id
    return redirect("/")


@login_required
def settings_view(request):
    """Account settings: interface language and personal API tokens (a new token is shown once)."""
    team = require_team(request)
    language_form = LanguageForm(initial={"language": request.user.language})
    token_form = ApiTokenForm()
    new_token = None
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "language":
            language_form = LanguageForm(request.POST)
            if language_form.is_valid():
                services.user_set_language(user=request.user, language=language_form.cleaned_data["language"])
                request.session["language"] = request.user.language
                translation.activate(request.user.language)
                messages.success(request, _("Language saved."))
                return redirect("accounts:settings")
            status = 400
        elif request.POST.get("action") == "token":
            token_form = ApiTokenForm(request.POST)
            if token_form.is_valid():
                _token, new_token = services.api_token_create(
                    user=request.user, team=team, name=token_form.cleaned_data["name"]
                )
                token_form = ApiTokenForm()
            else:
                status = 400
    tokens = selectors.api_token_list(user=request.user, team=team)
    # No caching of a page that may show a secret.
    response = render(
        request,
        "accounts/settings.html",
        {
            "language_form": language_form,
            "token_form": token_form,
            "new_token": new_token,
            "tokens": tokens,
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def token_revoke_view(request, public_id):
    team = require_team(request)
    token = selectors.api_token_get(user=request.user, team=team, public_id=public_id)
    services.api_token_revoke(token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("accounts:settings")
