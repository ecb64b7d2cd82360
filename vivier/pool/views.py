"""Pool pages: thin function views (access, one service or selector call, render or redirect)."""

import json
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vivier.accounts.access import require_admin, require_team

from . import exporting, holdings, selectors, services
from .forms import CandidateForm, CustomFieldForm, ImportUploadForm, JobFamilyForm, NoteForm
from .labels import language_name, phone_display, tag_label
from .models import CandidateTag, DuplicateReview, ImportBatch, TimelineEvent
from .panels import panels

log = logging.getLogger(__name__)


# --- Pool list ---------------------------------------------------------------------------------


@login_required
def candidate_list(request):
    team = require_team(request)
    q = request.GET.get("q", "").strip()
    query = request.GET.get("filter", "").strip()
    sort = request.GET.get("sort", "")
    sort = sort if sort in selectors.SORTS else "recent"
    error = None
    try:
        page = selectors.candidate_list(
            team=team, q=q, page=request.GET.get("page", 1), sort=sort, query=query
        )
    except ValueError as exc:  # a segment query that does not parse: shown, and the pool unfiltered
        error = str(exc)
        page = selectors.candidate_list(team=team, q=q, page=request.GET.get("page", 1), sort=sort)
    context = {
        "page": page,
        "q": q,
        "total": page.paginator.count,
        "filter": query,
        "filter_error": error,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _order) in selectors.SORTS.items()],
        "keep": _list_query(q=q, query=query, sort=sort),
        "panels": panels("pool_bulk_actions", team=team),
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, "pool/_results.html", context)
    context["duplicates"] = selectors.duplicate_open_count(team=team)
    context["saved_filters"] = selectors.saved_filters(team=team)
    return render(request, "pool/list.html", context)


def _list_query(**params) -> str:
    """The list's state as a query string (without the page), for links that keep it."""
    from urllib.parse import urlencode

    names = {"q": "q", "query": "filter", "sort": "sort"}
    return urlencode({names[k]: v for k, v in params.items() if v and not (k == "sort" and v == "recent")})


# --- Candidate page ----------------------------------------------------------------------------

TAG_GROUP_LABELS = {
    CandidateTag.Kind.JOB_FAMILY: gettext_lazy("Job families"),
    CandidateTag.Kind.SKILL: gettext_lazy("Skills"),
    CandidateTag.Kind.LANGUAGE: gettext_lazy("Languages"),
    CandidateTag.Kind.INTEREST: gettext_lazy("Interests"),
    CandidateTag.Kind.CONTRACT: gettext_lazy("Wanted contracts"),
    CandidateTag.Kind.TAG: gettext_lazy("Tags"),
}


def _candidate_context(candidate, **extra) -> dict:
    tags = list(candidate.tags.all())
    grouped = {}
    for kind, label in TAG_GROUP_LABELS.items():
        values = [
            (
                tag_label(t.kind, t.value, t.label),
                kind == CandidateTag.Kind.JOB_FAMILY and candidate.is_inferred("job", t.value),
            )
            for t in tags
            if t.kind == kind
        ]
        if values:
            grouped[label] = values
    custom = []
    definitions = {d.key: d for d in candidate.team.custom_fields.all()}
    for key, value in (candidate.custom_fields or {}).items():
        definition = definitions.get(key)
        custom.append((definition.label if definition else key, value))
    timeline = list(selectors.candidate_timeline(candidate=candidate))
    notes = {str(n.public_id): n.body for n in candidate.notes.all()}
    for event in timeline:
        event.changes = _changes(event)
        if event.kind == TimelineEvent.Kind.NOTE:
            event.note_body = notes.get((event.params or {}).get("note"))  # the event keeps 200 characters
    return {
        "candidate": candidate,
        "tag_groups": grouped,
        # what the job taxonomy read to infer a value, shown with its "inferred" badge
        "inferred_from": candidate.current_title or candidate.headline,
        "custom_values": custom,
        "timeline": timeline,
        "note_form": NoteForm(),
        **extra,
    }


def _changes(event) -> list:
    """An edit's changed fields as (label, old, new), worded in the reader's language."""
    changes = (event.params or {}).get("changes")
    if not isinstance(changes, dict):
        return []
    return [
        (services.field_label(name), _shown_value(change[0]), _shown_value(change[1]))
        for name, change in changes.items()
    ]


