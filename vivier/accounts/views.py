from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import LoginForm


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
            services.login_failures_clear(username=username)
            login(request, form.user)
            request.session["language"] = form.user.language
            next_url = request.POST.get("next") or request.GET.get("next")
            if not next_url or not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                next_url = "/"
            return HttpResponseRedirect(next_url)
        else:
            services.login_failure_record(username=username, ip=ip)
            status = 400
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")},
                  status=status)


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
