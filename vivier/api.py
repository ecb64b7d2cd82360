"""The JSON API: one NinjaAPI, one Router per app, the same services as the pages.

Authentication: ``Authorization: Bearer <personal token>`` (created in Settings), or the browser session
(with CSRF) so pages may call it too.
"""

import json

from django.conf import settings
from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import BaseThrottle

from vivier.accounts import api as accounts_api
from vivier.accounts.access import team_for_user
from vivier.accounts.services import api_token_authenticate, rate_limit_hit
from vivier.insights import api as insights_api
from vivier.jobs import api as jobs_api
from vivier.lib.text import strip_controls_deep
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
        # The language middleware ran before the token named the user: unless the client asked for a
        # language (Accept-Language), answers speak the user's, not the server's default.
        if not request.META.get("HTTP_ACCEPT_LANGUAGE"):
            translation.activate(found.user.language)
            request.LANGUAGE_CODE = found.user.language
        return found


class TeamSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key):
        user = super().authenticate(request, key)
        if user is None:
            return None
        if getattr(request, "team", None) is None:
            request.team = team_for_user(user)
        return user if request.team is not None else None


class DatabaseThrottle(BaseThrottle):
    """VIVIER_API_RATE_PER_MINUTE requests per token (or session user, or address), counted in the database."""

    def allow_request(self, request):
        auth = getattr(request, "auth", None)
        if hasattr(auth, "pk") and hasattr(auth, "digest"):
            key = f"api:token:{auth.pk}"
        elif getattr(request, "user", None) is not None and request.user.is_authenticated:
            key = f"api:user:{request.user.pk}"
        else:
            key = f"api:ip:{self.get_ident(request)}"
        self.wait_seconds = rate_limit_hit(key=key, limit=settings.VIVIER_API_RATE_PER_MINUTE)
        return not self.wait_seconds

    def wait(self):
        return self.wait_seconds


class CleanParser(Parser):
    """JSON bodies and query strings without control characters (a NUL cannot even be stored)."""

    def parse_body(self, request):
        return strip_controls_deep(super().parse_body(request))

    def parse_querydict(self, data, list_fields, request):
        return strip_controls_deep(super().parse_querydict(data, list_fields, request))


# What operations may answer besides their own responses: ninja's 422 when a parameter or the body does
# not validate, and 404 for an id (in the path or the body) that is not the team's.
VALIDATION_ERROR = {
    "title": "ValidationErrorOut",
    "type": "object",
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                    "msg": {"type": "string"},
                },
                "required": ["type", "loc", "msg"],
            },
        }
    },
    "required": ["detail"],
}
NOT_FOUND = {
    "title": "NotFoundOut",
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


class ServedSwagger(Swagger):
    """Swagger UI from this server's static files. ninja does so only when "ninja" is an installed app, and
    it is not (settings.NINJA_DIR): without this it would load the UI from a CDN."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        auth = api.auth if isinstance(api.auth, list | tuple) else []
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": any(getattr(a, "csrf", False) for a in auth),
        }
        return render(request, self.template, context)


class VivierAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["ValidationErrorOut"], schemas["NotFoundOut"] = VALIDATION_ERROR, NOT_FOUND
        validation = {"$ref": "#/components/schemas/ValidationErrorOut"}
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                if operation.get("parameters") or operation.get("requestBody"):
                    own = responses.get(422, responses.get("422"))
                    responses.pop(422, None)
                    if own is None:
                        responses["422"] = _json("Unprocessable Entity", validation)
                    else:  # the operation's own 422 and ninja's validation error
                        body = own["content"]["application/json"]["schema"]
                        responses["422"] = _json(own["description"], {"anyOf": [body, validation]})
                # An id in the path, or in the body (a campaign names its sequence), may be another team's.
                if ("{" in path or operation.get("requestBody")) and not {404, "404"} & set(responses):
                    responses["404"] = _json("Not Found", {"$ref": "#/components/schemas/NotFoundOut"})
        return schema


def _json(description: str, body: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": body}}}


api = VivierAPI(
    parser=CleanParser(),
    throttle=[DatabaseThrottle()],
    title="Vivier API",
    version="1",
    description="Talent-pool re-engagement: candidates, segments, campaigns, replies.",
    auth=[TokenAuth(), TeamSessionAuth()],
    urls_namespace="api",
    docs=ServedSwagger(),
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
api.add_router("/insights", insights_api.router)


# --- Errors in the requester's language ----------------------------------------------------------
# ninja words its own errors in English; a French user reads them in French (an English user, or a client
# asking for English with Accept-Language, reads the same English as before). The JSON shape is unchanged.

NINJA_MESSAGES = {
    "Not Found": gettext_lazy("Not Found"),
    "Cannot parse request body": gettext_lazy("Cannot parse request body"),
    "Unauthorized": gettext_lazy("Unauthorized"),
    "Forbidden": gettext_lazy("Forbidden"),
}
# pydantic's error types (``loc`` and ``type`` say where and what; ``msg`` is for a person).
VALIDATION_MESSAGES = {
    "missing": gettext_lazy("Field required"),
    "int_parsing": gettext_lazy("Input should be a whole number"),
    "int_type": gettext_lazy("Input should be a whole number"),
    "float_parsing": gettext_lazy("Input should be a number"),
    "bool_parsing": gettext_lazy("Input should be true or false"),
    "uuid_parsing": gettext_lazy("Input should be an id (UUID)"),
    "uuid_type": gettext_lazy("Input should be an id (UUID)"),
    "string_type": gettext_lazy("Input should be text"),
    "list_type": gettext_lazy("Input should be a list"),
    "dict_type": gettext_lazy("Input should be an object"),
    "model_attributes_type": gettext_lazy("Input should be an object"),
    "date_from_datetime_parsing": gettext_lazy("Input should be a date (YYYY-MM-DD)"),
    "date_parsing": gettext_lazy("Input should be a date (YYYY-MM-DD)"),
    "datetime_parsing": gettext_lazy("Input should be a date and time (ISO 8601)"),
    "datetime_from_date_parsing": gettext_lazy("Input should be a date and time (ISO 8601)"),
    "extra_forbidden": gettext_lazy("Extra inputs are not permitted"),
    "json_invalid": gettext_lazy("Invalid JSON"),
}


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(NINJA_MESSAGES["Not Found"])}, status=404)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    message = str(exc)
    return api.create_response(
        request, {"detail": str(NINJA_MESSAGES.get(message, message))}, status=exc.status_code
    )


@api.exception_handler(ValidationError)
def _validation_error(request, exc):
    errors = []
    for error in exc.errors:
        message = VALIDATION_MESSAGES.get(error.get("type"))
        errors.append({**error, "msg": str(message)} if message else error)
    return api.create_response(request, {"detail": errors}, status=422)
