"""Who is the same person, and who only might be.

Same person (merged automatically by the import): a shared normalized email, E.164 phone or canonical
profile URL (LinkedIn above all) within the team. These are ``identity_keys``; each is unique per team in
the database, so one key names at most one candidate.

Possible duplicate (never merged automatically): the same folded full name (``Candidate.name_key``) plus
the same company or the same city, compared case- and accent-insensitively. ``duplicates_queue`` records
such pairs as ``DuplicateReview`` rows (older candidate first) for a recruiter to decide.

Functions for other parts of Vivier:

- ``identity_keys(*, emails, phones, urls) -> list[str]``
- ``candidates_by_identity(*, team_id, emails=(), phones=(), urls=()) -> dict[str, int]``: key -> candidate id
- ``duplicates_queue(*, team_id, candidate_ids) -> int``: check these (new or edited) candidates against the
  team's pool and open reviews; returns how many were opened. The manual-add service can call it too.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from vivier.lib import clock
from vivier.lib.text import fold_cached as fold

from .models import Candidate, CandidateEmail, CandidatePhone, CandidateProfile, DuplicateReview

# A very common name ("Marie Martin") in a big city must not open hundreds of reviews per newcomer.
MAX_REVIEWS_PER_CANDIDATE = 3
_FIRST = MAX_REVIEWS_PER_CANDIDATE + 1
_IN_BATCH = 900
_NAMES_AT_ONCE = 2000  # name keys per query of the possible-duplicate check


def _select_in(sql: str, params: list, values: list, size: int = 5000):
    """Run ``sql`` (ending with ``IN ({})``) over slices of ``values``; raw SQL because this runs once per
    chunk of a million-row import with thousands of parameters, where the ORM's per-parameter cost shows."""
    with connection.cursor() as cursor:
        for batch in _batches(values, size):
            cursor.execute(sql.format(", ".join(["%s"] * len(batch))), [*params, *batch])
            yield from cursor.fetchall()


def identity_keys(
    *, emails: Iterable[str] = (), phones: Iterable[str] = (), urls: Iterable[str] = ()
) -> list[str]:
    return [f"e:{e}" for e in emails] + [f"p:{p}" for p in phones] + [f"u:{u}" for u in urls]


def _batches(values: list, size: int = _IN_BATCH):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def candidates_by_identity(
    *, team_id: int, emails: Iterable[str] = (), phones: Iterable[str] = (), urls: Iterable[str] = ()
) -> dict[str, int]:
    """One query per identity kind (in slices that fit any backend's parameter limit)."""
    found: dict[str, int] = {}
    for prefix, model, column, values in (
        ("e:", CandidateEmail, "email", emails),
        ("p:", CandidatePhone, "e164", phones),
        ("u:", CandidateProfile, "url", urls),
    ):
        values = list(dict.fromkeys(values))
        sql = (
            f"SELECT {column}, candidate_id FROM {model._meta.db_table} "  # noqa: S608 (names are ours)
            f"WHERE team_id = %s AND {column} IN ({{}})"
        )
        for value, candidate_id in _select_in(sql, [team_id], values):
            found[prefix + value] = candidate_id
    return found


def same_place_or_company(a: dict, b: dict) -> str:
    """The reason two same-name candidates might be one person, or "" when they only share a name."""
    if a["current_company"] and fold(a["current_company"]) == fold(b["current_company"]):
        return f"same name and company ({b['current_company']})"
    if a["city"] and fold(a["city"]) == fold(b["city"]):
        return f"same name and city ({b['city']})"
    return ""


