"""Replies waiting for an answer, for the home page and notifications (``vivier.accounts.attention``)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from vivier.accounts import attention
from vivier.accounts.notifications import user_time_zone

from .models import Reply
from .selectors import PRIORITY

LIMIT = 20


def replies_to_answer(*, team, user, now: dt.datetime) -> list[attention.Item]:
    """Open replies that ask the recruiter for an answer, the oldest deadline first (index reply_team_open)."""
    replies = (
        Reply.objects.filter(team=team, candidate__isnull=False, done_at__isnull=True, intent__in=PRIORITY)
        .select_related("candidate", "task")
        .order_by("-received_at", "-id")
    )[:LIMIT]
    zone = user_time_zone(user=user, team=team)
    items = []
    for reply in replies:
        due = reply.task.due_at if reply.task_id and reply.task.done_at is None else None
        detail = reply.get_intent_display()
        if due is not None:
            when = formats.date_format(due.astimezone(zone), "SHORT_DATETIME_FORMAT")
            detail = _t("%(intent)s, answer before %(when)s") % {"intent": detail, "when": when}
        items.append(
            attention.Item(
                key=f"reply:{reply.public_id}",
                text=reply.candidate.full_name,
                url=reverse("replies:inbox"),
                due_at=due,
                detail=detail,
            )
        )
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(items, key=lambda i: i.due_at or far)


def register() -> None:
    attention.source_register("replies", label=_("Replies to answer"), items=replies_to_answer, order=10)
