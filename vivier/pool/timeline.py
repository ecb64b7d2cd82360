"""How each kind of timeline event reads, in the reader's language.

An event stores a ``kind`` and ``params`` (ids, codes, values), never a sentence: the sentence is written when
the event is shown, with the language active then. Each app registers the kinds it writes from its
``AppConfig.ready()`` (pool its own below), so that pool never imports the apps that write on its timeline.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

Renderer = Callable[[dict], str]

_KINDS: dict[str, tuple[object, Renderer]] = {}


def timeline_kind(kind: str, label) -> Callable[[Renderer], Renderer]:
    """Register how events of ``kind`` read (``label`` is the badge, a lazy translation)."""

    def register(render: Renderer) -> Renderer:
        _KINDS[kind] = (label, render)
        return render

    return register


def kind_label(kind: str) -> str:
    entry = _KINDS.get(kind)
    return str(entry[0]) if entry else kind


def event_text(event) -> str:
    """The event's sentence in the active language."""
    return render(event.kind, event.params)


def render(kind: str, params: dict | None) -> str:
    entry = _KINDS.get(kind)
    if entry is None:
        return ""
    return entry[1](params if isinstance(params, dict) else {})


def kinds() -> list[str]:
    return sorted(_KINDS)


# --- Pool's own kinds ------------------------------------------------------------------------------


def _field(name: str) -> str:
    from .services import field_label

    return field_label(name.split(".")[-1] if name.startswith("custom_fields.") else name)


def _source(params: dict) -> str:
    return str(params.get("source") or params.get("file") or "")


@timeline_kind("created", gettext_lazy("Created"))
def _created(params: dict) -> str:
    return _("Added by hand") if params.get("how") == "manual" else _("Added")


@timeline_kind("imported", gettext_lazy("Imported"))
def _imported(params: dict) -> str:
    values = {"source": _source(params), "row": params.get("row")}
    text = (
        _("Imported from %(source)s (row %(row)s)") % values
        if params.get("row") is not None
        else _("Imported from %(source)s") % values
    )
    if params.get("job"):
        text += " " + _("(application: %(job)s)") % {"job": params["job"]}
    if params.get("referrer"):
        text += " " + _("(referred by %(name)s)") % {"name": params["referrer"]}
    return text


@timeline_kind("merged", gettext_lazy("Merged"))
def _merged(params: dict) -> str:
    if params.get("other_name"):
        return _("Merged with %(name)s") % {"name": params["other_name"]}
    text = _("Merged from %(source)s (row %(row)s)") % {"source": _source(params), "row": params.get("row")}
    added = params.get("added") if isinstance(params.get("added"), dict) else {}
    what = "; ".join(f"{_added_label(name)}: {', '.join(map(str, values))}" for name, values in added.items())
    return f"{text}: {what}" if what else text


def _added_label(name: str) -> str:
    return str(_("sources")) if name == "sources" else _field(name)


@timeline_kind("edited", gettext_lazy("Edited"))
def _edited(params: dict) -> str:
    changes = params.get("changes") if isinstance(params.get("changes"), dict) else {}
    return _("Edited: %(fields)s") % {"fields": ", ".join(_field(name) for name in changes)}


@timeline_kind("note", gettext_lazy("Note"))
def _note(params: dict) -> str:
    return str(params.get("body") or "")


@timeline_kind("conflict", gettext_lazy("Conflicting value kept"))
def _conflict(params: dict) -> str:
    field = _field(str(params.get("field") or ""))
    if "incoming" in params:  # an import row disagreed with the profile, which keeps its value
        return _("Conflicting %(field)s kept aside: %(incoming)s (the profile keeps %(current)s)") % {
            "field": field,
            "incoming": params.get("incoming"),
            "current": params.get("current"),
        }
    return _("%(field)s: kept “%(kept)s”, the merged record said “%(other)s”") % {
        "field": field,
        "kept": params.get("kept"),
        "other": params.get("other"),
    }


@timeline_kind("consent", gettext_lazy("Consent"))
def _consent(params: dict) -> str:
    if params.get("via"):
        return _("Consent recorded (%(via)s)") % {"via": params["via"]}
    return _("Consent recorded")
