from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from vivier.lib import clock
from vivier.lib.signing import BadToken, ExpiredToken, unsubscribe_token_read
from vivier.pool.models import Candidate
from vivier.sequences.services import candidate_unsubscribe


# Public, no login: the token is the authority. CSRF-exempt because RFC 8058 one-click POSTs come from
# mail providers without a cookie; a GET never acts (link scanners follow GETs).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        payload = unsubscribe_token_read(token)
    except ExpiredToken:
        return render(request, "mail/unsubscribe.html", {"state": "expired"}, status=410)
    except BadToken:
        return render(request, "mail/unsubscribe.html", {"state": "invalid"}, status=404)
    candidate = Candidate.objects.filter(public_id=payload["c"]).first()
    if candidate is None:
        return render(request, "mail/unsubscribe.html", {"state": "invalid"}, status=404)
    if request.method == "GET":
        state = "done" if candidate.unsubscribed_at else "confirm"
        return render(request, "mail/unsubscribe.html", {"state": state, "token": token})
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    candidate_unsubscribe(candidate=candidate, at=clock.now(), via="one-click" if one_click else "unsubscribe page")
    if one_click:
        return HttpResponse("unsubscribed\n", content_type="text/plain")
    return render(request, "mail/unsubscribe.html", {"state": "done"})
