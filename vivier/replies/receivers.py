"""Inbound mail from email services (django-anymail's inbound webhooks) goes through the same capture.

Anymail hands over inbound mail as a signal; this receiver only calls ``inbound_store``. An exception here
makes the webhook answer 500, and the email service retries: nothing is lost when the database is down.
"""

from anymail.signals import inbound
from django.dispatch import receiver


def _raw_bytes(message) -> bytes:
    try:
        return message.as_bytes()
    except Exception:  # noqa: BLE001 - some regenerated messages cannot be re-encoded strictly
        return message.as_string().encode("utf-8", "surrogateescape")


@receiver(inbound, dispatch_uid="vivier.replies.inbound_webhook")
def store_inbound_webhook(sender, event, esp_name, **kwargs):
    from .capture import inbound_store

    message = event.message
    recipient = getattr(message, "envelope_recipient", None) or ""
    if not recipient:
        to = message.to or []
        recipient = to[0].addr_spec if to else ""
    # The team is resolved from the mailbox address once mailboxes are configured (engine app).
    inbound_store(raw=_raw_bytes(message), source="webhook", mailbox_address=recipient or None)
