"""Pages: sequence editor (with live preview), launch wizard and review, campaigns."""

import re
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vivier.accounts.access import require_team
from vivier.jobs.models import Job
from vivier.lib import clock
from vivier.lib import tz as tzlib
from vivier.mail.models import Mailbox
from vivier.pool.models import Candidate
from vivier.sequences.models import OutboundMessage

from .. import selectors, services
from ..forms import (
    LaunchForm,
    SequenceForm,
    StepForm,
    YamlImportForm,
    new_step_initial,
    step_initial,
    step_raw,
)
from ..models import Campaign, Enrollment, Step


def page(request, template: str, context: dict, status: int = 200):
    """render() plus the team's time zone, so every time on these pages is the recruiter's wall clock."""
    team = require_team(request)
    zone = tzlib.zone(getattr(request.user, "time_zone", "") or team.time_zone)
    return render(request, template, {"zone": zone, **context}, status=status)


MAX_STEPS = 30
REVIEW_SHOWN = 300  # rows of the review's "will be enrolled" table (the count is always complete)

# --- Sequences -----------------------------------------------------------------------------


@login_required
def sequence_list(request):
    team = require_team(request)
    return page(
        request,
        "sequences/sequence_list.html",
        {"sequences": selectors.sequence_list(team=team), "import_form": YamlImportForm()},
    )


def _index(op: str) -> int:
    try:
        return int(op.rpartition("-")[2])
    except ValueError:
        return -1


def _preview(*, team, user, data, raw: dict) -> dict:
    """Render one (unsaved) step for the chosen candidate. A broken template is shown, never raised."""
    candidate = None
    if data.get("preview_candidate"):
        candidate = Candidate.objects.filter(team=team, public_id=_uuid(data["preview_candidate"])).first()
    if candidate is None:
        return {"problem": _("Choose a candidate to preview this step.")}
    job = None
    if data.get("preview_job"):
        job = Job.objects.filter(team=team, public_id=_uuid(data["preview_job"])).first()
    step = Step(
        channel=raw.get("channel") or Step.Channel.EMAIL,
        subject_fr=raw.get("subject_fr", ""),
        body_fr=raw.get("body_fr", ""),
        subject_en=raw.get("subject_en", ""),
        body_en=raw.get("body_en", ""),
    )
    try:
        rendered = services.preview_step(
            step=step, candidate=candidate, job=job, owner=user, hook=data.get("preview_hook", "")
        )
    except Exception as exc:  # a hostile template must never turn into a 500
        return {"candidate": candidate, "errors": [f"{type(exc).__name__}: {exc}"]}
    return {
        "candidate": candidate,
        "subject": rendered.subject,
        "body": rendered.body,
        "missing": rendered.missing,
        "errors": rendered.errors,
        "language": candidate.preferred_language,
    }


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@login_required
def sequence_edit(request, public_id=None):
    """The editor. Add/remove/move re-render the posted steps unsaved; "save" validates and saves;
    "preview-N" renders step N for a candidate (the fragment alone for htmx)."""
    team = require_team(request)
    sequence = selectors.sequence_get(team=team, public_id=public_id) if public_id else None
    previews: dict[int, dict] = {}
    if request.method == "POST":
        op = request.POST.get("op", "save")
        try:
            count = max(0, min(int(request.POST.get("step_count") or 0), MAX_STEPS))
        except ValueError:
            count = 0
        raws = [step_raw(request.POST, f"s{i}") for i in range(count)]
        form = SequenceForm(request.POST)
        i = _index(op)
        if op.startswith("preview-") and 0 <= i < count:
            previews[i] = _preview(team=team, user=request.user, data=request.POST, raw=raws[i])
            if request.htmx:
                return render(request, "sequences/_preview.html", {"preview": previews[i], "index": i})
        elif op == "add" and count < MAX_STEPS:
            raws.append(new_step_initial(raws[-1] if raws else None))
        elif op.startswith("remove-") and 0 <= i < count:
            del raws[i]
        elif op.startswith("up-") and 0 < i < count:
            raws[i - 1], raws[i] = raws[i], raws[i - 1]
        elif op.startswith("down-") and 0 <= i < count - 1:
            raws[i + 1], raws[i] = raws[i], raws[i + 1]
        elif op == "save":
            step_forms = [StepForm(request.POST, prefix=f"s{n}") for n in range(count)]
            valid = form.is_valid() & all([f.is_valid() for f in step_forms])
            if valid and not step_forms:
                form.add_error(None, _("A sequence needs at least one step."))
            elif valid:
                d = form.cleaned_data
                kwargs = {
                    "name": d["name"],
                    "description": d["description"],
                    "end_wait_days": d["end_wait_days"],
                    "snooze_months": d["snooze_months"],
                    "snooze_until": d["snooze_until"],
                    "steps": [f.as_step_dict() for f in step_forms],
                }
                try:
                    if sequence is None:
                        saved = services.sequence_save(team=team, **kwargs)
                    else:
                        saved = services.sequence_update(sequence=sequence, **kwargs)
                except ValueError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(request, _("Sequence saved."))
                    return redirect("sequences:edit", public_id=saved.public_id)
            return _editor(request, team, sequence, form, step_forms, previews)
        step_forms = [StepForm(initial=raw, prefix=f"s{n}") for n, raw in enumerate(raws)]
        form = SequenceForm(initial={k: request.POST.get(k) for k in SequenceForm.base_fields})
        return _editor(request, team, sequence, form, step_forms, previews)
    if sequence is not None:
        form = SequenceForm(
            initial={
                "name": sequence.name,
                "description": sequence.description,
                "end_wait_days": sequence.end_wait_days,
                "snooze_months": str(sequence.snooze_months),
                "snooze_until": sequence.snooze_until,
            }
        )
        step_forms = [
            StepForm(initial=step_initial(s), prefix=f"s{n}") for n, s in enumerate(sequence.steps.all())
        ]
    else:
        form = SequenceForm()
        step_forms = [StepForm(initial=new_step_initial(), prefix="s0")]
    return _editor(request, team, sequence, form, step_forms, previews)


