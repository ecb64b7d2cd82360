"""Reads for segments: members of a query, saved segments, value suggestions for the builder."""

from django.db.models import Count, QuerySet
from django.http import Http404

from vivier.lib.text import fold
from vivier.pool.models import Candidate, CandidateSource, CandidateTag

from .models import Segment
from .query import FIELDS, TAG_KINDS, compile_query

MEMBER_ORDER = ("-created_at", "-id")


def segment_candidates(*, team, query: str, now=None) -> QuerySet[Candidate]:
    """The team's candidates matching ``query``, newest first. Raises ``QueryError`` on a bad query."""
    return Candidate.objects.filter(team=team).filter(compile_query(query, team=team, now=now)).order_by(
        *MEMBER_ORDER)


def candidate_search(*, team, q: str | None) -> QuerySet[Candidate]:
    """``GET /api/candidates?q=``: the same language as segments; an empty ``q`` is the whole pool."""
    return segment_candidates(team=team, query=q or "")


def segment_list(*, team) -> QuerySet[Segment]:
    return Segment.objects.filter(team=team).select_related("owner")


def segment_get(*, team, public_id) -> Segment:
    """The team's segment, or 404 (another team's segment does not exist for this team)."""
    try:
        return Segment.objects.select_related("owner").get(team=team, public_id=public_id)
    except (Segment.DoesNotExist, ValueError, TypeError):
        raise Http404("no such segment") from None


def segment_members(*, segment: Segment) -> QuerySet[Candidate]:
    return segment_candidates(team=segment.team, query=segment.query)


def segment_count(*, segment: Segment) -> int:
    return segment_members(segment=segment).count()


def members_for_display(queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
    return queryset.prefetch_related("emails")


FIXED_VALUES = {
    "seniority": ["intern", "junior", "mid", "senior", "lead", "executive"],
    "remote": ["onsite", "hybrid", "remote"],
    "consent": ["valid", "expired", "none"],
    "contacted": ["never", "yes"],
    "replied": ["yes", "no"],
    "snoozed": ["true", "false"],
    "in_campaign": ["true", "false"],
    "unsubscribed": ["true", "false"],
    "last_contacted": [">90d", ">6m", "<30d"],
    "years": [">=3", ">=5", ">=10"],
    "salary": ["<=45000", "<=60000", ">=60000"],
    "contract": ["permanent", "fixed_term", "freelance", "interim", "apprenticeship"],
    "lang": ["fr", "en", "de", "es", "it"],
    "within": ["10km:", "30km:", "50km:", "100km:"],
}


def _quote(value: str) -> str:
    return f'"{value}"' if any(ch.isspace() or ch in '()|"' for ch in value) else value


def value_suggestions(*, team, field: str, prefix: str = "", limit: int = 8) -> list[str]:
    """Values that exist in the team's pool for ``field``, most frequent first, matching ``prefix``."""
    folded = fold(prefix)
    values: list[str] = []
    if field in TAG_KINDS:
        rows = (CandidateTag.objects.filter(candidate__team=team, kind=TAG_KINDS[field], value__startswith=folded)
                .values("value").annotate(n=Count("id")).order_by("-n", "value")[:limit])
        values = [r["value"] for r in rows]
    elif field in ("city", "company", "title", "within", "commutable") and (field != "within" or ":" in prefix):
        column = {"company": "current_company", "title": "current_title"}.get(field, "city")
        base = prefix
        if field == "within":
            base, _, prefix = prefix.rpartition(":")
            base += ":"
        rows = (Candidate.objects.filter(team=team, **{f"{column}__istartswith": prefix}).exclude(**{column: ""})
                .values(column).annotate(n=Count("id")).order_by("-n", column)[:limit])
        values = [(base if field == "within" else "") + _quote(r[column]) for r in rows]
    elif field == "source":
        rows = (CandidateSource.objects.filter(candidate__team=team, name__istartswith=prefix).exclude(name="")
                .values("name").annotate(n=Count("id")).order_by("-n", "name")[:limit])
        values = [_quote(r["name"]) for r in rows]
    elif field in ("intent", "reason"):
        column = "last_reply_intent" if field == "intent" else "last_decline_reason"
        rows = (Candidate.objects.filter(team=team, **{f"{column}__startswith": folded}).exclude(**{column: ""})
                .values(column).annotate(n=Count("id")).order_by("-n")[:limit])
        values = [r[column] for r in rows]
    elif field == "country":
        rows = (Candidate.objects.filter(team=team, country__istartswith=prefix).exclude(country="")
                .values("country").annotate(n=Count("id")).order_by("-n")[:limit])
        values = [r["country"] for r in rows]
    elif field in FIXED_VALUES:
        values = [v for v in FIXED_VALUES[field] if v.startswith(prefix)][:limit]
    return values


def field_suggestions(*, prefix: str = "") -> list[str]:
    names = sorted(f for f in FIELDS if f not in ("last_reason", "custom"))
    return [f for f in names if f.startswith(prefix.lower())]
