"""Each user's daily email digest of notifications, sent by the worker at the local time the user picked.

At most one a day per user: the user's settings record the local day last handled, and the message's
idempotency key (``digest:<user>:<local date>``) makes a second send impossible even if two workers race.
The digest goes out as system mail (``message_send``, kind ``system``) in the user's language.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext as _

from vivier.accounts.models import Membership, NotificationSettings, User
from vivier.accounts.notifications import (
    notification_digest_done,
    notification_list,
    user_time_zone,
)
from vivier.lib import clock

from .models import OutboundMessage
from .outbox import AlreadySent, message_send


def notification_settings_of(user: User) -> NotificationSettings:
    try:
        return user.notification_settings
    except NotificationSettings.DoesNotExist:
        return NotificationSettings(user=user)


def digest_key(user: User, day: dt.date) -> str:
    return f"digest:{user.public_id}:{day.isoformat()}"


def handle_one_digest() -> bool:
    """The digest of one user whose time has come today; True when one was handled (sent or empty).

    1. Users with an address, a team, the digest on, and not handled today (a coarse filter in SQL, the
       local day checked in Python: each user has a time zone).
    2. The first whose local time has passed their digest time: their notifications of every team, in their
       language; sent when there is something to say.
    3. The local day is recorded either way, so the user is skipped until tomorrow.
    """
    now = clock.now()
    # Local dates run from the UTC date's eve to its morrow: only a day past tomorrow's UTC date is surely
    # handled everywhere.
    off = NotificationSettings.objects.filter(
        Q(digest_enabled=False) | Q(digest_day__gte=(now + dt.timedelta(days=1)).date())
    ).values("user")
    users = (
        User.objects.filter(is_active=True, memberships__isnull=False)
        .exclude(email="")
        .exclude(pk__in=off)
        .distinct()
        .select_related("notification_settings")
        .prefetch_related(
            Prefetch("memberships", Membership.objects.select_related("team").order_by("created_at", "id"))
        )
        .order_by("id")
    )
    for user in users:
        memberships = list(user.memberships.all())
        prefs = notification_settings_of(user)
        local = now.astimezone(user_time_zone(user=user, team=memberships[0].team))
        if not prefs.digest_enabled or prefs.digest_day == local.date() or local.time() < prefs.digest_time:
            continue
        digest_send(user=user, memberships=memberships, day=local.date(), now=now)
        notification_digest_done(user=user, day=local.date())
        return True
    return False


def digest_send(*, user: User, memberships: list[Membership], day: dt.date, now: dt.datetime):
    """Compose and send one user's digest; None when there is nothing to say or it was sent already."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        sections = []
        count = 0
        for membership in memberships:
            notes = notification_list(user=user, team=membership.team, now=now)
            if not notes:
                continue
            count += len(notes)
            lines = [membership.team.name if len(memberships) > 1 else ""]
            by_kind: dict[str, list] = {}
            for note in notes:
                by_kind.setdefault(note.kind, []).append(note)
            for group in by_kind.values():
                lines.append(f"{group[0].label} ({len(group)})")
                for note in group:
                    detail = f" ({note.item.detail})" if note.item.detail else ""
                    lines.append(f"- {note.item.text}{detail}")
                    lines.append(f"  {settings.BASE_URL}{note.item.url}")
                lines.append("")
            sections.append("\n".join(line for line in lines if line is not None).strip())
        if not count:
            return None
        subject = _("Vivier: %(count)d things need your attention today") % {"count": count}
        greeting = _("Hello %(name)s,") % {"name": user.first_name or user.username}
        footer = _("Change the time of this email or switch it off: %(url)s") % {
            "url": f"{settings.BASE_URL}/accounts/notifications/"
        }
        body = "\n\n".join([greeting, *sections, footer]) + "\n"
    try:
        return message_send(
            team=memberships[0].team,
            candidate=None,
            kind=OutboundMessage.Kind.SYSTEM,
            subject=subject,
            body=body,
            to_email=user.email,
            idempotency_key=digest_key(user, day),
            now=now,
        )
    except AlreadySent:
        return None
