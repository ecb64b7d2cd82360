"""The campaign's Results tab: the figures of ``selectors`` as tables, each with an SVG chart beside it."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from vivier.accounts.access import require_team
from vivier.lib import svgchart
from vivier.lib import tz as tzlib
from vivier.sequences.models import Campaign

from . import exporting, tables, text
from .selectors import (
    BREAKDOWNS,
    campaign_figures,
    campaign_reply_curve,
    campaign_reply_hours,
    team_breakdowns,
    team_sequence_steps,
)


def _rate_row(label: str, value, ci, small: bool, k: int, n: int) -> dict:
    return {
        "label": label,
        "shown": text.rate_with_count(value, k, n),
        "interval": text.interval(ci),
        "range": text.interval_range(ci),
        "small": small and n > 0,
        "value": value,
    }


def _changes(curve: dict) -> list[tuple[int, list[int]]]:
    """The curve's table: only the days on which a count moved (a month of identical rows says nothing)."""
    rows, previous = [], None
    for day in curve["days"]:
        counts = [values[day] for values in curve["steps"].values()]
        if counts != previous:
            rows.append((day, counts))
        previous = counts
    return rows


def _campaign(request, public_id) -> Campaign:
    team = require_team(request)
    return get_object_or_404(
        Campaign.objects.select_related("sequence", "team"), team=team, public_id=public_id
    )


FORMATS = ("csv", "xlsx")


