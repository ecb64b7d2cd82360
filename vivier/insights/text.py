"""How figures read to a person: "12 % · 9/75", step names, intervals; shared by the CLI and the pages."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from vivier.replies.history import decline_reason_label


def step_name(number: int) -> str:
    """Step 1 is the first message; the next ones are follow-ups (the recruiter's own words)."""
    if number == 1:
        return _("First message")
    if number == 2:
        return _("First follow-up")
    return _("Follow-up %(n)d") % {"n": number - 1}


def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{round(value * 100):d} %"


def rate_with_count(value: float | None, k: int, n: int) -> str:
    """ "12 % · 9/75" (the count is always shown: a percentage alone hides how few people it is)."""
    return f"{percent(value)} · {k}/{n}"


def interval(ci: list[float] | None) -> str:
    if not ci:
        return ""
    return _("95 %% interval: %(low)s–%(high)s") % {"low": percent(ci[0]), "high": percent(ci[1])}


def interval_range(ci: list[float] | None) -> str:
    """The interval alone ("3 %–56 %"), under a column that already says what it is."""
    return f"{percent(ci[0])}–{percent(ci[1])}" if ci else ""


def small_sample_note(small: bool) -> str:
    return _("fewer than 20 people: a rough indication") if small else ""


def hours(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 48:
        return _("%(n)s h") % {"n": _number(value)}
    return _("%(n)s days") % {"n": _number(value / 24)}


def _number(value: float) -> str:
    """One decimal at most, with the language's decimal separator ("23,5" in French)."""
    return formats.number_format(round(value, 1), decimal_pos=0 if value == int(value) else 1)


def reason_name(code: str) -> str:
    """A decline reason code (REPLIES.md) as the recruiter reads it."""
    return decline_reason_label(code)
