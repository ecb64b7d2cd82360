"""The JSON API: one NinjaAPI, one Router per app, the same services as the pages.

Authentication: ``Authorization: Bearer <personal token>`` (created in Settings), or the browser session
(with CSRF) so pages may call it too.
"""

import importlib

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer, SessionAuth

from vivier.accounts.access import team_for_user
from vivier.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = api_token_authenticate(token)
        if found is None:
            return None
        request.user = found.user
        request.team = found.team
        return found


class TeamSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key):
        user = super().authenticate(request, key)
        if user is None:
            return None
        if getattr(request, "team", None) is None:
            request.team = team_for_user(user)
        return user if request.team is not None else None


api = NinjaAPI(
    title="Vivier API",
    version="1",
    description="Talent-pool re-engagement: candidates, segments, campaigns, replies.",
    auth=[TokenAuth(), TeamSessionAuth()],
    urls_namespace="api",
)

for app in ("accounts", "pool", "segments", "jobs", "sequences", "mail", "replies", "insights"):
    try:
        module = importlib.import_module(f"vivier.{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"vivier.{app}.api":
            raise
        continue
    api.add_router(getattr(module, "PREFIX", f"/{app}"), module.router)

# The outbox moved to the sequences app; its API keeps its /api/mail/ paths.
api.add_router("/mail", importlib.import_module("vivier.sequences.api").outbox_router)
