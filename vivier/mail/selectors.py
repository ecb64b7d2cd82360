"""Mailbox reads other pages need (the home page's "what needs attention")."""

from .models import Mailbox


def mailboxes_in_error(*, team):
    """The team's mailboxes whose last IMAP poll failed, with the error and when (most recent first)."""
    return Mailbox.objects.filter(team=team).exclude(imap_error="").order_by("-imap_error_at", "address")
