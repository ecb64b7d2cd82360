"""`vivier insights campaign|sequence|team`: response rates per step, yes and no, reasons, time to reply.

vivier insights campaign "Python Lyon" [--json]     one campaign (id or exact name)
vivier insights sequence "Nurture 4 étapes"         a sequence across its campaigns
vivier insights team [--since 2026-01-01]           every campaign of the team
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from vivier.accounts import cli
from vivier.accounts.cli import NotFound, Refused, add_team_argument, dump, team_for_command
from vivier.insights import text
from vivier.insights.selectors import campaign_figures, sequence_figures, team_figures
from vivier.sequences.management.commands.campaign import find_campaign
from vivier.sequences.models import Sequence


def find_sequence(team, ref: str) -> Sequence:
    """A sequence by id (or the start of it, 4 characters or more) or exact name, as campaigns resolve."""
    qs = Sequence.objects.filter(team=team)
    found = list(qs.filter(public_id__startswith=ref)[:2]) if len(ref) >= 4 else []
    try:
        found = found or list(qs.filter(public_id=ref)[:2])
    except ValidationError:  # not a UUID
        pass
    found = found or list(qs.filter(name=ref)[:2])
    if not found:
        raise NotFound(f"no sequence {ref!r} (give its id or its name)")
    if len(found) > 1:
        raise Refused(f"{ref!r} matches several sequences: give the id")
    return found[0]


def parse_since(value: str) -> dt.datetime:
    """A date (midnight UTC) or an ISO-8601 instant with its offset."""
    try:
        if len(value) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(0), tzinfo=dt.UTC)
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise CommandError(f"--since must be a date (YYYY-MM-DD), got {value!r}", returncode=2) from exc
    if when.tzinfo is None:
        raise CommandError("--since needs a time zone offset when it has a time", returncode=2)
    return when.astimezone(dt.UTC)


def describe(title: str, f: dict) -> str:
    """The figures as the recruiter kept them by hand: per step, then global, negative and positive."""
    lines = [
        title,
        "  "
        + _("%(enrolled)d enrolled, %(contacted)d contacted, %(replied)d replied")
        % {"enrolled": f["enrolled"], "contacted": f["contacted"], "replied": f["replied"]},
    ]

    def line(label: str, value: str, notes: list[str]) -> str:
        notes = [n for n in notes if n]
        return (
            "  "
            + _("%(label)s: %(value)s") % {"label": label, "value": value}
            + (f"  ({'; '.join(notes)})" if notes else "")
        )

    for s in f["steps"]:
        notes = [text.interval(s["response_rate_ci"])]
        if s["bounced"]:
            notes.append(_("%(n)d bounced") % {"n": s["bounced"]})
        if s["unsubscribed"]:
            notes.append(_("%(n)d unsubscribed") % {"n": s["unsubscribed"]})
        notes.append(text.small_sample_note(s["small_sample"] and s["sent"] > 0))
        value = text.rate_with_count(s["response_rate"], s["replied"], s["sent"])
        lines.append(line(text.step_name(s["step"]), value, notes))
    for label, name, k, n in (
        (_("Overall response rate (any reply)"), "response_rate", f["replied"], f["contacted"]),
        (_("Negative replies (of all replies)"), "negative_share", f["negative"], f["replied"]),
        (_("Positive replies (of all replies)"), "positive_share", f["positive"], f["replied"]),
        (_("Positive replies (of contacted)"), "positive_rate", f["positive"], f["contacted"]),
    ):
        notes = [text.interval(f[f"{name}_ci"]), text.small_sample_note(f[f"{name}_small_sample"] and n > 0)]
        lines.append(line(label, text.rate_with_count(f[name], k, n), notes))
    if f["reasons"]:
        reasons = ", ".join(f"{code} {n}" for code, n in f["reasons"].items())
        lines.append(line(_("Reasons for no"), reasons, []))
    ttr = f["time_to_reply"]
    lines.append(
        line(
            _("Time to reply"),
            _("median %(median)s, 75 %% within %(p75)s")
            % {"median": text.hours(ttr["median_hours"]), "p75": text.hours(ttr["p75_hours"])},
            [],
        )
    )
    return "\n".join(lines)


class Command(cli.Command):
    group = "Campaigns"
    help = "Campaign figures: response rate per step, yes and no, reasons, time to reply."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        c = sub.add_parser("campaign", help="one campaign's figures")
        c.add_argument("campaign", help="campaign id or exact name")
        s = sub.add_parser("sequence", help="a sequence's figures across its campaigns")
        s.add_argument("sequence", help="sequence id or exact name")
        t = sub.add_parser("team", help="the team's figures across every campaign")
        t.add_argument("--since", help="only candidates enrolled from this date (YYYY-MM-DD, UTC)")
        for p in (c, s, t):
            p.add_argument("--json", action="store_true", help="print one JSON object")
            add_team_argument(p)

    def handle(self, *args, action, team=None, **o):
        # The text speaks the instance's language (VIVIER_LANGUAGE), whatever a page activated before.
        with translation.override(settings.LANGUAGE_CODE):
            self.report(action, team, o)

    def report(self, action, team, o):
        team = team_for_command(team)
        if action == "campaign":
            campaign = find_campaign(team, o["campaign"])
            title, figures = f"{campaign.name} ({campaign.public_id})", campaign_figures(campaign)
        elif action == "sequence":
            sequence = find_sequence(team, o["sequence"])
            title, figures = _("Sequence %(name)s") % {"name": sequence.name}, sequence_figures(sequence)
        else:
            since = parse_since(o["since"]) if o.get("since") else None
            title = _("Team %(team)s") % {"team": team.slug}
            if since:
                title += " " + _("since %(date)s") % {"date": since.date().isoformat()}
            figures = team_figures(team, since=since)
        self.stdout.write(dump(figures) if o.get("json") else describe(title, figures))
