"""SQLite plans for counts the planner misjudges without stat4 statistics (what the bench measures at scale)."""

import datetime as dt

import pytest
from django.db import connection

from vivier.lib.dbstats import statistics_refresh
from vivier.pool.models import Candidate, CandidateTag
from vivier.segments.query import compile_count_query
from vivier.segments.selectors import count_members

from .conftest import NOW

pytestmark = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's planner")


@pytest.fixture
def analyzed_pool(team):
    """2,000 candidates: 80% never replied (the rest on 400 different days), 12% backend developers (200 who
    never replied, 40 who did); nobody was ever contacted."""
    day = dt.timedelta(days=1)
    Candidate.objects.bulk_create(
        [
            Candidate(team=team, first_name=f"C{i}", last_reply_at=None if i % 5 else NOW - (i % 400) * day)
            for i in range(2000)
        ]
    )
    ids = list(Candidate.objects.filter(team=team).order_by("pk").values_list("pk", flat=True))
    CandidateTag.objects.bulk_create(
        [
            CandidateTag(team=team, candidate_id=pk, kind="job", value="backend", label="Backend")
            for i, pk in enumerate(ids)
            if i % 10 == 1 or i % 50 == 0
        ]
    )
    statistics_refresh()
    return ids


def _plan(team, query: str) -> list[str]:
    members = Candidate.objects.filter(team=team).filter(compile_count_query(query, team=team, now=NOW))
    sql, params = members.query.get_compiler(using="default").as_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("job:backend replied:no", 200),
        ("job:backend contacted:never", 240),
        ("replied:no contacted:never job:backend", 200),
    ],
)
def test_a_tag_with_never_replied_or_contacted_reads_the_tag_first(team, analyzed_pool, query, expected):
    # Read through the last_reply_at index, "IS NULL" would be 1,600 candidates each probing the tag index.
    assert count_members(team=team, query=query, now=NOW) == expected
    plan = _plan(team, query)
    assert "pool_candidatetag" in plan[0], plan


def test_never_replied_alone_counts_the_same(team, analyzed_pool):
    assert count_members(team=team, query="replied:no", now=NOW) == 1600
    assert count_members(team=team, query="-replied:no", now=NOW) == 400
    assert count_members(team=team, query="contacted:never replied:yes", now=NOW) == 400
