"""Reads for segments: members of a query, saved segments, value suggestions for the builder."""

from django.db.models import Count, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from vivier.lib.text import fold
from vivier.pool.models import Candidate, CandidateSource, CandidateTag
from vivier.pool.selectors import with_primary_email

from .models import Segment
from .query import FIELDS, TAG_KINDS, compile_count_query, compile_query, radius_count, tag_count

MEMBER_ORDER = ("-created_at", "-id")
# The builder's live count (recomputed at each chip) stops counting here and shows "10000+": beyond it the
# figure does not change what a recruiter does next, and counting a million-candidate pool exactly costs
# hundreds of milliseconds per keystroke. Saved segments, their pages, the API and the CLI count exactly.
LIVE_COUNT_CAP = 10_000


# A first page found by walking the newest-first index reads about (pool size / matches) x page rows; found
# by sorting every match it reads every row the filters' indexes return (often many more than the matches:
# a 30 km box around a city holds many times the matches of a radius query). Up to this many matches
# sorting is cheap, and it is the only fast way when matches are rare (a walk would read the whole pool).
PAGE_SORT_MAX = 1_000


def segment_candidates(
    *, team, query: str, now=None, for_page: bool = False, matches: int | None = None
) -> QuerySet[Candidate]:
    """The team's candidates matching ``query``, newest first. Raises ``QueryError`` on a bad query.

    Same rows either way; the SQL differs for speed on a large pool. The default shape is the one to
    ``count()`` or to iterate in full (export); ``for_page=True`` is the one to slice a page from: tag and
    source terms become correlated EXISTS so the planner walks the newest-first index and stops after the
    page. Pass ``matches`` (the count, when it is known) so that a rare match (at most ``PAGE_SORT_MAX``)
    keeps the sorting shape instead.
    """
    correlated = for_page and (matches is None or matches > PAGE_SORT_MAX)
    return (
        Candidate.objects.filter(team=team)
        .filter(compile_query(query, team=team, now=now, correlated=correlated))
        .order_by(*MEMBER_ORDER)
    )


def count_members(*, team, query: str, now=None) -> int:
    """How many of the team's candidates match ``query``: what pages, the API and the CLI show.

    A query of tag terms only (``job:backend``, ``(skill:rust OR skill:scala) -job:data``) is counted on the
    tag table alone (see ``query.tag_count``), tag terms with a radius by set operations (SQLite) or a hash
    join (PostgreSQL) (see ``query.radius_count``); any other counts the rows of ``segment_candidates``, with a one-tag term as a
    join (see ``query.compile_count_query``).
    """
    n = _shortcut_count(team=team, query=query, now=now)
    if n is None:
        n = _members_to_count(team=team, query=query, now=now).count()
    return n


def _shortcut_count(*, team, query: str, now=None) -> int | None:
    """The exact count when the query has a shape counted its own way (``query.tag_count``,
    ``query.radius_count``), else None."""
    n = tag_count(query, team=team)
    return radius_count(query, team=team, now=now) if n is None else n


def _members_to_count(*, team, query: str, now=None) -> QuerySet[Candidate]:
    """The members in the shape to count them (``query.compile_count_query``): one row per member."""
    return Candidate.objects.filter(team=team).filter(compile_count_query(query, team=team, now=now))


def count_members_upto(*, team, query: str, now=None, cap: int = LIVE_COUNT_CAP) -> tuple[int, bool]:
    """``count_upto`` of the members (the builder's live count); a query with a shape of its own
    (``_shortcut_count``: tag terms only, tag terms with a radius) is counted exactly (as cheap as the
    capped count) then capped. Others are counted in the shape ``count_members`` uses (a one-tag term as a
    join: one row per member), which reads the tag's index range instead of first collecting every id of
    the tag."""
    n = _shortcut_count(team=team, query=query, now=now)
    if n is None:
        return count_upto(_members_to_count(team=team, query=query, now=now), cap=cap)
    return (cap, True) if n > cap else (n, False)


def candidate_search(
    *, team, q: str | None, for_page: bool = False, matches: int | None = None
) -> QuerySet[Candidate]:
    """``GET /api/candidates?q=``: the same language as segments; an empty ``q`` is the whole pool."""
    return segment_candidates(team=team, query=q or "", for_page=for_page, matches=matches)


def count_upto(queryset: QuerySet, *, cap: int) -> tuple[int, bool]:
    """``(n, False)`` with the exact count when it is at most ``cap``, else ``(cap, True)``.

    Counts ``SELECT COUNT(*) FROM (SELECT id ... LIMIT cap + 1)``: the database stops after cap + 1 matches.
    """
    n = queryset.order_by().values("pk")[: cap + 1].count()
    return (cap, True) if n > cap else (n, False)


def segment_list(*, team) -> QuerySet[Segment]:
    return Segment.objects.filter(team=team).select_related("owner")


def saved_filters(*, team) -> list[tuple[str, str]]:
    """The team's saved segments as (name, query), for the pool list's chips."""
    return list(Segment.objects.filter(team=team).order_by("name").values_list("name", "query")[:30])


