"""The home page's blocks and a user's notifications, read from the apps' registered sources
(``vivier.accounts.attention``), and the few writes they need (read marks, the user's settings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import IntegrityError, transaction

from vivier.lib import clock

from . import attention
from .models import NotificationRead, NotificationSettings, Team, User

# --- Reads ------------------------------------------------------------------------------------


def user_time_zone(*, user: User, team: Team) -> ZoneInfo:
    """The user's own time zone, else the team's."""
    for name in (user.time_zone, team.time_zone, "UTC"):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return ZoneInfo("UTC")


def checklist(*, team: Team) -> list[tuple[attention.Step, bool]]:
    """The getting-started steps and whether the team has done each."""
    return [(step, bool(step.done(team=team))) for step in attention.steps()]


def home_blocks(*, team: Team, user: User, now: dt.datetime | None = None) -> list[attention.Block]:
    """What needs attention today, one block per registered home source, empty blocks left out."""
    now = now or clock.now()
    blocks = [
        attention.Block(s, s.items(team=team, user=user, now=now)) for s in attention.sources(home=True)
    ]
    return [b for b in blocks if b.items]


def notification_settings(*, user: User) -> NotificationSettings:
    """The user's settings (the defaults, unsaved, when never changed)."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


@dataclass(frozen=True)
class Notification:
    kind: str
    label: object
    item: attention.Item
    read: bool


def notification_list(
    *, user: User, team: Team, now: dt.datetime | None = None, kinds: set[str] | None = None
) -> list[Notification]:
    """The user's notifications of the kinds not switched off (or of ``kinds``), by source order."""
    now = now or clock.now()
    muted = set(notification_settings(user=user).muted)
    found = []
    for source in attention.sources(notify=True):
        if source.kind in muted or (kinds is not None and source.kind not in kinds):
            continue
        for item in source.items(team=team, user=user, now=now):
            found.append((source, item))
    read = set(
        NotificationRead.objects.filter(user=user, key__in=[i.key for _s, i in found]).values_list(
            "key", flat=True
        )
    )
    return [Notification(s.kind, s.label, i, i.key in read) for s, i in found]


def notification_unread_count(*, user: User, team: Team) -> int:
    return sum(1 for n in notification_list(user=user, team=team) if not n.read)


# --- Writes -----------------------------------------------------------------------------------


def notifications_mark_read(*, user: User, keys: list[str], at: dt.datetime | None = None) -> int:
    """Mark these notifications read (already read ones stay as they were); returns how many were new."""
    at = at or clock.now()
    known = set(NotificationRead.objects.filter(user=user, key__in=keys).values_list("key", flat=True))
    new = [
        NotificationRead(user=user, key=k[:200], read_at=at) for k in dict.fromkeys(keys) if k not in known
    ]
    try:
        with transaction.atomic():
            NotificationRead.objects.bulk_create(new)
    except IntegrityError:  # another request marked one meanwhile
        NotificationRead.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def notification_settings_update(
    *, user: User, digest_enabled: bool, digest_time: dt.time, muted: list[str]
) -> NotificationSettings:
    known = {s.kind for s in attention.sources(notify=True)}
    unknown = set(muted) - known
    if unknown:
        raise ValueError(f"unknown notification kinds: {', '.join(sorted(unknown))}")
    settings, _created = NotificationSettings.objects.update_or_create(
        user=user,
        defaults={"digest_enabled": digest_enabled, "digest_time": digest_time, "muted": sorted(set(muted))},
    )
    return settings


def notification_digest_done(*, user: User, day: dt.date) -> None:
    """The digest of ``day`` (the user's local date) was handled: sent, or nothing to say."""
    NotificationSettings.objects.update_or_create(user=user, defaults={"digest_day": day})
