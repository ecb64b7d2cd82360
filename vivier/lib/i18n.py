"""The language a request is answered in."""

from django.utils import translation


def requester_language(request) -> str:
    """The requester's own language: the locale middleware activates it for a session, but an API token's user
    is only known once the API has authenticated the request."""
    return getattr(request.user, "language", "") or translation.get_language()