def segment_get(*, team, public_id) -> Segment:
    """The team's segment, or 404 (another team's segment does not exist for this team)."""
    try:
        return Segment.objects.select_related("owner").get(team=team, public_id=public_id)
    except (Segment.DoesNotExist, ValueError, TypeError):
        raise Http404("no such segment") from None


def segment_members(
    *, segment: Segment, for_page: bool = False, matches: int | None = None
) -> QuerySet[Candidate]:
    return segment_candidates(team=segment.team, query=segment.query, for_page=for_page, matches=matches)


def segment_count(*, segment: Segment) -> int:
    return count_members(team=segment.team, query=segment.query)


# What member lists show (segment page, builder preview, API, CLI, CSV export) and nothing else: a page of
# 50 builds 15 of the candidate's 44 columns (the datetime columns are the costly ones to convert).
# A list that reads another column would load it with one query per row: tests render every list with a
# fixed number of queries.
MEMBER_COLUMNS = (
    "public_id",
    "first_name",
    "last_name",
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
)


def members_for_display(queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
    """The member columns and the primary email, in one query (``pool.selectors.with_primary_email``)."""
    return with_primary_email(queryset.only(*MEMBER_COLUMNS))


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


def _prefix_range(prefix: str) -> tuple[str, str]:
    """[prefix, next) so that "starts with" reads an index range, also on an expression index."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else "\uffff"


def _tag_values(team, kind: str, prefix: str, limit: int) -> list[str]:
    """Distinct tag values by prefix, read from the (kind, value) index, kept when the team has one."""
    low, high = _prefix_range(prefix)
    found = []
    candidates = (
        CandidateTag.objects.filter(kind=kind, value__gte=low, value__lt=high)
        .order_by("value")
        .values_list("value", flat=True)
        .distinct()
    )
    for value in candidates[: limit * 5]:
        if CandidateTag.objects.filter(kind=kind, value=value, candidate__team=team).exists():
            found.append(value)
            if len(found) == limit:
                break
    return found


def _city_values(team, prefix: str, limit: int) -> list[str]:
    low, high = _prefix_range(prefix.lower())
    lowered = (
        Candidate.objects.filter(team=team)
        .annotate(lc=Lower("city"))
        .filter(lc__gte=low, lc__lt=high)
        .exclude(city="")
        .order_by("lc")
        .values_list("lc", flat=True)
        .distinct()[:limit]
    )
    values = []
    for lc in lowered:  # one row's spelling, read through the same (team, lower(city)) index
        city = (
            Candidate.objects.filter(team=team)
            .annotate(lc=Lower("city"))
            .filter(lc=lc)
            .values_list("city", flat=True)
            .first()
        )
        values.append(city or lc)
    return values


def value_suggestions(*, team, field: str, prefix: str = "", limit: int = 8) -> list[str]:
    """Values that exist in the team's pool for ``field`` and start with ``prefix``.

    Tags and cities read index ranges (fast on a large pool, alphabetical); the rest are ranked by
    frequency.
    """
    folded = fold(prefix)
    values: list[str] = []
    if field in TAG_KINDS:
        values = [_quote(v) for v in _tag_values(team, TAG_KINDS[field], folded, limit)]
    elif field in ("city", "commutable"):
        values = [_quote(v) for v in _city_values(team, prefix.strip(), limit)]
    elif field == "within" and ":" in prefix:
        head, _, place = prefix.rpartition(":")
        values = [f"{head}:{_quote(v)}" for v in _city_values(team, place.strip(), limit)]
    elif field in ("company", "title"):
        column = {"company": "current_company", "title": "current_title"}[field]
        rows = (
            Candidate.objects.filter(team=team, **{f"{column}__istartswith": prefix})
            .exclude(**{column: ""})
            .values(column)
            .annotate(n=Count("id"))
            .order_by("-n", column)[:limit]
        )
        values = [_quote(r[column]) for r in rows]
    elif field == "source":
        rows = (
            CandidateSource.objects.filter(candidate__team=team, name__istartswith=prefix)
            .exclude(name="")
            .values("name")
            .annotate(n=Count("id"))
            .order_by("-n", "name")[:limit]
        )
        values = [_quote(r["name"]) for r in rows]
    elif field in ("intent", "reason"):
        column = "last_reply_intent" if field == "intent" else "last_decline_reason"
        rows = (
            Candidate.objects.filter(team=team, **{f"{column}__startswith": folded})
            .exclude(**{column: ""})
            .values(column)
            .annotate(n=Count("id"))
            .order_by("-n")[:limit]
        )
        values = [r[column] for r in rows]
    elif field == "country":
        rows = (
            Candidate.objects.filter(team=team, country__istartswith=prefix)
            .exclude(country="")
            .values("country")
            .annotate(n=Count("id"))
            .order_by("-n")[:limit]
        )
        values = [r["country"] for r in rows]
    elif field in FIXED_VALUES:
        values = [v for v in FIXED_VALUES[field] if v.startswith(prefix)][:limit]
    return values


def field_suggestions(*, prefix: str = "") -> list[str]:
    names = sorted(f for f in FIELDS if f not in ("last_reason", "custom"))
    return [f for f in names if f.startswith(prefix.lower())]
