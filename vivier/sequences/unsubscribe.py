"""The unsubscribe page every outbound message links to (``List-Unsubscribe``, RFC 8058 one-click)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from vivier.accounts.throttling import public_rate_limited
from vivier.lib import clock
from vivier.lib.signing import BadToken, ExpiredToken, unsubscribe_token_read
from vivier.pool.models import Candidate

from .services import candidate_unsubscribe


# Public, no login: the token is the authority. CSRF-exempt because RFC 8058 one-click POSTs come from
# mail providers without a cookie; a GET never acts (link scanners follow GETs).
@csrf_exempt
@require_http_methods(["GET", "POST"])
@public_rate_limited("unsubscribe")
def unsubscribe(request, token: str):
    # The page speaks the language the candidate's messages are written in; French when the token names nobody.
    language = _candidate_language(token) or "fr"
    with translation.override(language):
        response = _unsubscribe(request, token)
    response.headers["Content-Language"] = language
    return response


def _candidate_language(token: str) -> str | None:
    try:
        # Only to choose the language: an expired link still names its candidate, _unsubscribe refuses it.
        payload = unsubscribe_token_read(token, max_age=100 * 365 * 24 * 3600)
    except BadToken:
        return None
    candidate = Candidate.objects.filter(public_id=payload["c"]).only("preferred_language").first()
    return candidate.preferred_language if candidate else None


def _unsubscribe(request, token: str):
    try:
        payload = unsubscribe_token_read(token)
    except ExpiredToken:
        return render(request, "sequences/unsubscribe.html", {"state": "expired"}, status=410)
    except BadToken:
        return render(request, "sequences/unsubscribe.html", {"state": "invalid"}, status=404)
    candidate = Candidate.objects.filter(public_id=payload["c"]).first()
    if candidate is None:
        return render(request, "sequences/unsubscribe.html", {"state": "invalid"}, status=404)
    if request.method == "GET":
        state = "done" if candidate.unsubscribed_at else "confirm"
        return render(request, "sequences/unsubscribe.html", {"state": state, "token": token})
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    candidate_unsubscribe(
        candidate=candidate, at=clock.now(), via="one-click" if one_click else "unsubscribe page"
    )
    if one_click:
        return HttpResponse("unsubscribed\n", content_type="text/plain")
    return render(request, "sequences/unsubscribe.html", {"state": "done"})
