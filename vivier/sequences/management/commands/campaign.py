"""`vivier campaign start|pause|resume|show|list`."""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from vivier.accounts import cli
from vivier.accounts.cli import NotFound, Refused, add_team_argument, dump, team_for_command, user_for_command
from vivier.jobs.models import Job
from vivier.lib import clock
from vivier.mail.models import Mailbox
from vivier.pool.models import Candidate
from vivier.sequences.models import Campaign, Sequence
from vivier.sequences.selectors import campaign_summary
from vivier.sequences.services import (
    LaunchRefused,
    campaign_launch,
    campaign_pause,
    campaign_resume,
)


def segment_candidates(team, query):
    try:
        from vivier.segments.selectors import segment_candidates as select
    except ImportError as exc:
        raise CommandError(
            "segments are not available in this installation yet: use --candidates "
            "with emails or ids instead of --segment"
        ) from exc
    try:
        return select(team=team, query=query)
    except ValueError as exc:
        raise CommandError(f"--segment: {exc}") from exc


def find_campaign(team, ref: str) -> Campaign:
    qs = Campaign.objects.filter(team=team)
    found = list(qs.filter(public_id__startswith=ref)[:2]) if len(ref) >= 4 else []
    try:
        found = found or list(qs.filter(public_id=ref)[:2])
    except ValidationError:  # not a UUID
        pass
    found = found or list(qs.filter(name=ref).order_by("-created_at")[:2])
    if not found:
        raise NotFound(f"no campaign {ref!r} (give its id or its name)")
    if len(found) > 1:
        raise Refused(f"{ref!r} matches several campaigns: give the id")
    return found[0]


def candidates_from_list(team, refs: list[str]):
    found, missing = [], []
    for ref in refs:
        ref = ref.strip()
        if not ref:
            continue
        qs = Candidate.objects.filter(team=team)
        if "@" in ref:
            cand = qs.filter(emails__email=ref.lower()).first()
        else:
            try:
                cand = qs.filter(public_id=ref).first()
            except Exception:  # noqa: BLE001 - not a UUID
                cand = None
        (found.append(cand) if cand else missing.append(ref))
    if missing:
        raise CommandError(f"unknown candidates: {', '.join(missing)}")
    return Candidate.objects.filter(pk__in=[c.pk for c in found])


def read_hooks(team, path: str) -> dict:
    """CSV with columns candidate (email or id) and hook."""
    hooks = {}
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            ref, hook = (row.get("candidate") or "").strip(), (row.get("hook") or "").strip()
            if ref and hook:
                (cand,) = candidates_from_list(team, [ref])
                hooks[str(cand.public_id)] = hook
    return hooks


