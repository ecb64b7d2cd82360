"""Rate limits for public pages (no login): a script hammering them gets 429 with Retry-After."""

from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .services import rate_limit_hit


def public_rate_limited(name: str):
    """At most VIVIER_PUBLIC_RATE_PER_MINUTE requests per minute from one address to the view ``name``."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            key = f"public:{name}:{request.META.get('REMOTE_ADDR') or '?'}"
            wait = rate_limit_hit(key=key, limit=settings.VIVIER_PUBLIC_RATE_PER_MINUTE)
            if wait:
                response = HttpResponse(
                    _("Too many requests. Wait a minute and try again."),
                    status=429,
                    content_type="text/plain",
                )
                response["Retry-After"] = str(wait)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