def duplicates_queue(
    *, team_id: int, candidate_ids: Iterable[int] = (), subjects: list[dict] | None = None
) -> int:
    """Open a review for each pair (new candidate, same-name candidate sharing its company or city).

    1. load the given candidates' name keys, companies and cities;
    2. one query per slice of name keys for the same-name candidates of the team, narrowed in SQL to
       those with a company or city at all;
    3. pair them in Python (folded comparison), older candidate first; existing pairs are left alone.
    """
    columns = ("id", "name_key", "current_company", "city")
    if subjects is None:
        subjects = []
        for batch in _batches(list(candidate_ids)):
            subjects += Candidate.objects.filter(id__in=batch).exclude(name_key="").values(*columns)
    subjects = [s for s in subjects if s["name_key"] and (s["current_company"] or s["city"])]
    if not subjects:
        return 0
    # Sorted in Python, not with ORDER BY id: asked for id order, SQLite without statistics walks the whole
    # team through a (team, id) index instead of reading the name-key index (on a large pool, most of the
    # time of an import's chunk).
    sql = (
        f"SELECT id, name_key, current_company, city FROM {Candidate._meta.db_table} "
        "WHERE team_id = %s AND (current_company <> '' OR city <> '') AND name_key IN ({})"
    )
    # Pairs only ever join same-name candidates, so the names are taken a slice at a time: memory holds the
    # same-name rows of one slice (a chunk of a large import meets hundreds of thousands in a big pool).
    positions: dict[str, list[int]] = {}
    for position, subject in enumerate(subjects):
        positions.setdefault(subject["name_key"], []).append(position)
    names = sorted(positions)
    # What the subjects can match: a large pool has many same-name rows per subject, few of them sharing its
    # company or city, and only those are kept.
    wanted_companies = {(s["name_key"], fold(s["current_company"])) for s in subjects if s["current_company"]}
    wanted_cities = {(s["name_key"], fold(s["city"])) for s in subjects if s["city"]}
    found: dict[tuple[int, int], tuple[int, int, str]] = {}  # pair -> (subject position, rank, reason)
    for start in range(0, len(names), _NAMES_AT_ONCE):
        keys = names[start : start + _NAMES_AT_ONCE]
        # (name key, folded company) and (name key, folded city) -> the candidates having them, in id order,
        # as (id, 0, company) and (id, 1, city): each row is folded once, and a subject meets only the
        # same-name candidates sharing its company or city (a common name has thousands in a large pool), in
        # the order the pairwise check over all of them (company first, then city; ``same_place_or_company``)
        # would find them.
        by_company: dict[tuple[str, str], list[tuple]] = {}
        by_city: dict[tuple[str, str], list[tuple]] = {}
        for oid, key, other_company, other_city in _select_in(sql, [team_id], keys):
            wanted = (key, fold(other_company))
            if wanted in wanted_companies:
                by_company.setdefault(wanted, []).append((oid, 0, other_company))
            wanted = (key, fold(other_city))
            if wanted in wanted_cities:
                by_city.setdefault(wanted, []).append((oid, 1, other_city))
        for same in (*by_company.values(), *by_city.values()):
            same.sort()  # id order
        for key in keys:
            for position in positions[key]:
                subject = subjects[position]
                sid, company, city = subject["id"], subject["current_company"], subject["city"]
                same_company = by_company.get((key, fold(company)), ()) if company else ()
                same_city = by_city.get((key, fold(city)), ()) if city else ()
                # The first MAX_REVIEWS_PER_CANDIDATE others in id order are among the first that many + 1 (the
                # subject itself may be one) of each list; sorted, the company match of an id comes first.
                others = (
                    sorted(same_company[:_FIRST] + same_city[:_FIRST])
                    if same_company and same_city
                    else same_company or same_city
                )
                opened = 0
                last = None
                for oid, by_city_too, value in others:
                    if oid == sid or oid == last:  # oneself, or the same candidate by city after by company
                        continue
                    last = oid
                    pair = (min(sid, oid), max(sid, oid))
                    if pair not in found:
                        found[pair] = (position, len(found), ("city" if by_city_too else "company", value))
                    opened += 1
                    if opened >= MAX_REVIEWS_PER_CANDIDATE:
                        break
    if found:
        # in the order the subjects were given, each one's pairs in the order found
        _reviews_insert(
            team_id,
            {pair: reason for pair, (_, _, reason) in sorted(found.items(), key=lambda item: item[1][:2])},
        )
    return len(found)


def _reviews_insert(team_id: int, reviews: dict[tuple[int, int], tuple[str, str]]) -> None:
    """``bulk_create(ignore_conflicts=True)`` of open reviews (a pair already queued is left as it is),
    without a model instance per pair (an import queues hundreds of thousands) and with time-ordered public
    ids, which append to the public-id index instead of landing at random places in it."""
    from vivier.pool.importing.bulk import Inserter, db_datetime, db_json, db_uuid7s

    at = db_datetime(clock.now())
    rows = [
        (
            public_id,
            team_id,
            first,
            second,
            f"same name and {code} ({value})"[:200],
            code,
            db_json({"value": value[:200]}),
            DuplicateReview.Status.OPEN,
            at,
        )
        for public_id, ((first, second), (code, value)) in zip(
            db_uuid7s(len(reviews)), reviews.items(), strict=True
        )
    ]
    Inserter(
        DuplicateReview,
        [
            "public_id",
            "team_id",
            "first_id",
            "second_id",
            "reason",
            "reason_code",
            "reason_params",
            "status",
            "created_at",
        ],
        ignore_conflicts=True,
    ).insert(rows)


def review_open(*, team_id: int, first_id: int, second_id: int, reason: str, reason_code: str) -> None:
    """Queue a pair found by other means (two existing candidates sharing one import row's identities)."""
    a, b = sorted((first_id, second_id))
    DuplicateReview.objects.bulk_create(
        [
            DuplicateReview(
                team_id=team_id,
                first_id=a,
                second_id=b,
                reason=reason[:200],
                reason_code=reason_code,
                created_at=clock.now(),
            )
        ],
        ignore_conflicts=True,
    )
