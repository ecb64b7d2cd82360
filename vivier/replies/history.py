"""How the replies' timeline events and tasks read, in the reader's language (registered at start-up)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vivier.pool.timeline import timeline_kind
from vivier.sequences.history import task_kind

from .models import INTENT_CHOICES


class EventKind:
    """The timeline kinds replies writes (it also writes sequences' ``message_out`` and ``task``)."""

    MESSAGE_IN = "message_in"
    RELABELLED = "relabelled"
    TO_CHECK = "reply_to_check"
    CHECKED = "reply_checked"


def intent_label(intent: str | None) -> str:
    return str(dict(INTENT_CHOICES).get(intent, intent or ""))


# The decline reasons (``understanding.rules.REASONS``) as the recruiter reads them.
REASON_LABELS = {
    "salary": gettext_lazy("Salary"),
    "location": gettext_lazy("Location"),
    "timing": gettext_lazy("Timing"),
    "role": gettext_lazy("The role"),
    "company": gettext_lazy("The company"),
    "contract": gettext_lazy("Contract type"),
    "remote": gettext_lazy("Remote work"),
    "happy": gettext_lazy("Happy where they are"),
    "other": gettext_lazy("Other reason"),
}


def decline_reason_label(code: str | None) -> str:
    return str(REASON_LABELS.get(code or "", code or ""))


def message_in(params: dict) -> str:
    label = {"bounce": _("Delivery failure"), "out_of_office": _("Automatic reply")}.get(
        params.get("intent"), _("Reply received")
    )
    return f"{label}: {params.get('text') or params.get('subject') or ''}"


def relabelled(params: dict) -> str:
    return _("Reply relabelled: %(from)s → %(to)s") % {
        "from": intent_label(params.get("from")),
        "to": intent_label(params.get("to")),
    }


def to_check(params: dict) -> str:
    text = _("Reply to check: it may mean “%(intent)s”") % {"intent": intent_label(params.get("intent"))}
    if params.get("paused"):
        text += " — " + _("no message goes to this person until a recruiter checks it")
    return text


def checked(params: dict) -> str:
    if params.get("confirmed"):
        return _("Reply checked: “%(intent)s” confirmed") % {"intent": intent_label(params.get("to"))}
    text = _("Reply checked: “%(from)s” corrected to “%(to)s”") % {
        "from": intent_label(params.get("from")),
        "to": intent_label(params.get("to")),
    }
    if params.get("resumed"):
        text += " — " + _("messages to this person may go again")
    return text


def _where(text: str, params: dict) -> str:
    return f"{text} ({params['campaign_name']})" if params.get("campaign_name") else text


def reply_task(params: dict) -> str:
    name = {"name": params.get("name", "")}
    text = {
        "interested": _("Reply now: %(name)s said yes"),
        "more_info": _("Reply now: %(name)s asks for more information"),
        "slot_choice": _("Reply now: %(name)s chose an interview slot"),
    }.get(params.get("intent"), _("Reply now: %(name)s"))
    return _where(text % name, params)


def referral_task(params: dict) -> str:
    return _where(_("Follow up the person %(name)s recommended") % {"name": params.get("name", "")}, params)


def message_written(params: dict) -> str:
    return _("Email written from %(mailbox)s: %(text)s") % {
        "mailbox": params.get("from", ""),
        "text": params.get("subject") or params.get("text") or "",
    }


def register() -> None:
    timeline_kind("message_written", gettext_lazy("Message sent from the mailbox"))(message_written)
    timeline_kind(EventKind.MESSAGE_IN, gettext_lazy("Message received"))(message_in)
    timeline_kind(EventKind.RELABELLED, gettext_lazy("Reply relabelled"))(relabelled)
    timeline_kind(EventKind.TO_CHECK, gettext_lazy("Reply to check"))(to_check)
    timeline_kind(EventKind.CHECKED, gettext_lazy("Reply checked"))(checked)
    task_kind("reply")(reply_task)
    task_kind("referral")(referral_task)
