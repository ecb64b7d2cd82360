from django.conf import settings
from django.utils import timezone, translation

from vivier.lib import tz as tzlib
from vivier.lib.text import strip_controls

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


# Bodies read elsewhere than through forms: the JSON API cleans its own values, and inbound webhooks must
# read the raw body to verify a signature (parsing the form here would consume it).
FORM_TEXT_EXEMPT = ("/api/", "/replies/anymail/")


class FormTextMiddleware:
    """Every value an HTML form posts arrives without control characters (a NUL cannot be stored by
    PostgreSQL; others end up in mail headers the transport refuses), value by value, as the API and the
    import clean theirs. Passwords are left exactly as typed."""

    FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.content_type in self.FORMS
            and not request.path.startswith(FORM_TEXT_EXEMPT)
        ):
            post = request.POST
            if any(not v.isprintable() for _, values in post.lists() for v in values):
                cleaned = post.copy()
                for key, values in post.lists():
                    if "password" not in key:
                        cleaned.setlist(key, [strip_controls(v) for v in values])
                cleaned._mutable = False
                request.POST = cleaned
        return self.get_response(request)
