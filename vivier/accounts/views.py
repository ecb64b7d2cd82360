from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import attention, notifications, selectors, services
from .access import require_admin, require_team
from .forms import (
    AcceptNewForm,
    ApiTokenForm,
    InviteForm,
    LoginForm,
    NotificationSettingsForm,
    PreferencesForm,
    SetupForm,
    TeamSettingsForm,
)
from .models import Membership


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
    language_form = PreferencesForm(
        initial={"language": request.user.language, "time_zone": request.user.time_zone}
    )
    token_form = ApiTokenForm()
    new_token = None
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "language":
            language_form = PreferencesForm(request.POST)
            if language_form.is_valid():
                services.user_update_preferences(
                    user=request.user,
                    language=language_form.cleaned_data["language"],
                    time_zone=language_form.cleaned_data["time_zone"],
                )
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


# --- First run -------------------------------------------------------------------------------


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def setup_view(request, token):
    """The one-time setup link ``vivier serve`` prints on an empty installation: the first team and its
    first admin, who is then logged in. Without a valid token: a page that says why, and nothing else."""
    try:
        services.setup_token_check(token)
    except services.TokenRefused as exc:
        return _no_store(render(request, "accounts/link_refused.html", {"reason": str(exc)}, status=403))
    form = SetupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = services.setup_complete(
                    raw=token,
                    team_name=data["name"],
                    country=data["country"],
                    time_zone=data["time_zone"],
                    language=data["language"],
                    holidays_country=data["holidays_country"],
                    username=data["username"],
                    email=data["email"],
                    password=data["password"],
                )
            except services.TokenRefused as exc:
                return _no_store(
                    render(request, "accounts/link_refused.html", {"reason": str(exc)}, status=403)
                )
            except ValidationError as exc:
                form.add_error("password", exc)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                request.session["language"] = user.language
                messages.success(request, _("Your team is ready. Invite your colleagues from Team."))
                return redirect("accounts:team")
        status = 400
    return _no_store(render(request, "accounts/setup.html", {"form": form}, status=status))


# --- Invitations -----------------------------------------------------------------------------


def invitation_view(request, token):
    """An invitation link: join with a new account (username, password), or with the account the invitee
    is logged in with."""
    try:
        invitation = services.invitation_check(token)
    except services.TokenRefused as exc:
        return _no_store(render(request, "accounts/link_refused.html", {"reason": str(exc)}, status=403))
    form = AcceptNewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "join" and request.user.is_authenticated:
                user = services.invitation_accept(raw=token, user=request.user)
            elif form.is_valid():
                user = services.invitation_accept(
                    raw=token, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                request.session["language"] = user.language
            else:
                user = None
        except services.TokenRefused as exc:
            return _no_store(render(request, "accounts/link_refused.html", {"reason": str(exc)}, status=403))
        except services.Refused as exc:
            form.add_error("username", str(exc))
            user = None
        except ValidationError as exc:
            form.add_error("password", exc)
            user = None
        if user is not None:
            request.session["team_id"] = invitation.team_id
            messages.success(request, _("Welcome to %(team)s.") % {"team": invitation.team.name})
            return redirect("/")
        status = 400
    return _no_store(
        render(request, "accounts/invitation.html", {"invitation": invitation, "form": form}, status=status)
    )


# --- Team administration (admins) -----------------------------------------------------------


@login_required
def team_view(request):
    """Members and their roles, pending invitations, and the form to invite someone."""
    team = require_admin(request)
    form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.invitation_send(
                    team=team,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    by=request.user,
                    base_url=request.build_absolute_uri("/"),
                )
            except services.Refused as exc:
                form.add_error("email", str(exc))
            else:
                messages.success(
                    request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
                )
                return redirect("accounts:team")
        status = 400
    return render(
        request,
        "accounts/team.html",
        {
            "form": form,
            "members": selectors.team_members(team=team),
            "invitations": selectors.invitations_pending(team=team),
            "roles": Membership.Role.choices,
        },
        status=status,
    )


@require_POST
@login_required
def member_role_view(request, public_id):
    team = require_admin(request)
    member = selectors.team_member_get(team=team, public_id=public_id)
    try:
        services.membership_set_role(team=team, user=member, role=request.POST.get("role", ""))
    except services.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Role of %(user)s saved.") % {"user": member.username})
    return redirect("accounts:team")


@login_required
def member_deactivate_view(request, public_id):
    """Take a member out of the team; what they own moves to the member the admin picks (required)."""
    team = require_admin(request)
    member = selectors.team_member_get(team=team, public_id=public_id)
    others = [m for m in selectors.team_members(team=team) if m.user.pk != member.pk]
    error = ""
    if request.method == "POST":
        new_owner = next(
            (m.user for m in others if str(m.user.public_id) == request.POST.get("new_owner")), None
        )
        if new_owner is None:
            error = _("Pick the member who takes over.")
        else:
            try:
                services.member_deactivate(team=team, user=member, new_owner=new_owner, by=request.user)
            except services.Refused as exc:
                error = str(exc)
            else:
                messages.success(
                    request,
                    _("%(user)s left the team; what they owned is now %(owner)s's.")
                    % {"user": member.username, "owner": new_owner.username},
                )
                return redirect("accounts:team")
    return render(
        request,
        "accounts/member_deactivate.html",
        {
            "member": member,
            "others": others,
            "error": error,
            "owned": selectors.owned_counts(team=team, user=member),
        },
        status=400 if error else 200,
    )


@require_POST
@login_required
def invitation_revoke_view(request, public_id):
    team = require_admin(request)
    invitation = selectors.invitation_get(team=team, public_id=public_id)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email})
    return redirect("accounts:team")


