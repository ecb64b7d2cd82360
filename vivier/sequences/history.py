"""How the sequences' timeline events and tasks read, in the reader's language.

The timeline kinds are registered on pool's timeline (``SequencesConfig.ready()``). Tasks are sequences'
own: a task stores its ``kind`` and ``params`` and ``task_text`` words its title when shown; replies
registers the kinds of task it creates here.
"""

from collections.abc import Callable

from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vivier.pool.timeline import timeline_kind


class EventKind:
    """The timeline kinds sequences writes."""

    MESSAGE_OUT = "message_out"
    ENROLLMENT = "enrollment"
    TASK = "task"
    UNSUBSCRIBED = "unsubscribed"
    SNOOZED = "snoozed"


# Why an enrollment ended or a candidate was snoozed or unsubscribed: stored as a code, shown as a label.
REASONS = {
    "stopped by hand": gettext_lazy("stopped by hand"),
    "asked to be contacted later": gettext_lazy("asked to be contacted later"),
    "moved to a follow-up campaign": gettext_lazy("moved to a follow-up campaign"),
    "no valid email address": gettext_lazy("no valid email address"),
    "unsubscribed": gettext_lazy("unsubscribed"),
    "reply": gettext_lazy("by replying"),
    "one-click": gettext_lazy("one-click link"),
    "unsubscribe page": gettext_lazy("unsubscribe page"),
    "by hand": gettext_lazy("by hand"),
}
# Reasons that carry a technical detail (an address, an SMTP answer) after their code.
_PREFIXED = {
    "bounced: ": gettext_lazy("bounced: %(detail)s"),
    "could not send: ": gettext_lazy("could not send: %(detail)s"),
}


def reason_label(reason: str) -> str:
    if reason in REASONS:
        return str(REASONS[reason])
    for prefix, label in _PREFIXED.items():
        if reason.startswith(prefix):
            return str(label) % {"detail": reason[len(prefix) :]}
    return reason


def _date(value) -> str:
    when = parse_datetime(value) if isinstance(value, str) else value
    if when is None:
        return ""
    return formats.date_format(timezone.localtime(when) if timezone.is_aware(when) else when, "DATE_FORMAT")


def _with_reason(text: str, params: dict) -> str:
    reason = params.get("reason")
    if reason == "after campaign":
        why = _("after campaign “%(campaign)s”") % {"campaign": params.get("campaign_name", "")}
        return f"{text} ({why})"
    return f"{text} ({reason_label(reason)})" if reason else text


# --- Timeline kinds -------------------------------------------------------------------------------


def message_out(params: dict) -> str:
    status = params.get("status")
    if status == "bounced":
        return _("Email refused for %(to)s: %(error)s") % {
            "to": params.get("to", ""),
            "error": params.get("error", ""),
        }
    if status == "failed":
        return _("Email could not be sent to %(to)s: %(error)s") % {
            "to": params.get("to", ""),
            "error": params.get("error", ""),
        }
    if status == "unknown":
        return _("Email possibly sent (worker stopped while sending): %(subject)s") % {
            "subject": params.get("subject", "")
        }
    return _("Email sent: %(subject)s") % {"subject": params.get("subject", "")}


def enrollment(params: dict) -> str:
    values = {"campaign": params.get("campaign_name", "")}
    text = {
        "active": _("Enrolled in campaign “%(campaign)s”"),
        "replied": _("Replied: campaign “%(campaign)s” stopped"),
        "bounced": _("Bounced: campaign “%(campaign)s” stopped"),
        "unsubscribed": _("Unsubscribed: campaign “%(campaign)s” stopped"),
        "completed": _("Campaign “%(campaign)s” completed"),
        "snoozed": _("Campaign “%(campaign)s” over: snoozed"),
        "ended": _("Campaign “%(campaign)s” ended"),
    }.get(params.get("state"), _("Campaign “%(campaign)s”"))
    return _with_reason(text % values, params)


def task_event_params(task, *, done: bool = False, **ids) -> dict:
    """What a timeline event about ``task`` needs to word the task's title without reading it."""
    params = {"task": str(task.public_id), "task_kind": task.kind, "task_params": task.params, **ids}
    if task.title:
        params["title"] = task.title
    if done:
        params["done"] = True
    return params


def task_event(params: dict) -> str:
    title = params.get("title") or task_text(params.get("task_kind", ""), params.get("task_params"))
    return _("Done: %(title)s") % {"title": title} if params.get("done") else title


def unsubscribed(params: dict) -> str:
    via = params.get("via")
    return _("Unsubscribed (%(via)s)") % {"via": reason_label(via)} if via else _("Unsubscribed")


def snoozed(params: dict) -> str:
    return _with_reason(_("Snoozed until %(date)s") % {"date": _date(params.get("until"))}, params)


def register_timeline_kinds() -> None:
    timeline_kind(EventKind.MESSAGE_OUT, gettext_lazy("Message sent"))(message_out)
    timeline_kind(EventKind.ENROLLMENT, gettext_lazy("Campaign"))(enrollment)
    timeline_kind(EventKind.TASK, gettext_lazy("Task"))(task_event)
    timeline_kind(EventKind.UNSUBSCRIBED, gettext_lazy("Unsubscribed"))(unsubscribed)
    timeline_kind(EventKind.SNOOZED, gettext_lazy("Snoozed"))(snoozed)


# --- Tasks ----------------------------------------------------------------------------------------

TaskRenderer = Callable[[dict], str]
_TASKS: dict[str, TaskRenderer] = {}


def task_kind(kind: str) -> Callable[[TaskRenderer], TaskRenderer]:
    def register(render_task: TaskRenderer) -> TaskRenderer:
        _TASKS[kind] = render_task
        return render_task

    return register


def task_text(kind: str, params: dict | None) -> str:
    """A task's title in the active language, from its kind and params."""
    render_task = _TASKS.get(kind)
    return render_task(params if isinstance(params, dict) else {}) if render_task else ""


def _step_values(params: dict) -> dict:
    return {
        "name": params.get("name", ""),
        "campaign": params.get("campaign_name", ""),
        "step": params.get("step"),
    }


@task_kind("linkedin")
def _linkedin(params: dict) -> str:
    return _("LinkedIn message to %(name)s (%(campaign)s, step %(step)s)") % _step_values(params)


@task_kind("call")
def _call(params: dict) -> str:
    return _("Call %(name)s (%(campaign)s, step %(step)s)") % _step_values(params)


@task_kind("reminder")
def _reminder(params: dict) -> str:
    return _with_reason(_("Get back in touch with %(name)s") % {"name": params.get("name", "")}, params)
