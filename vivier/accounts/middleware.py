from django.conf import settings
from django.utils import timezone, translation

from vivier.lib import tz as tzlib

from .models import Membership


class ContentSecurityPolicyMiddleware:
    """Adds ``settings.CONTENT_SECURITY_POLICY`` to every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class UserLanguageMiddleware:
    """The UI language is the user's choice (stored on the user), else the browser's, else French."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.session.get("language") or translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class ActiveTeamMiddleware:
    """Sets ``request.team`` and ``request.membership`` from the session (a user may belong to several teams)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.team = None
        request.membership = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.session.get("language") != user.language:
                request.session["language"] = user.language
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            memberships = Membership.objects.select_related("team").filter(user=user).order_by("created_at")
            wanted = request.session.get("team_id")
            membership = None
            if wanted:
                membership = next((m for m in memberships if m.team_id == wanted), None)
            membership = membership or next(iter(memberships), None)
            if membership:
                request.team = membership.team
                request.membership = membership
            # Times on pages are the user's wall clock: their own time zone, else their team's.
            wanted_zone = user.time_zone or (membership.team.time_zone if membership else "")
            if wanted_zone:
                timezone.activate(tzlib.zone(wanted_zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