def _shown_value(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value is None or value == "":
        return ""
    return str(value)


@login_required
def candidate_detail(request, public_id):
    team = require_team(request)
    candidate = selectors.candidate_get(team=team, public_id=public_id)
    return render(
        request,
        "pool/detail.html",
        {
            **_candidate_context(candidate),
            "panels": panels("candidate_actions", team=team, candidate=candidate),
        },
    )


@login_required
@require_POST
def note_create(request, public_id):
    team = require_team(request)
    candidate = selectors.candidate_get(team=team, public_id=public_id)
    form = NoteForm(request.POST)
    if form.is_valid() and form.cleaned_data["body"].strip():
        services.note_add(candidate=candidate, body=form.cleaned_data["body"], author=request.user)
        form = NoteForm()
    elif not form.errors:
        form.add_error("body", _("A note cannot be empty."))
    context = _candidate_context(candidate, note_form=form)
    if request.htmx:
        return render(request, "pool/_timeline.html", context)
    return redirect("pool:detail", public_id=candidate.public_id)


@login_required
def candidate_edit(request, public_id):
    team = require_team(request)
    candidate = selectors.candidate_get(team=team, public_id=public_id)
    form = CandidateForm(request.POST or None, team=team, candidate=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_update(candidate=candidate, by=request.user, **form.service_kwargs())
        except services.CandidateInvalid as exc:
            form.add_service_errors(exc.message_dict)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("pool:detail", public_id=candidate.public_id)
    return render(
        request, "pool/form.html", {"form": form, "candidate": candidate}, status=400 if form.errors else 200
    )


@login_required
def candidate_add(request):
    team = require_team(request)
    form = CandidateForm(
        request.POST or None,
        team=team,
        initial={"preferred_language": "fr", "owner": str(request.user.public_id)},
    )
    existing = None
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_create(team=team, by=request.user, **form.service_kwargs())
        except services.CandidateExists as exc:
            existing = exc.existing
            form.add_service_errors(exc.message_dict)
        except services.CandidateInvalid as exc:
            form.add_service_errors(exc.message_dict)
        else:
            messages.success(request, _("%(name)s was added to the pool.") % {"name": candidate})
            return redirect("pool:detail", public_id=candidate.public_id)
    return render(
        request, "pool/form.html", {"form": form, "existing": existing}, status=400 if form.errors else 200
    )


# --- Duplicates ----------------------------------------------------------------------------------

COMPARED_FIELDS = [
    "current_title",
    "current_company",
    "headline",
    "city",
    "country",
    "seniority",
    "years_experience",
    "remote_preference",
    "available_from",
    "salary_amount",
    "preferred_language",
]


@login_required
def duplicate_list(request):
    team = require_team(request)
    page = selectors.duplicate_review_page(team=team, page=request.GET.get("page", 1))
    return render(request, "pool/duplicates.html", {"page": page, "reviews": page.object_list})


@login_required
def duplicate_review(request, public_id):
    team = require_team(request)
    review = selectors.duplicate_review_get(team=team, public_id=public_id)
    if review.status != DuplicateReview.Status.OPEN:
        messages.info(request, _("This possible duplicate was already handled."))
        return redirect("pool:duplicates")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "dismiss":
            services.duplicate_dismiss(review=review, by=request.user)
            messages.success(request, _("Kept as two different people."))
        elif action == "merge":
            keep, other = (
                (review.second, review.first)
                if request.POST.get("keep") == "second"
                else (review.first, review.second)
            )
            keep = services.candidate_merge(keep=keep, other=other, by=request.user)
            messages.success(request, _("Merged into %(name)s.") % {"name": keep})
        else:
            raise Http404("unknown action")
        following = selectors.duplicate_review_list(team=team).first()
        return redirect(
            following and reverse("pool:duplicate", args=[following.public_id]) or reverse("pool:duplicates")
        )
    rows = []
    labels = {f.name: f.verbose_name for f in review.first._meta.fields}
    for name in COMPARED_FIELDS:
        left, right = _shown(review.first, name), _shown(review.second, name)
        if left or right:
            rows.append({"label": labels[name], "first": left, "second": right, "differs": left != right})
    for label, attr, getter in (
        (_("Emails"), "emails", "email"),
        (_("Phones"), "phones", "e164"),
        (_("Profiles"), "profiles", "url"),
    ):
        shown = (lambda e164: phone_display(e164, team.default_region)) if attr == "phones" else str
        left = ", ".join(shown(getattr(r, getter)) for r in getattr(review.first, attr).all())
        right = ", ".join(shown(getattr(r, getter)) for r in getattr(review.second, attr).all())
        if left or right:
            rows.append({"label": label, "first": left, "second": right, "differs": left != right})
    sources = []
    for candidate in (review.first, review.second):
        sources.append(", ".join(s.name or s.get_kind_display() for s in candidate.sources.all()))
    rows.append({"label": _("Sources"), "first": sources[0], "second": sources[1], "differs": False})
    return render(request, "pool/duplicate.html", {"review": review, "rows": rows})


def _shown(candidate, name: str) -> str:
    value = getattr(candidate, name)
    if value in (None, ""):
        return ""
    if name == "preferred_language":
        return language_name(value)
    display = getattr(candidate, f"get_{name}_display", None)
    return str(display() if display else value)


# --- Import --------------------------------------------------------------------------------------

SESSION_KEY = "pool_imports"


def _uploads(request) -> dict:
    return request.session.setdefault(SESSION_KEY, {})


@login_required
def import_upload(request):
    team = require_team(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = uuid.uuid4().hex
        folder = Path(settings.MEDIA_ROOT) / "imports" / token
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (get_valid_filename(Path(upload.name).name) or "import.csv")
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        uploads = _uploads(request)
        uploads[token] = {
            "path": str(path),
            "filename": upload.name,
            "team": team.pk,
            "source": form.cleaned_data["source"] or upload.name,
            "format": form.cleaned_data["format"],
        }
        request.session.modified = True
        return redirect("pool:import_preview", token=token)
    return render(
        request, "pool/import.html", {"form": form, "batches": selectors.import_batch_list(team=team)}
    )


@login_required
def import_preview(request, token):
    team = require_team(request)
    upload = _uploads(request).get(token)
    if not upload or upload["team"] != team.pk:
        raise Http404("no such upload")
    from vivier.pool.importing import import_preview as preview_file

    try:
        preview = preview_file(path=upload["path"], format=upload["format"], rows=10)
    except Exception as exc:  # a broken file: say why, keep the user on the upload page
        log.info("import preview failed: %s", exc)
        messages.error(request, _("This file could not be read: %(error)s") % {"error": exc})
        return redirect("pool:import")
    headers = list(preview.headers)
    if request.method == "POST":
        mapping = {}
        for index, header in enumerate(headers):
            field = request.POST.get(f"map_{index}", "")
            if field:
                mapping[header] = field
        batch = services.import_batch_start(
            team=team,
            by=request.user,
            filename=upload["filename"],
            stored_path=upload["path"],
            source=upload["source"],
            format=preview.format or upload["format"],
            mapping=mapping,
        )
        _uploads(request).pop(token, None)
        request.session.modified = True
        return redirect("pool:import_batch", public_id=batch.public_id)
    guessed = preview.guessed_mapping or {}
    rows = _row_lists(preview.sample_rows, headers)
    columns = [
        {
            "index": i,
            "header": h,
            "field": guessed.get(h, ""),
            "samples": [row[i] for row in rows if i < len(row) and row[i]][:3],
        }
        for i, h in enumerate(headers)
    ]
    return render(
        request,
        "pool/import_preview.html",
        {
            "upload": upload,
            "preview": preview,
            "columns": columns,
            "fields": list(preview.fields),
            "rows": rows,
        },
    )


def _row_lists(rows, headers) -> list[list]:
    """Sample rows as lists of cells in header order; the importer gives ``(row number, {header: cell})``."""
    out = []
    for row in rows:
        if isinstance(row, tuple) and len(row) == 2 and isinstance(row[1], dict):
            row = row[1]
        out.append([row.get(h, "") for h in headers] if isinstance(row, dict) else list(row))
    return out


@login_required
def import_batch(request, public_id):
    team = require_team(request)
    batch = selectors.import_batch_get(team=team, public_id=public_id)
    context = {
        "batch": batch,
        "running": batch.status in (ImportBatch.Status.PENDING, ImportBatch.Status.RUNNING),
    }
    if request.htmx:
        return render(request, "pool/_import_progress.html", context)
    return render(request, "pool/import_batch.html", context)


# --- Custom fields (team admins) -------------------------------------------------------------------


@login_required
def custom_fields(request):
    team = require_admin(request)
    form = CustomFieldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            field = services.custom_field_create(team=team, **form.service_kwargs())
        except services.CandidateInvalid as exc:
            for name, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
        else:
            messages.success(request, _("Field “%(label)s” added.") % {"label": field.label})
            return redirect("pool:custom_fields")
    return render(
        request,
        "pool/custom_fields.html",
        {"form": form, "fields": selectors.custom_field_list(team=team)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def custom_field_delete(request, key):
    team = require_admin(request)
    field = selectors.custom_field_get(team=team, key=key)
    services.custom_field_delete(field=field)
    messages.success(
        request, _("Field “%(label)s” removed; values already entered are kept.") % {"label": field.label}
    )
    return redirect("pool:custom_fields")


# --- Actions on a candidate and on a selection ----------------------------------------------------


@login_required
def candidate_export(request, public_id):
    """Everything Vivier holds about the candidate, as one JSON file (what an access request gets)."""
    team = require_team(request)
    candidate = selectors.candidate_get(team=team, public_id=public_id)
    response = HttpResponse(
        json.dumps(holdings.export_all(candidate), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="candidate-{candidate.public_id}.json"'
    return response


@login_required
@require_POST
def candidate_delete(request, public_id):
    team = require_team(request)
    candidate = selectors.candidate_get(team=team, public_id=public_id)
    name = candidate.full_name or str(candidate.public_id)
    services.candidate_erase(candidate=candidate, by=request.user)
    messages.success(request, _("%(name)s and everything held about them were deleted.") % {"name": name})
    return redirect("pool:list")


def selected_candidates(request, team):
    """The candidates ticked on the pool list (``ids``: public ids), this team's only."""
    return selectors.candidates_chosen(
        team=team, public_ids=request.POST.getlist("ids"), limit=services.MAX_SELECTION
    )


def back_to_list(request):
    """Back to the list as it was (its filters and sort), never to another site."""
    url = request.POST.get("next", "")
    if not url or not url_has_allowed_host_and_scheme(url, {request.get_host()}):
        url = reverse("pool:list")
    return redirect(url)


@login_required
@require_POST
def candidates_bulk(request):
    """The pool list's bulk actions that belong to the pool: add a tag, export the selection."""
    team = require_team(request)
    chosen = selected_candidates(request, team)
    if not chosen.exists():
        messages.error(request, _("Tick at least one candidate."))
        return back_to_list(request)
    if request.POST.get("op") == "export":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="candidates.csv"'
        exporting.export_candidates(
            team=team, format="csv", out=_Writer(response), ids=chosen.values_list("pk", flat=True)
        )
        return response
    try:
        n = services.candidates_tag_add(candidates=chosen, label=request.POST.get("tag", ""), by=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Tag added to %(n)s candidate(s).") % {"n": n})
    return back_to_list(request)


class _Writer:
    """csv.writer into an HttpResponse, in UTF-8 with a BOM (so Excel reads the accents)."""

    def __init__(self, response):
        self.response = response
        response.write("\ufeff")

    def write(self, text):
        self.response.write(text)


@login_required
def job_families(request):
    """The team's own job families and synonyms (added to the shipped taxonomy for inference and ``job:``)."""
    team = require_admin(request)
    form = JobFamilyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            family = services.job_family_add(team=team, **form.service_kwargs())
        except ValueError:
            form.add_error("tag", _("Give the family a tag."))
        else:
            messages.success(request, _("Family “%(tag)s” saved.") % {"tag": family.tag})
            return redirect("pool:job_families")
    return render(
        request,
        "pool/job_families.html",
        {"form": form, "families": selectors.job_family_list(team=team)},
        status=400 if form.errors else 200,
    )


@login_required
def job_family(request, public_id):
    """One of the team's families: its names and synonyms, and more synonyms to add."""
    team = require_admin(request)
    family = selectors.job_family_get(team=team, public_id=public_id)
    form = JobFamilyForm(request.POST or None, initial={"tag": family.tag})
    if request.method == "POST" and form.is_valid():
        services.job_family_add(team=team, **{**form.service_kwargs(), "tag": family.tag})
        messages.success(request, _("Family “%(tag)s” saved.") % {"tag": family.tag})
        return redirect("pool:job_family", public_id=family.public_id)
    return render(
        request, "pool/job_family.html", {"form": form, "family": family}, status=400 if form.errors else 200
    )