def _editor(request, team, sequence, form, step_forms, previews):
    return page(
        request,
        "sequences/sequence_edit.html",
        {
            "sequence": sequence,
            "form": form,
            "steps": [(n, f, previews.get(n)) for n, f in enumerate(step_forms)],
            "step_count": len(step_forms),
            "candidates": selectors.preview_candidates(team=team),
            "jobs": selectors.job_choices(team=team),
            "chosen": {
                k: request.POST.get(k, "") for k in ("preview_candidate", "preview_job", "preview_hook")
            },
            "live_campaigns": sequence.campaigns.filter(
                status__in=[Campaign.Status.RUNNING, Campaign.Status.PAUSED]
            )
            if sequence
            else [],
        },
    )


@login_required
def sequence_export(request, public_id):
    team = require_team(request)
    sequence = selectors.sequence_get(team=team, public_id=public_id)
    response = HttpResponse(
        services.sequence_export_yaml(sequence=sequence), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{slugify(sequence.name) or "sequence"}.yaml"'
    return response


@login_required
def sequence_import(request):
    team = require_team(request)
    form = YamlImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            sequence = services.sequence_import_yaml(team=team, text=form.cleaned_data["yaml"])
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Sequence imported."))
            return redirect("sequences:edit", public_id=sequence.public_id)
    return page(
        request,
        "sequences/sequence_list.html",
        {"sequences": selectors.sequence_list(team=team), "import_form": form},
        status=400 if form.errors else 200,
    )


# --- Launch wizard -------------------------------------------------------------------------


def _launch_form(team, data=None, initial=None):
    return LaunchForm(
        data,
        initial=initial,
        sequences=selectors.sequence_list(team=team),
        jobs=selectors.job_choices(team=team),
        mailboxes=selectors.mailbox_choices(team=team),
        segments_available=selectors.segment_selector() is not None,
    )


@login_required
def launch(request):
    """Step one: segment (or pasted candidates), sequence, job, mailbox. Creates a draft campaign and goes
    to its review; nothing is sent before the review's launch button."""
    team = require_team(request)
    if request.method != "POST":
        form = _launch_form(
            team, initial={"sequence": request.GET.get("sequence", ""), "job": request.GET.get("job", "")}
        )
        return page(request, "sequences/launch.html", {"form": form})
    form = _launch_form(team, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        sequence = selectors.sequence_get(team=team, public_id=d["sequence"])
        job = get_object_or_404(Job, team=team, public_id=d["job"]) if d.get("job") else None
        mailbox = get_object_or_404(Mailbox, team=team, public_id=d["mailbox"]) if d.get("mailbox") else None
        query = (d.get("segment") or "").strip()
        ids, unknown = None, []
        if query:
            try:
                # Only "does anyone match?": exists() stops at the first member instead of counting them all.
                matched = selectors.segment_selector()(team=team, query=query).exists()
            except ValueError as exc:  # segments' QueryError is a ValueError
                position = getattr(exc, "position", None)
                form.add_error(
                    "segment",
                    str(exc)
                    if position is None
                    else _("Position %(pos)s: %(msg)s") % {"pos": position, "msg": exc.message},
                )
            else:
                if not matched:
                    form.add_error("segment", _("No candidate matches this segment."))
        else:
            pasted = selectors.candidates_from_text(team=team, text=d["candidates"])
            ids, unknown = [str(c.public_id) for c in pasted.candidates], pasted.unknown
            if not ids:
                form.add_error("candidates", _("None of these is a candidate of your team."))
        if not form.errors:
            name = d.get("name") or " · ".join(p for p in (sequence.name, job.title if job else "") if p)
            campaign = services.campaign_create(
                team=team,
                name=name,
                sequence=sequence,
                job=job,
                mailbox=mailbox,
                owner=request.user,
                segment_query=query,
            )
            request.session[f"launch:{campaign.public_id}"] = {"ids": ids, "unknown": unknown, "hooks": {}}
            return redirect("sequences:review", public_id=campaign.public_id)
    return page(request, "sequences/launch.html", {"form": form}, status=400)


def _review_candidates(team, campaign, saved):
    if saved.get("ids") is not None:
        return Candidate.objects.filter(team=team, public_id__in=saved["ids"]).order_by(
            "last_name", "first_name"
        )
    select = selectors.segment_selector()
    if campaign.segment_query and select is not None:
        return select(team=team, query=campaign.segment_query)
    return Candidate.objects.none()


@login_required
def campaign_review(request, public_id):
    """The review: how many, who is excluded and why, whose hook is missing (filled in here), and launch,
    refused with the list while templates render with missing values."""
    team = require_team(request)
    campaign = selectors.campaign_get(team=team, public_id=public_id)
    if campaign.status != Campaign.Status.DRAFT:
        return redirect("sequences:campaign", public_id=campaign.public_id)
    key = f"launch:{campaign.public_id}"
    saved = dict(request.session.get(key) or {"ids": None, "unknown": [], "hooks": {}})
    hooks = dict(saved.get("hooks") or {})
    if request.method == "POST":
        for name, value in request.POST.items():
            if name.startswith("hook-"):
                hooks[name[5:]] = value.strip()
        hooks = {k: v for k, v in hooks.items() if v}
        saved["hooks"] = hooks
        request.session[key] = saved
    candidates = _review_candidates(team, campaign, saved)
    refused = None
    if request.method == "POST" and request.POST.get("op") == "launch":
        try:
            review = services.campaign_launch(
                campaign=campaign, candidates=candidates, by=request.user, hooks=hooks
            ).review
        except services.LaunchRefused as exc:
            refused, review = str(exc), exc.review
        except ValueError as exc:
            messages.error(request, str(exc))
            return redirect("sequences:campaign", public_id=campaign.public_id)
        else:
            request.session.pop(key, None)
            messages.success(
                request, _("Campaign launched: %(n)s candidate(s) enrolled.") % {"n": len(review.eligible)}
            )
            return redirect("sequences:campaign", public_id=campaign.public_id)
    else:
        review = services.campaign_review(campaign=campaign, candidates=candidates, hooks=hooks)
    missing = [
        (
            c,
            [_review_text(p) for p in problems],
            any("missing hook" in p for p in problems),
            hooks.get(str(c.public_id), ""),
        )
        for c, problems in review.missing
    ]
    eligible = [(c, hooks.get(str(c.public_id), "")) for c in review.eligible[:REVIEW_SHOWN]]
    return page(
        request,
        "sequences/review.html",
        {
            "campaign": campaign,
            "review": review,
            "missing": missing,
            "eligible": eligible,
            "excluded": [(c, _review_text(reason)) for c, reason in review.excluded],
            "unknown": saved.get("unknown") or [],
            "refused": refused,
            "uses_hook": any(
                "hook" in (s.subject_fr + s.body_fr + s.subject_en + s.body_en)
                for s in campaign.sequence.steps.all()
            ),
        },
        status=400 if refused else 200,
    )


# The review's reasons and problems stay plain English in services (the API and the CLI print them and
# scripts match them); the page words them in the reader's language.
_REVIEW_TEXTS = [
    (re.compile(r"unsubscribed"), lambda m: _("unsubscribed")),
    (re.compile(r"already in this campaign"), lambda m: _("already in this campaign")),
    (
        re.compile(r"already in the active campaign “(?P<name>.*)”"),
        lambda m: _("already in the active campaign “%(name)s”") % {"name": m["name"]},
    ),
    (
        re.compile(r"snoozed until (?P<date>[0-9-]+)"),
        lambda m: _("snoozed until %(date)s") % {"date": m["date"]},
    ),
    (re.compile(r"no valid email address"), lambda m: _("no valid email address")),
    (
        re.compile(r"already enrolled \(in this campaign or another active one\)"),
        lambda m: _("already enrolled (in this campaign or another active one)"),
    ),
    (
        re.compile(r"step (?P<n>\d+): missing (?P<name>.*)"),
        lambda m: _("step %(number)s: missing %(name)s") % {"number": m["n"], "name": m["name"]},
    ),
    (
        re.compile(r"step (?P<n>\d+): (?P<error>.*)", re.S),
        lambda m: _("step %(number)s: %(error)s") % {"number": m["n"], "error": m["error"]},
    ),
]


def _review_text(text: str) -> str:
    for pattern, word in _REVIEW_TEXTS:
        if match := pattern.fullmatch(text):
            return word(match)
    return text


# --- Campaigns -----------------------------------------------------------------------------


@login_required
def campaign_list(request):
    team = require_team(request)
    return page(request, "sequences/campaign_list.html", {"campaigns": selectors.campaign_list(team=team)})


@login_required
def campaign_detail(request, public_id):
    team = require_team(request)
    campaign = selectors.campaign_get(team=team, public_id=public_id)
    state = request.GET.get("state", "")
    if state not in Enrollment.State.values:
        state = ""
    return page(
        request,
        "sequences/campaign_detail.html",
        {
            "campaign": campaign,
            "counts": selectors.campaign_state_counts(campaign=campaign),
            "state": state,
            "enrollments": selectors.campaign_enrollments(campaign=campaign, state=state or None),
            "upcoming": selectors.campaign_upcoming(campaign=campaign),
            "steps": list(campaign.sequence.steps.all()),
            "sent": OutboundMessage.objects.filter(
                campaign=campaign, status=OutboundMessage.Status.SENT
            ).count(),
        },
    )


@login_required
@require_POST
def campaign_pause(request, public_id):
    return _campaign_switch(request, public_id, services.campaign_pause, _("Campaign paused."))


@login_required
@require_POST
def campaign_resume(request, public_id):
    return _campaign_switch(request, public_id, services.campaign_resume, _("Campaign resumed."))


def _campaign_switch(request, public_id, service, done: str):
    team = require_team(request)
    campaign = selectors.campaign_get(team=team, public_id=public_id)
    try:
        service(campaign=campaign, by=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("sequences:campaign", public_id=campaign.public_id)


@login_required
@require_POST
def enrollment_stop(request, public_id):
    """Take one candidate out of a campaign by hand (no further step)."""
    team = require_team(request)
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("campaign", "candidate"), team=team, public_id=public_id
    )
    if services.enrollment_stop(enrollment=enrollment, at=clock.now(), actor=request.user):
        messages.success(
            request,
            _("%(name)s will receive nothing more from this campaign.")
            % {"name": enrollment.candidate.full_name or enrollment.candidate.public_id},
        )
    return redirect("sequences:campaign", public_id=enrollment.campaign.public_id)