def _file(content: bytes, name: str, fmt: str) -> HttpResponse:
    types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = HttpResponse(content, content_type=types[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def campaign_results(request, public_id):
    campaign = _campaign(request, public_id)
    f = campaign_figures(campaign)
    steps = [
        {
            **s,
            "name": text.step_name(s["step"]),
            "row": _rate_row(
                "", s["response_rate"], s["response_rate_ci"], s["small_sample"], s["replied"], s["sent"]
            ),
        }
        for s in f["steps"]
    ]
    rates = [
        _rate_row(
            _("Overall response rate (any reply)"),
            f["response_rate"],
            f["response_rate_ci"],
            f["response_rate_small_sample"],
            f["replied"],
            f["contacted"],
        ),
        _rate_row(
            _("Positive replies (of all replies)"),
            f["positive_share"],
            f["positive_share_ci"],
            f["positive_share_small_sample"],
            f["positive"],
            f["replied"],
        ),
        _rate_row(
            _("Negative replies (of all replies)"),
            f["negative_share"],
            f["negative_share_ci"],
            f["negative_share_small_sample"],
            f["negative"],
            f["replied"],
        ),
        _rate_row(
            _("Positive replies (of contacted)"),
            f["positive_rate"],
            f["positive_rate_ci"],
            f["positive_rate_small_sample"],
            f["positive"],
            f["contacted"],
        ),
    ]
    neutral = f["replied"] - f["positive"] - f["negative"]
    split = [
        (_("Positive"), _("Positive"), f["positive"]),
        (_("Negative"), _("Negative"), f["negative"]),
        (_("Neither (later, referral, other)"), _("Neither"), neutral),
    ]
    reasons = [(code, text.reason_name(code), n) for code, n in f["reasons"].items()]
    curve = campaign_reply_curve(campaign)
    hours_grid = campaign_reply_hours(campaign)
    weekdays = [str(WEEKDAYS_ABBR[d]) for d in range(7)]
    busy_hours = [h for h in range(24) if any(row[h] for row in hours_grid)]
    charts = {
        "steps": svgchart.bars(
            [s["response_rate"] for s in f["steps"]],
            [s["name"] for s in steps],
            title=_("Response rate by step"),
            notes=[s["row"]["shown"] for s in steps],
            maximum=1,
        ),
        "split": svgchart.bars(
            [n for *_labels, n in split],
            [short for _label, short, _n in split],
            title=_("Replies: positive, negative, neither"),
        ),
        "reasons": svgchart.bars(
            [n for *_names, n in reasons], [name for _code, name, _n in reasons], title=_("Reasons for no")
        )
        if reasons
        else "",
        "curve": svgchart.lines(
            [(text.step_name(step), values) for step, values in curve["steps"].items()],
            title=_("Cumulative replies by day since the first message, per step"),
            x_label=_("days since the first message"),
        )
        if curve["steps"]
        else "",
        "hours": svgchart.grid(
            hours_grid,
            weekdays,
            [str(h) for h in range(24)],
            title=_("Replies by weekday and hour, in the candidate's time zone"),
        )
        if busy_hours
        else "",
    }
    return render(
        request,
        "insights/campaign.html",
        {
            "campaign": campaign,
            "figures": f,
            "steps": steps,
            "rates": rates,
            "split": split,
            "reasons": reasons,
            "curve": curve,
            "curve_rows": _changes(curve),
            "curve_names": [text.step_name(step) for step in curve["steps"]],
            "busy_hours": busy_hours,
            "hours_rows": [(weekdays[d], [hours_grid[d][h] for h in busy_hours]) for d in range(7)],
            "charts": charts,
            "time_to_reply": {
                "median": text.hours(f["time_to_reply"]["median_hours"]),
                "p75": text.hours(f["time_to_reply"]["p75_hours"]),
            },
            "small_sample_note": text.small_sample_note(True),
        },
    )


@login_required
def campaign_export(request, public_id, table, fmt):
    """One table of the Results tab as CSV or XLSX; ``all`` is every table, one sheet each (XLSX only)."""
    campaign = _campaign(request, public_id)
    if fmt not in FORMATS or table not in (*tables.TABLES, "all") or (table == "all" and fmt != "xlsx"):
        raise Http404
    chosen = [t for t in tables.campaign_tables(campaign) if table in ("all", t.key)]
    name = f"results-{campaign.public_id}-{table}"
    if fmt == "csv":
        return _file(exporting.table_csv(chosen[0]), name, fmt)
    return _file(exporting.tables_xlsx(chosen), name, fmt)


def _reason(code: str) -> str:
    if not code.isidentifier():
        raise Http404
    return code


@login_required
def reason_replies(request, public_id, code):
    """What the candidates who declined for one reason wrote (the recruiter's "raisons du non-intérêt")."""
    campaign = _campaign(request, public_id)
    return render(
        request,
        "insights/reason.html",
        {
            "campaign": campaign,
            "code": _reason(code),
            "reason": text.reason_name(code),
            "rows": tables.verbatims(campaign, code),
        },
    )


@login_required
def reason_export(request, public_id, code, fmt):
    campaign = _campaign(request, public_id)
    if fmt not in FORMATS:
        raise Http404

    def link(candidate):
        return request.build_absolute_uri(reverse("pool:detail", args=[candidate.public_id]))

    table = tables.verbatims_table(campaign, _reason(code), link)
    name = f"reasons-{campaign.public_id}-{code}"
    if fmt == "csv":
        return _file(exporting.table_csv(table), name, fmt)
    return _file(exporting.tables_xlsx([table]), name, fmt)


def _since_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _since(team, value: str) -> dt.datetime | None:
    """``?since=YYYY-MM-DD``: candidates enrolled from that day on, in the team's time zone."""
    day = _since_date(value)
    return dt.datetime.combine(day, dt.time(0), tzinfo=tzlib.zone(team.time_zone)) if day else None


@login_required
def team_insights(request):
    """The team's campaigns compared: by sequence, job, recruiter, segment and month, and each sequence's
    steps with what each follow-up brings in replies and costs in unsubscribes."""
    team = require_team(request)
    since_date = _since_date(request.GET.get("since", ""))
    since = _since(team, request.GET.get("since", ""))
    counted = team_breakdowns(team, since=since)
    breakdowns = [
        {
            "by": by,
            "title": tables.breakdown_title(by),
            "rows": tables.labelled_breakdown(team, by, rows=counted[by]),
        }
        for by in BREAKDOWNS
    ]
    sequences = team_sequence_steps(team, since=since)
    for item in sequences:
        for step in item["steps"]:
            step["name"] = text.step_name(step["step"])
            step["shown"] = text.rate_with_count(step["response_rate"], step["replied"], step["sent"])
            step["range"] = text.interval_range(step["response_rate_ci"])
            step["share"] = text.rate_with_count(step["share_of_replies"], step["replied"], item["replied"])
            step["unsub"] = text.rate_with_count(step["unsubscribe_rate"], step["unsubscribed"], step["sent"])
            step["small"] = step["small_sample"] and step["sent"] > 0
    return render(
        request,
        "insights/team.html",
        {
            "breakdowns": breakdowns,
            "sequences": sequences,
            "since": since_date.isoformat() if since_date else "",
            "small_sample_note": text.small_sample_note(True),
        },
    )


@login_required
def team_export(request, table, fmt):
    """A table of the insights page as CSV or XLSX (``steps`` or a breakdown); ``all``: every one (XLSX)."""
    team = require_team(request)
    if fmt not in FORMATS or table not in ("steps", *BREAKDOWNS, "all") or (table == "all" and fmt != "xlsx"):
        raise Http404
    since = _since(team, request.GET.get("since", ""))
    chosen = []
    if table in ("all", "steps"):
        chosen.append(tables.sequence_steps_table(team_sequence_steps(team, since=since)))
    if table != "steps":
        counted = team_breakdowns(team, since=since)
        for by in BREAKDOWNS:
            if table in ("all", by):
                chosen.append(
                    tables.breakdown_table(by, tables.labelled_breakdown(team, by, rows=counted[by]))
                )
    name = f"insights-{table}"
    if fmt == "csv":
        return _file(exporting.table_csv(chosen[0]), name, fmt)
    return _file(exporting.tables_xlsx(chosen), name, fmt)
