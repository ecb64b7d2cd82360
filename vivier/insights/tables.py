"""The Results tab's tables as plain rows, headers in the reader's language: what the CSV and XLSX exports
write (numbers stay numbers, rates are fractions between 0 and 1, as in the JSON)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from vivier.lib import tz as tzlib
from vivier.sequences.models import Campaign

from . import text
from .selectors import campaign_figures, campaign_reason_replies, campaign_reply_curve, campaign_reply_hours

TABLES = ("steps", "replies", "reasons", "time", "curve", "hours")
VERBATIM_LENGTH = 1000


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def _ci(ci: list[float] | None) -> list[float | None]:
    return [round(ci[0], 4), round(ci[1], 4)] if ci else [None, None]


def _fraction(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _rate_headers(rate: str) -> list[str]:
    return [rate, _("95 % interval, low"), _("95 % interval, high"), _("Fewer than 20 people")]


def _rate_cells(value: float | None, ci: list[float] | None, small: bool) -> list[Any]:
    return [_fraction(value), *_ci(ci), _("yes") if small else _("no")]


def steps_table(f: dict[str, Any]) -> Table:
    table = Table(
        "steps",
        _("Response rate by step"),
        [
            _("Step"),
            _("Name"),
            pgettext("insights column", "Sent"),
            pgettext("insights column", "Replied"),
            *_rate_headers(_("Response rate")),
            pgettext("insights column", "Bounced"),
            pgettext("insights column", "Unsubscribed"),
        ],
    )
    for s in f["steps"]:
        table.rows.append(
            [
                s["step"],
                text.step_name(s["step"]),
                s["sent"],
                s["replied"],
                *_rate_cells(s["response_rate"], s["response_rate_ci"], s["small_sample"]),
                s["bounced"],
                s["unsubscribed"],
            ]
        )
    return table


def replies_table(f: dict[str, Any]) -> Table:
    table = Table("replies", _("Replies"), [_("Figure"), _("Count"), _("Out of"), *_rate_headers(_("Rate"))])
    table.rows.append([_("Enrolled"), f["enrolled"], None, None, None, None, None])
    table.rows.append(
        [pgettext("insights column", "Contacted"), f["contacted"], f["enrolled"], None, None, None, None]
    )
    for label, name, k, n in (
        (_("Overall response rate (any reply)"), "response_rate", f["replied"], f["contacted"]),
        (_("Positive replies (of all replies)"), "positive_share", f["positive"], f["replied"]),
        (_("Negative replies (of all replies)"), "negative_share", f["negative"], f["replied"]),
        (_("Positive replies (of contacted)"), "positive_rate", f["positive"], f["contacted"]),
    ):
        table.rows.append([label, k, n, *_rate_cells(f[name], f[f"{name}_ci"], f[f"{name}_small_sample"])])
    neutral = f["replied"] - f["positive"] - f["negative"]
    table.rows.append([_("Neither (later, referral, other)"), neutral, f["replied"], None, None, None, None])
    return table


def reasons_table(f: dict[str, Any]) -> Table:
    table = Table("reasons", _("Reasons for no"), [_("Reason code"), _("Reason"), _("Candidates")])
    table.rows += [[code, text.reason_name(code), n] for code, n in f["reasons"].items()]
    return table


def time_table(f: dict[str, Any]) -> Table:
    table = Table("time", _("Time to reply"), [_("Measure"), _("Hours")])
    table.rows.append([_("Median"), f["time_to_reply"]["median_hours"]])
    table.rows.append([_("75th percentile"), f["time_to_reply"]["p75_hours"]])
    return table


def curve_table(curve: dict[str, Any]) -> Table:
    steps = list(curve["steps"])
    table = Table(
        "curve",
        _("Cumulative replies by day since the first message, per step"),
        [_("Day"), *[text.step_name(step) for step in steps]],
    )
    table.rows += [[day, *[curve["steps"][step][day] for step in steps]] for day in curve["days"]]
    return table


def hours_table(grid: list[list[int]]) -> Table:
    table = Table(
        "hours",
        _("Replies by weekday and hour, in the candidate's time zone"),
        [_("Weekday"), *[_("%(h)s h") % {"h": h} for h in range(24)]],
    )
    table.rows += [[str(WEEKDAYS_ABBR[d]), *grid[d]] for d in range(7)]
    return table


def campaign_tables(campaign: Campaign) -> list[Table]:
    f = campaign_figures(campaign)
    return [
        steps_table(f),
        replies_table(f),
        reasons_table(f),
        time_table(f),
        curve_table(campaign_reply_curve(campaign)),
        hours_table(campaign_reply_hours(campaign)),
    ]


def trimmed(value: str) -> str:
    """What the candidate wrote on one line, cut at ``VERBATIM_LENGTH`` characters."""
    flat = re.sub(r"\s+", " ", value or "").strip()
    return flat if len(flat) <= VERBATIM_LENGTH else flat[: VERBATIM_LENGTH - 1].rstrip() + "…"


def verbatims(campaign: Campaign, code: str) -> list[dict[str, Any]]:
    """The replies behind one decline reason, as the page lists them."""
    zone = tzlib.zone(campaign.team.time_zone)
    return [
        {
            "reply": reply,
            "candidate": reply.candidate,
            "name": reply.candidate.full_name if reply.candidate else "",
            "email": reply.inbound.from_address,
            "received_at": timezone.localtime(reply.received_at, zone),
            "text": trimmed(reply.inbound.visible_text or reply.inbound.text),
        }
        for reply in campaign_reason_replies(campaign, code)
    ]


def verbatims_table(campaign: Campaign, code: str, link) -> Table:
    """``link(candidate)`` is the candidate's page as an absolute address (for a hiring manager's sheet)."""
    table = Table(
        "verbatims",
        _("Reason for no: %(reason)s") % {"reason": text.reason_name(code)},
        [_("Candidate"), _("Email"), _("Date"), _("Reason"), _("What they wrote"), _("Candidate page")],
    )
    for row in verbatims(campaign, code):
        table.rows.append(
            [
                row["name"],
                row["email"],
                row["received_at"].strftime("%Y-%m-%d %H:%M"),
                text.reason_name(code),
                row["text"],
                link(row["candidate"]) if row["candidate"] else "",
            ]
        )
    return table


def breakdown_title(by: str) -> str:
    return {
        "sequence": _("By sequence"),
        "job": _("By job"),
        "recruiter": _("By recruiter"),
        "segment": _("By segment"),
        "month": _("By month of the first message"),
    }[by]


def labelled_breakdown(team, by: str, *, since=None, rows=None) -> list[dict[str, Any]]:
    """``team_breakdown`` rows, each with the ``label`` a recruiter reads (a name, a job title, a month)."""
    from django.contrib.auth import get_user_model
    from django.utils import formats

    from vivier.jobs.models import Job
    from vivier.sequences.models import Sequence

    from .selectors import team_breakdown

    if rows is None:
        rows = team_breakdown(team, by, since=since)
    keys = [row["key"] for row in rows if row["key"] is not None]
    names: dict[Any, str] = {}
    if by == "sequence":
        names = dict(Sequence.objects.filter(team=team, pk__in=keys).values_list("pk", "name"))
    elif by == "job":
        names = dict(Job.objects.filter(team=team, pk__in=keys).values_list("pk", "title"))
    elif by == "recruiter":
        names = {
            u.pk: u.get_full_name() or u.get_username() for u in get_user_model().objects.filter(pk__in=keys)
        }
    zone = tzlib.zone(team.time_zone)
    missing = {
        "job": _("No job"),
        "recruiter": _("No owner"),
        "segment": _("Chosen by hand"),
        "sequence": "—",
        "month": "—",
    }[by]
    for row in rows:
        key = row["key"]
        if key is None or key == "":
            row["label"] = missing
        elif by == "month":
            row["label"] = formats.date_format(timezone.localtime(key, zone), "YEAR_MONTH_FORMAT")
        elif by == "segment":
            row["label"] = key
        else:
            row["label"] = names.get(key, "—")
        row["cells"] = {
            name: text.rate_with_count(row[name], row[k], row[n])
            for name, k, n in (
                ("response_rate", "replied", "contacted"),
                ("positive_rate", "positive", "contacted"),
                ("negative_share", "negative", "replied"),
            )
        }
        row["ranges"] = {
            name: text.interval_range(row[f"{name}_ci"])
            for name in ("response_rate", "positive_rate", "negative_share")
        }
    return rows


def breakdown_table(by: str, rows: list[dict[str, Any]]) -> Table:
    """A ``labelled_breakdown`` as a table."""
    table = Table(
        by,
        breakdown_title(by),
        [
            _("Group"),
            pgettext("insights column", "Contacted"),
            pgettext("insights column", "Replied"),
            *_rate_headers(_("Response rate")),
            _("Positive"),
            _("Positive replies (of contacted)"),
            _("Negative"),
            _("Negative replies (of all replies)"),
        ],
    )
    for r in rows:
        table.rows.append(
            [
                r["label"],
                r["contacted"],
                r["replied"],
                *_rate_cells(r["response_rate"], r["response_rate_ci"], r["response_rate_small_sample"]),
                r["positive"],
                _fraction(r["positive_rate"]),
                r["negative"],
                _fraction(r["negative_share"]),
            ]
        )
    return table


def sequence_steps_table(sequences: list[dict[str, Any]]) -> Table:
    """``team_sequence_steps`` as one table, a row per sequence and step."""
    table = Table(
        "steps",
        _("Which follow-up earns its keep?"),
        [
            _("Sequence"),
            _("Step"),
            _("Name"),
            pgettext("insights column", "Sent"),
            pgettext("insights column", "Replied"),
            *_rate_headers(_("Response rate")),
            _("Share of the sequence's replies"),
            pgettext("insights column", "Unsubscribed"),
            _("Unsubscribe rate"),
        ],
    )
    for item in sequences:
        for s in item["steps"]:
            table.rows.append(
                [
                    item["sequence"].name,
                    s["step"],
                    text.step_name(s["step"]),
                    s["sent"],
                    s["replied"],
                    *_rate_cells(s["response_rate"], s["response_rate_ci"], s["small_sample"]),
                    _fraction(s["share_of_replies"]),
                    s["unsubscribed"],
                    _fraction(s["unsubscribe_rate"]),
                ]
            )
    return table