class Command(cli.Command):
    group = "Campaigns"
    help = "Launch and steer campaigns."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        start = sub.add_parser("start", help="launch a sequence on a segment (or a list of candidates)")
        start.add_argument("--sequence", required=True)
        start.add_argument("--segment", help="segment query")
        start.add_argument(
            "--candidates", help="comma-separated candidate emails or ids (instead of --segment)"
        )
        start.add_argument("--job", help="job slug")
        start.add_argument("--mailbox", help="sending address (default: the built-in outbox)")
        start.add_argument("--name")
        start.add_argument("--owner", help="username of the recruiter who owns the campaign")
        start.add_argument("--hooks", help="CSV file with columns candidate,hook")
        start.add_argument(
            "--allow-missing",
            action="store_true",
            help="launch anyway and leave out candidates whose templates miss values",
        )
        start.add_argument("--now", help="launch as if it were this instant (ISO-8601; for simulations)")
        start.add_argument("--json", action="store_true")
        add_team_argument(start)
        for name in ("pause", "resume", "show"):
            p = sub.add_parser(name)
            p.add_argument("campaign", help="campaign id or name")
            p.add_argument("--json", action="store_true")
            add_team_argument(p)
        lst = sub.add_parser("list")
        lst.add_argument("--json", action="store_true")
        add_team_argument(lst)

    def handle(self, *args, action, team=None, **o):
        team = team_for_command(team)
        getattr(self, f"do_{action}")(team, o)

    def out(self, o, data: dict, text: str):
        self.stdout.write(dump(data) if o.get("json") else text)

    def do_start(self, team, o):
        if o.get("now"):
            from vivier.sequences.management.commands.worker import parse_now

            clock.set_now(parse_now(o["now"]))
        sequence = Sequence.objects.filter(team=team, name=o["sequence"]).first()
        if sequence is None:
            raise CommandError(f"no sequence named {o['sequence']!r} (see `vivier sequence list`)")
        job = None
        if o.get("job"):
            job = Job.objects.filter(team=team, slug=o["job"]).first()
            if job is None:
                raise CommandError(f"no job {o['job']!r} (see `vivier job list`)")
        mailbox = None
        if o.get("mailbox"):
            mailbox = Mailbox.objects.filter(team=team, address=o["mailbox"].lower()).first()
            if mailbox is None:
                raise CommandError(f"no mailbox {o['mailbox']!r} (see `vivier mailbox list`)")
        if bool(o.get("segment")) == bool(o.get("candidates")):
            raise CommandError("give either --segment QUERY or --candidates LIST")
        if o.get("segment"):
            candidates = segment_candidates(team, o["segment"])
        else:
            candidates = candidates_from_list(team, o["candidates"].split(","))
        owner = user_for_command(team, o.get("owner")) or (mailbox.owner if mailbox else None)
        hooks = read_hooks(team, o["hooks"]) if o.get("hooks") else {}
        try:
            launch = campaign_launch(
                team=team,
                name=o.get("name") or f"{sequence.name} {clock.now():%Y-%m-%d}",
                sequence=sequence,
                job=job,
                mailbox=mailbox,
                owner=owner,
                segment_query=o.get("segment") or "",
                candidates=candidates,
                hooks=hooks,
                allow_missing=o.get("allow_missing", False),
            )
        except LaunchRefused as exc:
            lines = [f"launch refused: {exc}"]
            lines += [f"  {c.full_name or c.public_id}: {'; '.join(p)}" for c, p in exc.review.missing]
            raise CommandError("\n".join(lines)) from exc
        campaign, review = launch.campaign, launch.review
        data = {"campaign": str(campaign.public_id), "name": campaign.name, **review.as_dict()}
        text = [f"campaign “{campaign.name}” ({campaign.public_id}) started: {len(review.eligible)} enrolled"]
        text += [f"  excluded {c.full_name or c.public_id}: {r}" for c, r in review.excluded]
        text += [f"  left out {c.full_name or c.public_id}: {'; '.join(p)}" for c, p in review.missing]
        self.out(o, data, "\n".join(text))

    def do_pause(self, team, o):
        try:
            campaign = campaign_pause(campaign=find_campaign(team, o["campaign"]))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.out(o, {"id": str(campaign.public_id), "status": campaign.status}, f"“{campaign.name}” paused")

    def do_resume(self, team, o):
        try:
            campaign = campaign_resume(campaign=find_campaign(team, o["campaign"]))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.out(o, {"id": str(campaign.public_id), "status": campaign.status}, f"“{campaign.name}” running")

    def do_show(self, team, o):
        s = campaign_summary(find_campaign(team, o["campaign"]))
        lines = [
            f"{s['name']} ({s['id']}): {s['status']}",
            f"  sequence {s['sequence']}, job {s['job']}, from {s['mailbox']}",
            "  enrollments: " + ", ".join(f"{k} {v}" for k, v in sorted(s["enrollments"].items())),
            f"  messages: sent {s['messages']['sent']}, unknown {s['messages']['unknown']}, "
            f"failed {s['messages']['failed']}",
        ]
        lines += [f"  next: {u['at']} step {u['step']} to {u['candidate']}" for u in s["upcoming"]]
        self.out(o, s, "\n".join(lines))

    def do_list(self, team, o):
        from vivier.sequences.models import Campaign

        rows = [
            {"id": str(c.public_id), "name": c.name, "status": c.status}
            for c in Campaign.objects.filter(team=team)
        ]
        if o.get("json"):
            self.stdout.write(dump(rows))
        else:
            for r in rows:
                self.stdout.write(f"{r['id']}\t{r['status']}\t{r['name']}")
