"""The JSON API: one NinjaAPI, one Router per app, the same services as the pages.

Authentication: ``Authorization: Bearer <personal token>`` (created in Settings), or the browser session
(with CSRF) so pages may call it too.
"""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer, SessionAuth

from vivier.accounts import api as accounts_api
from vivier.accounts.access import team_for_user
from vivier.accounts.services import api_token_authenticate
from vivier.jobs import api as jobs_api
from vivier.mail import api as mail_api
from vivier.pool import api as pool_api
from vivier.replies import api as replies_api
from vivier.segments import api as segments_api
from vivier.sequences import api as sequences_api


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

api.add_router("/accounts", accounts_api.router)
api.add_router("/pool", pool_api.router)
api.add_router(segments_api.PREFIX, segments_api.router)
api.add_router("/jobs", jobs_api.router)
api.add_router("/sequences", sequences_api.router)
api.add_router("/mail", mail_api.router)
api.add_router("/replies", replies_api.router)
# The outbox lives in the sequences app; its API keeps its /api/mail/ paths.
api.add_router("/mail", sequences_api.outbox_router)
