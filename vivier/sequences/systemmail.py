"""System mail (invitations, password resets, notifications) when no SMTP server is configured: a Django email
backend that records each message in the built-in outbox (``OutboundMessage`` of kind ``system``, through
``message_send``), where an admin reads it in the app or with ``vivier outbox``. Settings point
``EMAIL_BACKEND`` here unless ``VIVIER_EMAIL_BACKEND`` or ``VIVIER_EMAIL_HOST`` is set.

A message is filed under the team named by its ``X-Vivier-Team`` header (a slug, removed before storing), else
the recipient's first team, else the installation's first team. With no team at all it raises: system mail
is never dropped silently.
"""

from __future__ import annotations

import uuid

from django.core.mail.backends.base import BaseEmailBackend

from vivier.accounts.models import Membership, Team

from .models import OutboundMessage
from .outbox import message_send

TEAM_HEADER = "X-Vivier-Team"


class NoTeamForSystemMail(RuntimeError):
    pass


def _team_for(slug: str, recipient: str) -> Team:
    team = Team.objects.filter(slug=slug).first() if slug else None
    if team is None:
        membership = (
            Membership.objects.select_related("team")
            .filter(user__email__iexact=recipient, user__is_active=True)
            .order_by("created_at")
            .first()
        )
        team = membership.team if membership else Team.objects.order_by("created_at", "id").first()
    if team is None:
        raise NoTeamForSystemMail(f"no team to file system mail to {recipient} under: configure SMTP")
    return team


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        sent = 0
        for email in email_messages:
            headers = dict(email.extra_headers or {})
            slug = str(headers.pop(TEAM_HEADER, "") or "")
            for recipient in email.recipients():
                try:
                    message_send(
                        team=_team_for(slug, recipient),
                        candidate=None,
                        kind=OutboundMessage.Kind.SYSTEM,
                        subject=str(email.subject),
                        body=str(email.body),
                        to_email=recipient,
                        idempotency_key=f"system:{uuid.uuid4().hex}",
                    )
                except Exception:
                    if not self.fail_silently:
                        raise
                    continue
                sent += 1
        return sent
