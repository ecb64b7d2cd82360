"""Tag-only queries are counted on the tag table alone: the same figure as the generic count, always."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vivier.segments.query import radius_count, tag_count
from vivier.segments.selectors import count_members, count_members_upto, segment_candidates, segment_count
from vivier.segments.services import segment_create

from .conftest import DEMO_QUERY, NOW


@pytest.fixture
def tag_pool(team, other_team, make_candidate):
    make_candidate(
        "Ana",
        "Lopez",
        jobs=["Backend"],
        skills=["Python", "Django"],
        langs=["Anglais", "Français"],
        contracts=["CDI"],
        tags=["Remote"],
    )
    make_candidate(
        "Bruno",
        "Marchal",
        jobs=["Backend", "Data"],
        skills=["Go", "Rust"],
        langs=["English"],
        contracts=["freelance"],
    )
    make_candidate(
        "Chloé", "Roux", jobs=["Data"], skills=["Scala", "Spark", "Python"], contracts=["permanent"]
    )
    make_candidate(
        "David",
        "Nguyen",
        jobs=["Frontend"],
        skills=["React", "Rust"],
        langs=["Deutsch"],
        contracts=["cdd", "interim"],
    )
    make_candidate("Emma", "Petit", jobs=["Data"], skills=["Rust"], tags=["Python"])  # tag:python, not skill
    make_candidate("Farid", "Benali")  # no tags at all
    # Another team with the same tags: never counted.
    for first in ("Xavier", "Yasmine", "Zoé"):
        make_candidate(
            first,
            "Vasco",
            team=other_team,
            jobs=["Backend", "Data"],
            skills=["Python", "Rust", "Scala"],
            langs=["English"],
            contracts=["cdi"],
        )


FAST = [
    "job:backend",
    "job:Backend",
    "skill:python",
    "skill:rust|scala",
    "skill:py*",
    "skill:r*|go",
    "skill:rust OR skill:scala",
    "(skill:rust OR skill:scala) -job:data",
    "skill:rust -job:data -job:frontend",
    "job:backend skill:python",
    "job:data AND skill:rust",
    "job:data (skill:spark OR skill:rust)",
    "skill:rust -(job:data skill:scala)",
    "skill:rust -(job:data OR job:frontend)",
    "job:data NOT tag:python",
    "((skill:python))",
    "lang:en",
    "lang:en|de",
    "lang:anglais",
    "contract:permanent",
    "contract:cdd|interim",
    "contract:permanent lang:en",
    "job:backend OR contract:interim",
    "tag:python OR skill:python",
    "interest:cooking",
    "job:nobody",
    "skill:rust -skill:rust",
    "skill:cobol OR job:nobody",
    "lang:fr*",
    "skill:rust -(skill:go job:backend) -(lang:de)",
    "skill:py* OR job:data OR lang:en OR skill:rust|go",
    "(skill:sc* OR skill:rust) (job:data OR contract:freelance) -lang:de",
    "(job:backend | job:frontend) -(skill:python OR skill:react)",
]
GENERIC = [
    "-job:data",
    "",
    "NOT skill:rust",
    "job:backend city:Lyon",
    "skill:python Ana",
    "job:backend OR Ana",
    "(job:data skill:rust) OR job:frontend",
    "custom.x:1",
    "skill:rust (job:data skill:scala OR lang:de)",
]


@pytest.mark.parametrize("query", FAST)
def test_a_tag_only_query_counts_the_same_on_the_tag_table(team, tag_pool, query):
    expected = segment_candidates(team=team, query=query, now=NOW).count()
    assert tag_count(query, team=team, combine=True) == expected
    assert tag_count(query, team=team, combine=False) in (expected, None)  # SQLite's set operations
    assert tag_count(query, team=team) in (expected, None if connection.vendor == "sqlite" else expected)
    assert count_members(team=team, query=query, now=NOW) == expected
    assert count_members_upto(team=team, query=query, now=NOW, cap=2) == (
        (2, True) if expected > 2 else (expected, False)
    )


@pytest.mark.parametrize("query", GENERIC)
def test_other_queries_are_counted_the_generic_way(team, tag_pool, query):
    assert tag_count(query, team=team) is None
    assert (
        count_members(team=team, query=query, now=NOW)
        == segment_candidates(team=team, query=query, now=NOW).count()
    )


@pytest.mark.parametrize(
    "query",
    [
        "job:backend",
        "skill:rust|scala",
        "skill:rust OR tag:python",
        "lang:en",
        "(skill:rust OR job:frontend)",
        "contract:cdd|interim",
    ],
)
def test_one_value_or_alternatives_take_the_fast_path_on_every_database(team, tag_pool, query):
    assert tag_count(query, team=team) == segment_candidates(team=team, query=query, now=NOW).count()


def test_the_counts_are_the_expected_people(team, other_team, tag_pool):
    assert count_members(team=team, query="job:backend") == 2
    assert count_members(team=team, query="skill:rust|scala") == 4
    assert count_members(team=team, query="(skill:rust OR skill:scala) -job:data") == 1  # David
    assert count_members(team=team, query="lang:en") == 2
    assert count_members(team=other_team, query="job:backend skill:rust") == 3
    assert count_members(team=team, query="job:nobody") == 0


def test_a_bad_tag_term_still_raises_where_it_is(team, tag_pool):
    from vivier.segments.query import QueryError

    with pytest.raises(QueryError):
        count_members(team=team, query="skill>python")
    with pytest.raises(QueryError):
        count_members(team=team, query="skill:rust colour:blue")


def test_a_single_tag_value_is_one_count_of_tag_rows(team, tag_pool, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        assert tag_count("job:backend", team=team) == 2
    sql = captured.captured_queries[0]["sql"]
    assert 'pool_candidate"' not in sql.replace("pool_candidatetag", "") and "DISTINCT" not in sql


def test_a_saved_segment_counts_through_the_fast_path(team, alice, tag_pool):
    segment = segment_create(team=team, owner=alice, name="Rust", query="skill:rust -job:data")
    assert segment_count(segment=segment) == 1


@pytest.mark.parametrize(
    ("query", "operation"),
    [
        ("(skill:rust OR skill:scala) -job:data", "EXCEPT"),
        ("skill:rust -job:data -job:frontend", "EXCEPT"),
        ("job:backend skill:python", "INTERSECT"),
        ("job:data (skill:spark OR skill:rust) -lang:de", "EXCEPT"),
        ("contract:permanent lang:en", "INTERSECT"),
        ("skill:rust -skill:rust", "EXCEPT"),
    ],
)
def test_sqlite_counts_ands_of_tag_terms_with_set_operations(
    team, tag_pool, query, operation, django_assert_num_queries
):
    # The shape SQLite uses (combine=False); forced here on PostgreSQL too, which must count the same.
    expected = segment_candidates(team=team, query=query, now=NOW).count()
    with django_assert_num_queries(1) as captured:
        assert tag_count(query, team=team, combine=False) == expected
    assert operation in captured.captured_queries[0]["sql"]
    assert count_members(team=team, query=query, now=NOW) == expected


@pytest.mark.parametrize(
    ("query", "by_sets"),
    [
        ("-job:data skill:rust", True),
        ("skill:rust -(job:data OR job:frontend)", True),
        ("job:backend -(skill:go|rust)", True),
        ("skill:rust -(job:data skill:scala)", False),
        ("-job:data", False),
        ("skill:rust OR (job:data skill:spark)", False),
    ],
)
def test_set_operations_take_negated_alternatives_and_leave_the_rest_to_the_generic_count(
    team, tag_pool, query, by_sets
):
    expected = segment_candidates(team=team, query=query, now=NOW).count()
    assert tag_count(query, team=team, combine=False) == (expected if by_sets else None)
    assert count_members(team=team, query=query, now=NOW) == expected


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's compound SELECT, left to right")
@pytest.mark.parametrize(
    ("query", "merged"),
    [
        ("(skill:rust OR skill:scala) -job:data", True),
        ("skill:rust -job:data -job:frontend", True),
        ("job:backend skill:python", True),
        ("job:data (skill:spark OR skill:rust) -lang:de", True),
        ("skill:py* -(job:data OR job:frontend)", True),
        ("(skill:sc* OR skill:rust) job:data -lang:de", True),
        ("contract:permanent lang:en", False),  # two ORs of values: (A1 UNION A2) INTERSECT (B1 UNION B2)
        ("(skill:sc* OR skill:rust) (job:data OR contract:freelance) -lang:de", False),
    ],
)
def test_sqlite_counts_one_or_and_the_rest_with_its_merge_of_sorted_ids(
    team, tag_pool, query, merged, django_assert_num_queries
):
    expected = segment_candidates(team=team, query=query, now=NOW).count()
    with django_assert_num_queries(1) as captured:
        assert tag_count(query, team=team) == expected
    assert captured.captured_queries[0]["sql"].endswith("ORDER BY 1)") == merged


# --- Tag terms with a radius (SQLite: radius_count) ----------------------------------------------------

RADIUS = [
    "job:backend within:30km:Lyon",
    "within:30km:Lyon job:backend seniority>=senior",
    "job:backend within:30km:Lyon seniority>=senior (contacted:never OR last_contacted>6m) snoozed:false",
    "(job:backend OR job:frontend) within:30km:Lyon",
    "skill:py* within:30km:Lyon",
    "skill:python|go within:5km:Lyon",
    "job:backend within:30km:Lyon -skill:go",
    "job:backend within:30km:Lyon -(skill:go OR skill:java)",
    "job:backend skill:python within:30km:Lyon",
    "job:backend within:200km:Lyon Ana",
    "job:backend within:30km:Lyon within:120km:Grenoble",
    "job:frontend within:30km:Grenoble",
]
NOT_RADIUS = [
    "within:30km:Lyon",
    "job:backend city:Lyon",
    "job:backend -within:30km:Lyon",
    "job:backend (within:30km:Lyon OR city:Grenoble)",
    "job:backend OR within:30km:Lyon",
    "(job:backend within:30km:Lyon) OR job:frontend",
    "job:backend seniority>=senior",
]


@pytest.mark.parametrize("query", RADIUS)
def test_tag_terms_with_a_radius_count_the_same_members(team, lyon_pool, query):
    expected = segment_candidates(team=team, query=query, now=NOW).count()
    assert radius_count(query, team=team, now=NOW) == expected
    with CaptureQueriesContext(connection) as captured:
        assert count_members(team=team, query=query, now=NOW) == expected
    sql = [q["sql"] for q in captured.captured_queries]
    if connection.vendor == "sqlite":  # one merged compound SELECT
        assert len(sql) == 1 and "INTERSECT" in sql[0] and sql[0].endswith("ORDER BY 1)")
    else:  # the join counted with nested loops off, then the setting restored
        settings = [s for s in sql if "set_config('enable_nestloop'" in s]
        assert len(settings) == 2 and "'off'" in settings[0]
        assert [s for s in sql if "COUNT(*)" in s]
    assert count_members_upto(team=team, query=query, now=NOW, cap=1) == (
        (1, True) if expected > 1 else (expected, False)
    )


@pytest.mark.parametrize("query", NOT_RADIUS)
def test_other_queries_with_a_radius_or_a_tag_are_not_counted_by_radius(team, lyon_pool, query):
    assert radius_count(query, team=team, now=NOW) is None
    assert (
        count_members(team=team, query=query, now=NOW)
        == segment_candidates(team=team, query=query, now=NOW).count()
    )


def test_the_radius_count_is_the_demo_segment_people(team, lyon_pool, other_team, make_candidate):
    # Another team's senior backend developer in Lyon is never counted; Ana and Bruno are (see seed_lyon_pool).
    make_candidate("Xavier", "Vasco", team=other_team, jobs=["Backend"], place="Lyon", seniority=40)
    assert radius_count(DEMO_QUERY, team=team, now=NOW) == 2
    assert radius_count("job:backend within:30km:Lyon", team=team, now=NOW) == 5  # not Farid (Grenoble)
    assert radius_count("job:backend within:30km:Lyon -skill:python", team=team, now=NOW) == 3
    assert radius_count("job:backend within:30km:Lyon", team=other_team, now=NOW) == 1
