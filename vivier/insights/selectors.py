"""Campaign figures: how many were contacted, who answered, after which step, yes or no, and how fast.

Insights only reads. The figures of a campaign, of a sequence across its campaigns and of a team (optionally
since a date) are the same object, whose keys are a contract (the CLI's ``--json`` and the API print it):

``enrolled``, ``contacted``, ``replied``, ``response_rate``, ``positive``, ``negative``, ``positive_share``,
``negative_share``, ``positive_rate``, ``reasons``, ``steps``, ``time_to_reply``, ``funnel``.

Rates are fractions between 0 and 1, ``None`` when the denominator is 0. Each rate ``<name>`` comes with
``<name>_ci`` (the 95 % Wilson interval ``[low, high]``, ``None`` with the rate) and ``<name>_small_sample``
(True when the denominator is under ``SMALL_SAMPLE`` people: show the count, not a confident percentage).
Every object holding rates (the figures and each step) also carries ``small_sample`` for its own base
(``contacted`` for the figures, ``sent`` for a step), so one flag answers "can I trust these?".

Definitions:

- a step is *sent* to a candidate when its email was handed over (``sent``, or ``bounced``: a refusal or a
  later bounce still means it went out; ``unknown``, ``failed``, ``scheduled`` and ``cancelled`` were not
  sent), or, for a LinkedIn or call step, when its task was done. Its moment is ``sent_at`` (the row's
  ``created_at`` for an email refused at once, which never got a ``sent_at``), or the task's ``done_at``;
- a *human reply* is a reply whose effective label (``Reply.intent``: the recruiter's correction when there
  is one) is neither ``out_of_office`` nor ``bounce``; a candidate's *first reply* is the earliest one;
- a step is *replied* for a candidate when the first reply came after that step was sent and before the
  next step was; ``bounced`` and ``unsubscribed`` are attributed the same way, from the moment the
  enrollment ended bounced or unsubscribed (an email refused at send time counts for its own step);
- ``positive``: the first reply is interested, more_info or slot_choice; ``negative``: not_interested or
  unsubscribe; ``reasons`` counts the decline reason codes of the negative first replies (those without a
  reason are not in it);
- ``time_to_reply``: median and 75th percentile, in hours, from the step a first reply answers (as
  attributed above) to that reply.

How it is counted: one aggregate query over the enrollments, each annotated by correlated subqueries with
its first sent moment and its first human reply (moment, label, reason); one grouped query per kind of step
(emails, tasks) where each sent step is annotated with the moment of the next step sent to the same
enrollment and the enrollment's first reply, then counted per position with conditional ``Count``s. Only the
answered steps' two moments are read back to compute the percentiles (one row per replied candidate).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractHour, ExtractIsoWeekDay, Least, TruncMonth

from vivier.accounts.models import Team
from vivier.lib import stats
from vivier.lib import tz as tzlib
from vivier.replies.models import Reply
from vivier.replies.services import NOT_HUMAN
from vivier.sequences.models import Campaign, Enrollment, OutboundMessage, Sequence, Step, Task

SMALL_SAMPLE = 20
POSITIVE = ("interested", "more_info", "slot_choice")
NEGATIVE = ("not_interested", "unsubscribe")
SENT_STATUSES = (OutboundMessage.Status.SENT, OutboundMessage.Status.BOUNCED)
TASK_STEPS = (Task.Kind.LINKEDIN, Task.Kind.CALL)


def campaign_figures(campaign: Campaign) -> dict[str, Any]:
    """The figures of one campaign (its sequence's steps, even those nobody has reached yet)."""
    return _figures(
        Enrollment.objects.filter(campaign=campaign),
        step_count=Step.objects.filter(sequence_id=campaign.sequence_id).count(),
    )


def sequence_figures(sequence: Sequence) -> dict[str, Any]:
    """The figures of a sequence across all its campaigns."""
    return _figures(
        Enrollment.objects.filter(campaign__sequence=sequence),
        step_count=Step.objects.filter(sequence=sequence).count(),
    )


def team_figures(team: Team, *, since: dt.datetime | None = None) -> dict[str, Any]:
    """The figures of every campaign of a team; with ``since``, of the candidates enrolled from then on.
    Steps are numbered by position across sequences (step 1 is every sequence's first message)."""
    enrollments = Enrollment.objects.filter(team=team)
    if since is not None:
        enrollments = enrollments.filter(created_at__gte=since)
    longest = Step.objects.filter(sequence__campaigns__team=team).aggregate(top=Max("position"))["top"]
    return _figures(enrollments, step_count=0 if longest is None else longest + 1)


# --- Counting -----------------------------------------------------------------------------------------


def _human_replies() -> QuerySet:
    return Reply.objects.exclude(intent__in=NOT_HUMAN).order_by("received_at", "id")


def _first_reply(field: str, enrollment_ref: str) -> Subquery:
    return Subquery(_human_replies().filter(enrollment_id=OuterRef(enrollment_ref)).values(field)[:1])


def _sent_messages() -> QuerySet:
    return OutboundMessage.objects.filter(
        kind=OutboundMessage.Kind.SEQUENCE_STEP, status__in=SENT_STATUSES, position__isnull=False
    )


def _done_tasks() -> QuerySet:
    return Task.objects.filter(kind__in=TASK_STEPS, position__isnull=False, done_at__isnull=False)


def _first_of(subqueries: list[Subquery]) -> Any:
    """The earliest non-null of two moments (SQLite's LEAST is NULL when one argument is)."""
    a, b = subqueries
    return Least(Coalesce(a, b), Coalesce(b, a))


def _step_moment(after_position: str | None) -> list[Subquery]:
    """Two subqueries (emails, tasks) for a moment a step was sent: without ``after_position``, the first step
    sent to the outer enrollment; with it, the next step sent to the outer sent step's enrollment."""
    messages = _sent_messages().filter(enrollment_id=OuterRef("enrollment_id" if after_position else "pk"))
    tasks = _done_tasks().filter(enrollment_id=OuterRef("enrollment_id" if after_position else "pk"))
    if after_position:
        messages = messages.filter(position__gt=OuterRef(after_position))
        tasks = tasks.filter(position__gt=OuterRef(after_position))
    return [
        Subquery(
            messages.annotate(moment=Coalesce("sent_at", "created_at"))
            .order_by("position")
            .values("moment")[:1]
        ),
        Subquery(tasks.order_by("position").values("done_at")[:1]),
    ]


def _totals(enrollments: QuerySet) -> tuple[dict[str, int], dict[str, int]]:
    rows = enrollments.annotate(
        first_sent_at=_first_of(_step_moment(None)),
        first_reply_at=_first_reply("received_at", "pk"),
        first_intent=_first_reply("intent", "pk"),
        first_reason=_first_reply("reason", "pk"),
    )
    contacted = Q(first_sent_at__isnull=False)
    replied = contacted & Q(first_reply_at__isnull=False)
    totals = rows.aggregate(
        enrolled=Count("pk"),
        contacted=Count("pk", filter=contacted),
        replied=Count("pk", filter=replied),
        positive=Count("pk", filter=replied & Q(first_intent__in=POSITIVE)),
        negative=Count("pk", filter=replied & Q(first_intent__in=NEGATIVE)),
    )
    reasons = (
        rows.filter(replied, first_intent__in=NEGATIVE)
        .exclude(first_reason="")
        .exclude(first_reason__isnull=True)
        .values("first_reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "first_reason")
    )
    return totals, {r["first_reason"]: r["n"] for r in reasons}


def _step_rows(sent: QuerySet, moment: Any, enrollments: QuerySet) -> tuple[QuerySet, Q, Any]:
    rows = (
        sent.filter(enrollment__in=enrollments)
        .annotate(
            moment=moment,
            next_moment=_first_of(_step_moment("position")),
            first_reply_at=_first_reply("received_at", "enrollment_id"),
        )
        .annotate(
            ended_at=F("enrollment__state_changed_at"),
            ended=F("enrollment__state"),
        )
    )

    def within(field: str) -> Q:
        return Q(**{f"{field}__gte": F("moment")}) & (
            Q(next_moment__isnull=True) | Q(**{f"{field}__lt": F("next_moment")})
        )

    return rows, within("first_reply_at"), within


def _steps(enrollments: QuerySet, group: str | None = None) -> tuple[dict[Any, dict[str, int]], list[float]]:
    """Counts per step position; with ``group`` (a field path from the sent row), per (group value,
    position)."""
    counts: dict[Any, dict[str, int]] = {}
    hours: list[float] = []
    kinds = [
        (_sent_messages(), Coalesce("sent_at", "created_at"), Q(status=OutboundMessage.Status.BOUNCED)),
        (_done_tasks(), F("done_at"), Q(pk__in=[])),
    ]
    for sent, moment, refused in kinds:
        rows, answered, within = _step_rows(sent, moment, enrollments)
        keys = ("position",) if group is None else (group, "position")
        grouped = (
            rows.values(*keys)
            .annotate(
                sent=Count("enrollment_id", distinct=True),
                replied=Count("enrollment_id", distinct=True, filter=answered),
                bounced=Count(
                    "enrollment_id",
                    distinct=True,
                    filter=refused | (Q(ended=Enrollment.State.BOUNCED) & within("ended_at")),
                ),
                unsubscribed=Count(
                    "enrollment_id",
                    distinct=True,
                    filter=Q(ended=Enrollment.State.UNSUBSCRIBED) & within("ended_at"),
                ),
            )
            .order_by(*keys)
        )
        for row in grouped:
            key = row["position"] if group is None else (row[group], row["position"])
            step = counts.setdefault(key, dict.fromkeys(("sent", "replied", "bounced", "unsubscribed"), 0))
            for key in step:
                step[key] += row[key]
        if group is not None:
            continue
        for sent_at, reply_at in rows.filter(answered).values_list("moment", "first_reply_at"):
            hours.append((reply_at - sent_at).total_seconds() / 3600)
    return counts, hours


def _rate(out: dict[str, Any], name: str, k: int, n: int) -> None:
    interval = stats.wilson(k, n)
    out[name] = stats.rate(k, n)
    out[f"{name}_ci"] = list(interval) if interval else None
    out[f"{name}_small_sample"] = n < SMALL_SAMPLE


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _step_list(per_step: dict[int, dict[str, int]], step_count: int) -> list[dict[str, Any]]:
    steps = []
    empty = dict.fromkeys(("sent", "replied", "bounced", "unsubscribed"), 0)
    for position in range(max(step_count, max(per_step, default=-1) + 1)):
        c = per_step.get(position, empty)
        step: dict[str, Any] = {"step": position + 1, "sent": c["sent"], "replied": c["replied"]}
        _rate(step, "response_rate", c["replied"], c["sent"])
        step.update(
            bounced=c["bounced"], unsubscribed=c["unsubscribed"], small_sample=c["sent"] < SMALL_SAMPLE
        )
        step["variants"] = []
        steps.append(step)
    return steps


def _figures(enrollments: QuerySet, *, step_count: int) -> dict[str, Any]:
    totals, reasons = _totals(enrollments)
    per_step, hours = _steps(enrollments)
    contacted, replied = totals["contacted"], totals["replied"]
    out: dict[str, Any] = {
        "enrolled": totals["enrolled"],
        "contacted": contacted,
        "replied": replied,
    }
    _rate(out, "response_rate", replied, contacted)
    out["positive"], out["negative"] = totals["positive"], totals["negative"]
    _rate(out, "positive_share", totals["positive"], replied)
    _rate(out, "negative_share", totals["negative"], replied)
    _rate(out, "positive_rate", totals["positive"], contacted)
    out["small_sample"] = contacted < SMALL_SAMPLE
    out["reasons"] = reasons
    out["steps"] = _step_list(per_step, step_count)
    out["time_to_reply"] = {
        "median_hours": _hours(stats.quantile(hours, 0.5)),
        "p75_hours": _hours(stats.quantile(hours, 0.75)),
    }
    out["funnel"] = None
    return out


def campaign_reply_curve(campaign: Campaign) -> dict[str, Any]:
    """Cumulative first replies per step by day since the campaign's first message: ``{"days": [0..n],
    "steps": {step number: [count by the end of day 0, 1, ...]}}``. Reads one row per replied candidate (the
    same attribution as the figures) and the campaign's first sent moment (an aggregate)."""
    enrollments = Enrollment.objects.filter(campaign=campaign)
    answered: list[tuple[int, dt.datetime]] = []
    origins = []
    for sent, moment in (
        (_sent_messages(), Coalesce("sent_at", "created_at")),
        (_done_tasks(), F("done_at")),
    ):
        rows, replied, _within = _step_rows(sent, moment, enrollments)
        origins.append(rows.aggregate(first=Min("moment"))["first"])
        answered += list(rows.filter(replied).values_list("position", "first_reply_at"))
    origin = min((o for o in origins if o is not None), default=None)
    if origin is None:
        return {"days": [], "steps": {}}
    day_of = [(position, int((at - origin).total_seconds() // 86400)) for position, at in answered]
    last = max((day for _, day in day_of), default=0)
    curve = {}
    for position in sorted({p for p, _ in day_of}):
        per_day = [0] * (last + 1)
        for p, day in day_of:
            if p == position:
                per_day[day] += 1
        running, total = [], 0
        for n in per_day:
            total += n
            running.append(total)
        curve[position + 1] = running
    return {"days": list(range(last + 1)), "steps": curve}


def campaign_reply_hours(campaign: Campaign) -> list[list[int]]:
    """Human replies by weekday (Monday first) x hour, in each candidate's own time zone (the team's when
    unknown): one grouped count per distinct candidate time zone among the campaign's repliers."""
    replies = _human_replies().filter(enrollment__campaign=campaign).order_by()
    grid = [[0] * 24 for _ in range(7)]
    names = replies.values_list("candidate__time_zone", flat=True).distinct()
    for name in names:
        zone = tzlib.zone(name, campaign.team.time_zone)
        counts = (
            replies.filter(candidate__time_zone=name)
            .annotate(
                weekday=ExtractIsoWeekDay("received_at", tzinfo=zone),
                hour=ExtractHour("received_at", tzinfo=zone),
            )
            .values("weekday", "hour")
            .annotate(n=Count("pk"))
        )
        for row in counts:
            grid[row["weekday"] - 1][row["hour"]] += row["n"]
    return grid


def campaign_reason_replies(campaign: Campaign, code: str) -> QuerySet:
    """The replies counted under decline reason ``code`` in the campaign's ``reasons``: the negative first
    human replies of contacted candidates whose effective reason is ``code``, oldest first."""
    firsts = (
        Enrollment.objects.filter(campaign=campaign)
        .annotate(
            first_sent_at=_first_of(_step_moment(None)),
            first_reply_id=_first_reply("pk", "pk"),
            first_intent=_first_reply("intent", "pk"),
            first_reason=_first_reply("reason", "pk"),
        )
        .filter(
            first_sent_at__isnull=False,
            first_reply_id__isnull=False,
            first_intent__in=NEGATIVE,
            first_reason=code,
        )
        .values("first_reply_id")
    )
    return (
        Reply.objects.filter(pk__in=firsts)
        .select_related("candidate", "inbound")
        .order_by("received_at", "id")
    )


# --- Across campaigns ---------------------------------------------------------------------------------

BREAKDOWNS = ("sequence", "job", "recruiter", "segment", "month")


def _team_enrollments(team: Team, since: dt.datetime | None) -> QuerySet:
    enrollments = Enrollment.objects.filter(team=team)
    return enrollments if since is None else enrollments.filter(created_at__gte=since)


def team_breakdown(team: Team, by: str, *, since: dt.datetime | None = None) -> list[dict[str, Any]]:
    """The team's contacted candidates side by side, one row per sequence, job, recruiter (the campaign's
    owner), segment (the campaign's segment query) or month (of the candidate's first message, in the team's
    time zone): ``key``, ``contacted``, ``replied``, ``response_rate``, ``positive``, ``positive_rate``,
    ``negative``, ``negative_share`` (with ``_ci`` and ``_small_sample`` as in the figures). The same
    definitions as ``campaign_figures``."""
    return team_breakdowns(team, since=since)[by]


def team_breakdowns(team: Team, *, since: dt.datetime | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every breakdown of ``team_breakdown`` from one grouped query (by campaign and month: a few rows per
    campaign), summed here per sequence, job, recruiter, segment and month."""
    keys = {
        "sequence": F("campaign__sequence_id"),
        "job": F("campaign__job_id"),
        "recruiter": F("campaign__owner_id"),
        "segment": F("campaign__segment_query"),
        "month": TruncMonth("first_sent_at", tzinfo=tzlib.zone(team.time_zone)),
    }
    rows = (
        _team_enrollments(team, since)
        .annotate(
            first_sent_at=_first_of(_step_moment(None)),
            first_reply_at=_first_reply("received_at", "pk"),
            first_intent=_first_reply("intent", "pk"),
        )
        .filter(first_sent_at__isnull=False)
        .annotate(**{f"by_{name}": key for name, key in keys.items()})
        .values(*(f"by_{name}" for name in keys))
        .annotate(
            contacted=Count("pk"),
            replied=Count("pk", filter=Q(first_reply_at__isnull=False)),
            positive=Count("pk", filter=Q(first_reply_at__isnull=False, first_intent__in=POSITIVE)),
            negative=Count("pk", filter=Q(first_reply_at__isnull=False, first_intent__in=NEGATIVE)),
        )
        .order_by()
    )
    counted = ("contacted", "replied", "positive", "negative")
    sums: dict[str, dict[Any, dict[str, int]]] = {name: {} for name in keys}
    for row in rows:
        for name in keys:
            total = sums[name].setdefault(row[f"by_{name}"], dict.fromkeys(counted, 0))
            for field in counted:
                total[field] += row[field]
    out: dict[str, list[dict[str, Any]]] = {}
    for name, groups in sums.items():
        out[name] = []
        for key in sorted(groups, key=lambda k: (k is None, k if k is not None else 0)):
            c = groups[key]
            item: dict[str, Any] = {"key": key, "contacted": c["contacted"], "replied": c["replied"]}
            _rate(item, "response_rate", c["replied"], c["contacted"])
            item["positive"] = c["positive"]
            _rate(item, "positive_rate", c["positive"], c["contacted"])
            item["negative"] = c["negative"]
            _rate(item, "negative_share", c["negative"], c["replied"])
            item["small_sample"] = c["contacted"] < SMALL_SAMPLE
            out[name].append(item)
    return out


def team_sequence_steps(team: Team, *, since: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Each sequence the team used, with its steps' figures across its campaigns (as in ``steps``) and, per
    step, ``unsubscribe_rate`` (unsubscribed / sent) and ``share_of_replies`` (its replies out of all the
    sequence's attributed replies): what each follow-up earns, and what it costs."""
    per, _hours = _steps(_team_enrollments(team, since), group="enrollment__campaign__sequence_id")
    sequences = Sequence.objects.filter(pk__in={sequence for sequence, _ in per}).annotate(
        step_count=Count("steps", distinct=True)
    )
    out = []
    for sequence in sorted(sequences, key=lambda s: s.name.lower()):
        steps = _step_list({p: c for (s, p), c in per.items() if s == sequence.pk}, sequence.step_count)
        total = sum(step["replied"] for step in steps)
        for step in steps:
            _rate(step, "unsubscribe_rate", step["unsubscribed"], step["sent"])
            _rate(step, "share_of_replies", step["replied"], total)
        out.append({"sequence": sequence, "replied": total, "steps": steps})
    return out