@login_required
def team_settings_view(request):
    team = require_admin(request)
    initial = {name: getattr(team, name) for name in services.TEAM_SETTINGS}
    form = TeamSettingsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.team_update(
                team=team, **{name: form.cleaned_data[name] for name in services.TEAM_SETTINGS}
            )
            messages.success(request, _("Team settings saved."))
            return redirect("accounts:team_settings")
        status = 400
    return render(request, "accounts/team_settings.html", {"form": form}, status=status)


# --- Home page and notifications ----------------------------------------------------------------


@login_required
def home_view(request):
    """What to do next: the getting-started checklist until a campaign is launched, then what needs
    attention today (each block is one app's selector, see ``vivier.accounts.attention``)."""
    team = require_team(request)
    steps = notifications.checklist(team=team)
    return render(
        request,
        "accounts/home.html",
        {
            "steps": steps,
            # Once the last step (a launch) is done the team is running: the checklist steps aside.
            "started": bool(steps) and steps[-1][1],
            "blocks": notifications.home_blocks(team=team, user=request.user),
        },
    )


@login_required
def notifications_view(request):
    """The user's notifications (mark read one or all) and their settings (kinds, daily digest)."""
    team = require_team(request)
    kinds = [(s.kind, s.label) for s in attention.sources(notify=True)]
    prefs = notifications.notification_settings(user=request.user)
    form = NotificationSettingsForm(
        initial={
            "digest_enabled": prefs.digest_enabled,
            "digest_time": prefs.digest_time,
            "kinds": [k for k, _label in kinds if k not in prefs.muted],
        },
        kinds=kinds,
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "read":
            keys = request.POST.getlist("key")
            if not keys:  # "mark all read": what the user sees now
                keys = [n.item.key for n in notifications.notification_list(user=request.user, team=team)]
            notifications.notifications_mark_read(user=request.user, keys=keys)
            return redirect("accounts:notifications")
        form = NotificationSettingsForm(request.POST, kinds=kinds)
        if form.is_valid():
            chosen = set(form.cleaned_data["kinds"])
            notifications.notification_settings_update(
                user=request.user,
                digest_enabled=form.cleaned_data["digest_enabled"],
                digest_time=form.cleaned_data["digest_time"],
                muted=[k for k, _label in kinds if k not in chosen],
            )
            messages.success(request, _("Notification settings saved."))
            return redirect("accounts:notifications")
        status = 400
    return render(
        request,
        "accounts/notifications.html",
        {
            "notifications": notifications.notification_list(user=request.user, team=team),
            "form": form,
            "time_zone": notifications.user_time_zone(user=request.user, team=team),
        },
        status=status,
    )
