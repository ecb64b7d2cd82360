"""Segment pages: the builder (chips, autocomplete, live count via htmx), the saved list, a segment's members."""

import csv
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vivier.accounts.access import require_team
from vivier.lib.spreadsheet import csv_cell
from vivier.pool.panels import panels

from . import selectors, services
from .forms import OPS, SegmentForm, field_choices
from .query import QueryError, chips_of, term_text

PREVIEW = 10
PAGE = 50


def _live(team, q: str) -> dict:
    """What the builder shows under the query: chips, count, first members, or the error with its position."""
    context = {"q": q, "chips": [], "count": None, "preview": [], "error": None}
    try:
        context["chips"] = chips_of(q)
        context["count"], context["count_capped"] = selectors.count_members_upto(
            team=team, query=q, cap=selectors.LIVE_COUNT_CAP
        )
        first = selectors.segment_candidates(team=team, query=q, for_page=True, matches=context["count"])
        context["preview"] = list(selectors.members_for_display(first)[:PREVIEW])
    except QueryError as exc:
        context["error"] = exc
        context["caret"] = " " * exc.position + "^"
    return context


def _edited_query(request, q: str) -> str:
    """Apply the builder's add / remove actions to the query string."""
    if request.GET.get("add"):
        value = (request.GET.get("pick") or request.GET.get("value") or "").strip()
        field, op = request.GET.get("field", ""), request.GET.get("op", ":")
        if value:
            q = f"{q} {term_text(field, op if op in dict(OPS) else ':', value)}".strip()
    remove = request.GET.get("remove")
    if remove is not None and remove.isdigit():
        try:
            chips = chips_of(q)
        except QueryError:
            chips = []
        q = " ".join(c["text"] for i, c in enumerate(chips) if i != int(remove))
    return q


@login_required
def segment_list(request):
    team = require_team(request)
    rows = []
    for segment in selectors.segment_list(team=team):
        try:
            count = selectors.segment_count(segment=segment)
        except QueryError:
            count = None
        rows.append((segment, count))
    return render(request, "segments/list.html", {"rows": rows})


@login_required
def segment_builder(request, segment_id=None):
    """New segment (or edit one): GET renders the builder or, for htmx, one of its fragments; POST saves."""
    team = require_team(request)
    segment = selectors.segment_get(team=team, public_id=segment_id) if segment_id else None
    if request.method == "POST":
        form = SegmentForm(request.POST)
        q = request.POST.get("q", "")
        if form.is_valid():
            data = form.cleaned_data
            try:
                if segment:
                    segment = services.segment_update(
                        segment=segment, name=data["name"], query=data["q"], description=data["description"]
                    )
                else:
                    segment = services.segment_create(
                        team=team,
                        owner=request.user,
                        name=data["name"],
                        query=data["q"],
                        description=data["description"],
                    )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error("name" if field == "name" else None, errors)
            else:
                messages.success(request, _("Segment saved."))
                return redirect("segments:detail", segment_id=segment.public_id)
        status = 400
    else:
        q = _edited_query(request, request.GET.get("q", segment.query if segment else ""))
        form = SegmentForm(
            initial={"name": segment.name, "description": segment.description} if segment else None
        )
        status = 200
    context = {
        "segment": segment,
        "form": form,
        "fields": field_choices(),
        "ops": OPS,
        "field": request.GET.get("field", "job"),
        "op": request.GET.get("op", ":"),
        **_live(team, q),
    }
    if request.htmx and request.method == "GET":
        template = "segments/_live.html" if request.GET.get("part") == "live" else "segments/_builder.html"
        return render(request, template, context)
    return render(request, "segments/builder.html", context, status=status)


@login_required
def value_suggest(request):
    """Autocomplete: values that exist in the pool for the chosen field."""
    team = require_team(request)
    field = request.GET.get("field", "")
    values = selectors.value_suggestions(team=team, field=field, prefix=request.GET.get("value", ""))
    # A picked suggestion goes back to the builder the request came from (new or edit).
    builder_url = reverse("segments:new")
    if request.htmx and request.htmx.current_url:
        path = urlsplit(request.htmx.current_url).path
        if path.startswith(reverse("segments:list")):
            builder_url = path
    return render(
        request, "segments/_suggestions.html", {"values": values, "field": field, "builder_url": builder_url}
    )


@login_required
def segment_detail(request, segment_id):
    team = require_team(request)
    segment = selectors.segment_get(team=team, public_id=segment_id)
    context = {
        "segment": segment,
        "error": None,
        "panels": panels("segment_actions", team=team, segment=segment),
    }
    try:
        # Counted in the shape made for counting (the paged shape would probe every candidate to count).
        count = selectors.segment_count(segment=segment)
        paged = selectors.segment_members(segment=segment, for_page=True, matches=count)
        paginator = Paginator(selectors.members_for_display(paged), PAGE)
        paginator.count = count
        page = paginator.get_page(request.GET.get("page"))
        context.update(page=page, count=page.paginator.count)
    except QueryError as exc:
        context["error"] = exc
    return render(request, "segments/detail.html", context)


class _Echo:
    def write(self, value):
        return value


EXPORT_COLUMNS = [
    "first_name",
    "last_name",
    "email",
    "current_title",
    "current_company",
    "city",
    "country",
    "seniority",
    "years_experience",
    "last_contacted_at",
    "last_reply_at",
    "last_reply_intent",
    "snoozed_until",
    "in_active_campaign",
    "id",
]


@login_required
def segment_export(request, segment_id):
    """CSV of all members, streamed (a segment may hold hundreds of thousands of people)."""
    team = require_team(request)
    segment = selectors.segment_get(team=team, public_id=segment_id)
    try:
        members = selectors.members_for_display(selectors.segment_members(segment=segment))
    except QueryError as exc:
        messages.error(request, exc.message)
        return redirect("segments:detail", segment_id=segment.public_id)

    def rows():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(EXPORT_COLUMNS)  # BOM: Excel opens UTF-8 accents correctly
        for c in members.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    csv_cell(v)
                    for v in (
                        c.first_name,
                        c.last_name,
                        c.primary_email,
                        c.current_title,
                        c.current_company,
                        c.city,
                        c.country,
                        c.get_seniority_display() if c.seniority else "",
                        c.years_experience,
                        c.last_contacted_at.isoformat() if c.last_contacted_at else "",
                        c.last_reply_at.isoformat() if c.last_reply_at else "",
                        c.last_reply_intent,
                        c.snoozed_until.isoformat() if c.snoozed_until else "",
                        "yes" if c.in_active_campaign else "no",
                        c.public_id,
                    )
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="segment-{segment.public_id}.csv"'
    return response


@login_required
@require_POST
def segment_delete(request, segment_id):
    team = require_team(request)
    segment = selectors.segment_get(team=team, public_id=segment_id)
    services.segment_delete(segment=segment)
    messages.success(request, _("Segment deleted."))
    return redirect("segments:list")
