"""``/healthz`` for a load balancer (no login, nothing sensitive) and the admins' status page."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from vivier.accounts.access import require_admin

from ..health import health_check, status_read


@never_cache
def healthz(request):
    health = health_check()
    body = {"status": "ok" if health.ok else "error", "worker_seen_seconds": health.worker_seen_seconds}
    if not health.ok:
        body["reason"] = health.reason
    return JsonResponse(body, status=200 if health.ok else 503)


@login_required
def status(request):
    require_admin(request)
    return render(request, "sequences/status.html", {"status": status_read()})
