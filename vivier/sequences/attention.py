"""What the sequences app puts on the home page and in notifications (``vivier.accounts.attention``): the
"write a sequence" and "launch" steps, tasks due, reply deadlines about to be missed, campaigns running,
messages whose fate is unknown, and mailboxes whose last sends failed."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from vivier.accounts import attention
from vivier.accounts.notifications import user_time_zone
from vivier.mail.selectors import mailboxes_in_error

from .models import Campaign, OutboundMessage, Sequence, Task

Item = attention.Item
# A reply to answer is about to be missed when its deadline falls within this window (or has passed).
DEADLINE_SOON = dt.timedelta(hours=24)
# A mailbox is "in error" when a send through it failed this recently.
MAILBOX_ERROR_WINDOW = dt.timedelta(hours=24)
LIMIT = 20


def _when(at: dt.datetime, *, user, team) -> str:
    return formats.date_format(at.astimezone(user_time_zone(user=user, team=team)), "SHORT_DATETIME_FORMAT")


def sequence_exists(*, team) -> bool:
    return Sequence.objects.filter(team=team).exists()


def campaign_launched(*, team) -> bool:
    return Campaign.objects.filter(team=team, started_at__isnull=False).exists()


def _open_tasks(*, team, user):
    # Index task_team_open_due: team_id=? AND done_at IS NULL ORDER BY due_at.
    return (
        Task.objects.filter(team=team, done_at__isnull=True)
        .filter(Q(owner=user) | Q(owner__isnull=True))
        .select_related("candidate")
        .order_by("due_at", "id")
    )


def _task_item(task: Task, *, user, team) -> Item:
    name = task.candidate.full_name if task.candidate_id else ""
    return Item(
        key=f"task:{task.public_id}",
        text=f"{task.text} · {name}" if name else task.text,
        url=reverse("sequences:tasks"),
        due_at=task.due_at,
        detail=_t("due %(when)s") % {"when": _when(task.due_at, user=user, team=team)},
    )


def tasks_due(*, team, user, now: dt.datetime) -> list[Item]:
    """Open tasks (the user's or nobody's) due by the end of the user's day, replies aside."""
    zone = user_time_zone(user=user, team=team)
    local = now.astimezone(zone)
    end_of_day = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    tasks = _open_tasks(team=team, user=user).filter(due_at__lt=end_of_day).exclude(kind=Task.Kind.REPLY)
    return [_task_item(t, user=user, team=team) for t in tasks[:LIMIT]]


def deadlines_soon(*, team, user, now: dt.datetime) -> list[Item]:
    """Replies to answer whose deadline has passed or falls within ``DEADLINE_SOON``."""
    tasks = _open_tasks(team=team, user=user).filter(kind=Task.Kind.REPLY, due_at__lt=now + DEADLINE_SOON)
    return [
        Item(
            key=f"deadline:{t.public_id}",
            text=t.candidate.full_name,
            url=reverse("replies:inbox"),
            due_at=t.due_at,
            detail=(_t("deadline passed %(when)s") if t.due_at <= now else _t("answer before %(when)s"))
            % {"when": _when(t.due_at, user=user, team=team)},
        )
        for t in tasks[:LIMIT]
    ]


def campaigns_running(*, team, user, now: dt.datetime) -> list[Item]:
    campaigns = (
        Campaign.objects.filter(team=team, status=Campaign.Status.RUNNING)
        .annotate(active=Count("enrollments", filter=Q(enrollments__state="active")))
        .order_by("-started_at", "-id")
    )
    return [
        Item(
            key=f"campaign:{c.public_id}",
            text=c.name,
            url=reverse("sequences:campaign", args=[c.public_id]),
            detail=_t("%(count)d in progress") % {"count": c.active},
        )
        for c in campaigns[:LIMIT]
    ]


def messages_unknown(*, team, user, now: dt.datetime) -> list[Item]:
    """Messages whose delivery nobody knows (a crash mid-send): a human checks each one."""
    messages = OutboundMessage.objects.filter(team=team, status=OutboundMessage.Status.UNKNOWN).order_by(
        "-created_at", "-id"
    )
    return [
        Item(
            key=f"unknown:{m.public_id}",
            text=f"{m.to_email}: {m.subject}",
            url=reverse("sequences:message", args=[m.public_id]),
            detail=_when(m.created_at, user=user, team=team),
        )
        for m in messages[:LIMIT]
    ]


def mailboxes_failing(*, team, user, now: dt.datetime) -> list[Item]:
    """Mailboxes through which a send failed lately, with the last error, and those whose last IMAP poll
    failed."""
    failed = (
        OutboundMessage.objects.filter(
            team=team,
            mailbox__isnull=False,
            status=OutboundMessage.Status.FAILED,
            created_at__gte=now - MAILBOX_ERROR_WINDOW,
        )
        .values("mailbox__public_id", "mailbox__address")
        .annotate(failures=Count("id"), last=Max("created_at"))
        .order_by("-last")
    )
    items = []
    for row in failed[:LIMIT]:
        last = (
            OutboundMessage.objects.filter(
                team=team, mailbox__public_id=row["mailbox__public_id"], status=OutboundMessage.Status.FAILED
            )
            .order_by("-created_at", "-id")
            .values_list("last_error", flat=True)
            .first()
        )
        items.append(
            Item(
                key=f"mailbox:{row['mailbox__public_id']}:{row['last']:%Y%m%d%H%M%S}",
                text=row["mailbox__address"],
                url=reverse("sequences:outbox"),
                detail=_t("%(count)d failed sends: %(error)s")
                % {"count": row["failures"], "error": (last or "")[:200]},
            )
        )
    for mailbox in mailboxes_in_error(team=team)[:LIMIT]:
        items.append(
            Item(
                key=f"mailbox-imap:{mailbox.public_id}:{mailbox.imap_error_at:%Y%m%d%H%M%S}",
                text=mailbox.address,
                url=reverse("mailboxes:edit", args=[mailbox.public_id]),
                detail=_t("Reading replies failed: %(error)s") % {"error": mailbox.imap_error[:200]},
            )
        )
    return items


def register() -> None:
    attention.step_register(
        "sequence", label=_("Write a sequence"), url_name="sequences:new", done=sequence_exists, order=30
    )
    attention.step_register(
        "launch", label=_("Launch a campaign"), url_name="sequences:launch", done=campaign_launched, order=40
    )
    attention.source_register("tasks", label=_("Tasks due today"), items=tasks_due, order=20)
    attention.source_register(
        "deadlines", label=_("Deadlines about to be missed"), items=deadlines_soon, order=15, home=False
    )
    attention.source_register(
        "campaigns", label=_("Campaigns running"), items=campaigns_running, order=60, notify=False
    )
    attention.source_register(
        "unknown_messages",
        label=_("Messages to check by hand"),
        items=messages_unknown,
        order=40,
        notify=False,
    )
    attention.source_register(
        "mailbox_errors", label=_("Mailboxes in error"), items=mailboxes_failing, order=50, notify=False
    )
