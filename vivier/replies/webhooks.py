"""django-anymail's webhook routes, refused when unsecured and answering 400 to a body they cannot read.

Anymail verifies each provider's signature (Mailgun, Mandrill, Postal, MailerSend, Resend, SendGrid, Amazon
SES) and the shared Basic auth secret. Left to itself it accepts any post when nothing is configured (with a
warning), and a body it cannot parse ends in a 500 that the provider retries forever.
"""

import logging
import warnings

import anymail.urls
from anymail.exceptions import AnymailInsecureWebhookWarning, AnymailWebhookValidationFailure
from anymail.signals import inbound
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import HttpResponseForbidden
from django.urls import URLPattern

logger = logging.getLogger(__name__)

# What a parser raises on a body that does not have the provider's shape. Other errors (the database, the
# provider's API for attachments) stay 500, so the provider retries and nothing is lost.
MALFORMED = (KeyError, IndexError, TypeError, ValueError, AttributeError, LookupError, UnicodeError)


def _refusal(view_class) -> str | None:
    """Why this provider's webhook is not secured, or None when Basic auth or its signature is configured."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AnymailInsecureWebhookWarning)
            view = view_class()
    except ImproperlyConfigured as exc:
        return str(exc)
    if getattr(view, "warn_if_no_basic_auth", True) and not getattr(view, "basic_auth", None):
        return "set VIVIER_ANYMAIL_WEBHOOK_SECRET (user:password, given to the provider as Basic auth)"
    return None


def _malformed(esp_name: str, exc: Exception) -> AnymailWebhookValidationFailure:
    return AnymailWebhookValidationFailure(f"Malformed {esp_name} webhook body: {type(exc).__name__}: {exc}")


def _is_a_message(event) -> bool:
    message = getattr(event, "message", None)
    return message is not None and bool(message.get("From") or message.get("Message-ID"))


def _strict(view_class):
    class Strict(view_class):
        def run_validators(self, request):
            try:
                super().run_validators(request)
            except ImproperlyConfigured as exc:
                raise AnymailWebhookValidationFailure(str(exc)) from exc
            except MALFORMED as exc:
                raise _malformed(self.esp_name, exc) from exc

        def parse_events(self, request):
            try:
                events = list(super().parse_events(request))
            except SuspiciousOperation:
                raise
            except MALFORMED as exc:
                raise _malformed(self.esp_name, exc) from exc
            if self.signal is inbound and not all(_is_a_message(event) for event in events):
                raise _malformed(
                    self.esp_name, ValueError("an inbound event without a sender or a Message-ID")
                )
            if self.signal is inbound and not events and view_class.esp_name != "Amazon SES":
                # (Amazon SES posts subscription confirmations, which carry no event.)
                raise _malformed(self.esp_name, ValueError("no inbound message in the body"))
            return events

    Strict.__name__ = Strict.__qualname__ = f"Strict{view_class.__name__}"
    return Strict


def _guarded(view_class):
    strict = _strict(view_class).as_view()

    def view(request, *args, **kwargs):
        if request.method == "POST":
            refusal = _refusal(view_class)
            if refusal:
                logger.warning(
                    "Refused a %s webhook post: it is not secured (%s).", view_class.esp_name, refusal
                )
                return HttpResponseForbidden("This webhook is not configured.")
        return strict(request, *args, **kwargs)

    view.view_class = view_class
    view.csrf_exempt = True
    return view


urlpatterns = [
    URLPattern(route.pattern, _guarded(route.callback.view_class), route.default_args, route.name)
    for route in anymail.urls.urlpatterns
]
app_name = anymail.urls.app_name
