import datetime as dt

import pytest
from django.utils import translation

from vivier.segments.query import QueryError, parse, tokenize
from vivier.segments.selectors import segment_candidates

from .conftest import DEMO_QUERY, NOW


def names(team, query):
    return sorted(c.first_name for c in segment_candidates(team=team, query=query, now=NOW))


@pytest.mark.parametrize(
    ("query", "position", "expected"),
    [
        ("(job:backend skill:go", 21, "“)”"),
        ("skill:python)", 12, "“)”"),
        ("skill:", 6, "value"),
        ("colour:blue", 0, "unknown field"),
        ("seniority>=boss", 11, "seniority"),
        ("skill:python OR", 15, "term"),
        ('title:"data engineer', 6, "closing"),
        ("within:30km:Xyzzyville", 7, "place"),
        ("within:lots:Lyon", 7, "distance"),
        ("last_contacted>soon", 15, "duration"),
        ("available<tomorrow", 10, "date"),
        ("snoozed:perhaps", 8, "true or false"),
        ("country:France", 8, "two-letter"),
        ("skill>python", 5, "“:”"),
        ("snoozed:true|maybe", 13, "true or false"),
        ("custom:x", 0, "custom.<field>"),
    ],
)
def test_a_malformed_query_says_where_and_what_was_expected(team, query, position, expected):
    # The messages are translated (French is the default language); the expected words are the English ones.
    with translation.override("en"), pytest.raises(QueryError) as info:
        segment_candidates(team=team, query=query)
    assert info.value.position == position
    assert expected in info.value.message


def test_the_tokenizer_keeps_positions_and_quoted_values():
    tokens = tokenize('title:"data engineer" -skill:java|go within:30km:"Le Mans"')
    term = tokens[0]
    assert (term.field, term.op, term.values, term.pos) == ("title", ":", ["data engineer"], 0)
    assert tokens[1].kind == "NOT" and tokens[1].pos == 22
    assert tokens[2].values == ["java", "go"]
    assert tokens[3].values == ["30km:Le Mans"]


def test_or_binds_looser_than_and():
    tree = parse("a b OR c")
    assert tree.op == "or" and tree.children[0].op == "and"
    assert parse("a | (b c)").op == "or"
    assert parse("  ") is None


def test_the_done_when_segment_finds_senior_backend_developers_near_lyon_not_recently_contacted(
    team, lyon_pool
):
    # Ana (Villeurbanne, never contacted) and Bruno (contacted 8 months ago) are in; Chloé was contacted
    # 2 months ago, David is snoozed, Emma is junior, Farid is in Grenoble (95 km), Gaëlle is frontend.
    assert names(team, DEMO_QUERY) == ["Ana", "Bruno"]


def test_each_term_narrows_the_count(team, lyon_pool):
    counts = [
        len(names(team, q))
        for q in (
            "job:backend",
            "job:backend within:30km:Lyon",
            "job:backend within:30km:Lyon seniority>=senior",
            "job:backend within:30km:Lyon seniority>=senior (contacted:never OR last_contacted>6m)",
            DEMO_QUERY,
        )
    ]
    assert counts == [6, 5, 3 + 1, 3, 2]


def test_profile_terms(team, make_candidate, lyon_pool):
    make_candidate(
        "Hugo",
        "Blanc",
        skills=["PostgreSQL"],
        tags=["Salon VivaTech"],
        langs=["Anglais"],
        contracts=["CDI"],
        sources=["Lever"],
        years_experience=3,
        salary_amount=52000,
        salary_period="year",
        remote_preference="hybrid",
        available_from=dt.date(2026, 12, 1),
        current_title="Data Engineer",
        current_company="Doctolib",
        city="Nantes",
        custom_fields={"level": 3, "school": "INSA"},
        consent_basis="consent",
        consent_expires_at=NOW + dt.timedelta(days=300),
    )
    make_candidate(
        "Inès",
        "Faure",
        salary_amount=600,
        salary_period="day",
        remote_preference="remote",
        consent_basis="consent",
        consent_expires_at=NOW - dt.timedelta(days=1),
        years_experience=12,
    )
    assert names(team, "skill:python") == ["Ana", "David"]
    assert names(team, "skill:postgre*") == ["Hugo"]
    assert names(team, "skill:python|go") == ["Ana", "Bruno", "David"]
    assert names(team, 'tag:"salon vivatech"') == ["Hugo"]
    assert names(team, 'title:"data engineer"') == ["Hugo"]
    assert names(team, "company:doctolib") == ["Ana", "Hugo"]
    assert names(team, "lang:en") == ["Hugo"]
    assert names(team, "contract:permanent") == ["Hugo"]
    assert names(team, "source:lever") == ["Hugo"]
    assert names(team, "years>=5") == ["Ana", "Inès"]
    assert names(team, "salary<=60000") == ["Hugo"]
    assert names(team, "salary<=60k") == ["Hugo"]
    assert names(team, "remote:hybrid") == ["Hugo"]
    assert names(team, "available<2027-01-01") == ["Hugo"]
    assert names(team, "consent:valid") == ["Hugo"]
    assert names(team, "consent:expired") == ["Inès"]
    assert names(team, "custom.school:insa") == ["Hugo"]
    assert names(team, "custom.level>=3") == ["Hugo"]
    assert names(team, "city:nantes") == ["Hugo"]
    assert names(team, "country:fr -city:lyon") == ["Ana", "Farid"]
    assert names(team, "seniority>=lead") == ["Bruno"]
    assert "Emma" in names(team, "-seniority>=senior")  # negation keeps the junior
    assert "Hugo" in names(team, "-seniority>=senior")  # and those whose seniority is unknown


def test_free_words_search_name_title_company_and_skills_without_accents(team, lyon_pool):
    assert names(team, "chloe") == ["Chloé"]
    assert names(team, "développeuse") == ["Ana"]
    assert names(team, "django") == ["Ana"]
    assert names(team, '"lead dev"') == ["Bruno"]


def test_geography_terms(team, make_candidate):
    make_candidate("Jean", "Lyonnais", place="Lyon", max_commute_km=20)
    make_candidate("Karim", "Annecien", place="Annecy", max_commute_km=150)  # ~105 km from Lyon
    make_candidate("Léa", "Parisienne", place="Paris", max_commute_km=10, open_to_relocation=True)
    make_candidate("Marc", "Brestois", place="Brest", max_commute_km=10, remote_preference="remote")
    make_candidate("Nina", "Nantaise", place="Nantes", max_commute_km=30)
    make_candidate("Omar", "Inconnu")
    assert names(team, "within:30km:Lyon") == ["Jean"]
    assert names(team, "within:120km:lyon") == ["Jean", "Karim"]
    assert names(team, "commutable:Lyon") == ["Jean", "Karim", "Léa", "Marc"]
    assert names(team, "-within:30km:Lyon") == ["Karim", "Léa", "Marc", "Nina", "Omar"]


def test_engagement_terms(team, make_candidate):
    make_candidate(
        "Paul",
        "A",
        last_contacted_at=NOW - dt.timedelta(days=200),
        last_reply_at=NOW - dt.timedelta(days=190),
        last_reply_intent="not_interested",
        last_decline_reason="salary",
    )
    make_candidate(
        "Quentin",
        "B",
        last_contacted_at=NOW - dt.timedelta(days=10),
        last_reply_at=NOW,
        last_reply_intent="interested",
        in_active_campaign=True,
    )
    make_candidate("Rose", "C", snoozed_until=NOW + dt.timedelta(days=5), unsubscribed_at=NOW)
    assert names(team, "contacted:never") == ["Rose"]
    assert names(team, "last_contacted>90d") == ["Paul"]
    assert names(team, "last_contacted<30d") == ["Quentin"]
    assert names(team, "last_contacted<2026-01-01") == []
    assert names(team, "replied:yes") == ["Paul", "Quentin"]
    assert names(team, "replied:no") == ["Rose"]
    assert names(team, "intent:interested") == ["Quentin"]
    assert names(team, "reason:salary") == ["Paul"]
    assert names(team, "snoozed:true") == ["Rose"]
    assert names(team, "snoozed:false") == ["Paul", "Quentin"]
    assert names(team, "in_campaign:true") == ["Quentin"]
    assert names(team, "in_campaign:false unsubscribed:false") == ["Paul"]


def test_a_query_never_sees_another_teams_candidates(team, other_team, make_candidate):
    make_candidate("Sam", "Ours", jobs=["Backend"])
    make_candidate("Tom", "Theirs", jobs=["Backend"], team=other_team)
    assert names(team, "job:backend") == ["Sam"]
    assert names(other_team, "job:backend") == ["Tom"]


def test_a_hostile_value_is_only_ever_a_parameter(team, make_candidate):
    make_candidate("Uma", "Safe", jobs=["Backend"])
    assert names(team, 'job:"backend\'); DROP TABLE pool_candidate; --"') == []
    assert names(team, 'custom.x:"\' OR 1=1 --"') == []
    assert names(team, "job:backend") == ["Uma"]


def test_alternative_tags_compile_to_one_subquery(team, lyon_pool):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for query in ("skill:go|java|react*", "skill:go OR skill:java OR skill:react*"):
        with CaptureQueriesContext(connection) as captured:
            assert names(team, query) == ["Bruno", "Chloé", "Gaëlle"]
        assert captured.captured_queries[-1]["sql"].count("pool_candidatetag") == 1
    assert names(team, "job:frontend OR skill:go OR seniority<=junior") == ["Bruno", "Emma", "Gaëlle"]


@pytest.mark.parametrize(
    "query",
    [
        DEMO_QUERY,
        "job:backend",
        "skill:go|java|react*",
        "(skill:python OR skill:go) -job:frontend",
        "lang:en contract:permanent",
        "source:lever",
        "-source:lever",
        "job:frontend OR seniority<=junior",
        "NOT (skill:python OR city:Lyon)",
        "city:Lyon years>=3",
        "contacted:never remote:remote",
        "last_contacted>6m replied:no",
        "intent:interested",
        "reason:salary snoozed:false",
        "country:FR seniority<mid",
        "contacted:true snoozed:true",
        "within:30km:Lyon -within:5km:Lyon",
    ],
)
def test_the_page_shape_selects_the_same_members_in_the_same_order(team, lyon_pool, query):
    counted = segment_candidates(team=team, query=query, now=NOW)
    paged = segment_candidates(team=team, query=query, now=NOW, for_page=True)
    from django.db import connection

    sql = str(paged.query)
    assert "EXISTS" in sql or ("COALESCE" in sql) == (connection.vendor == "sqlite")
    assert list(paged.values_list("id", flat=True)) == list(counted.values_list("id", flat=True))


def test_a_page_of_rare_matches_keeps_the_sorting_shape(team, lyon_pool):
    from vivier.segments.selectors import PAGE_SORT_MAX

    rare = segment_candidates(team=team, query="job:backend", now=NOW, for_page=True, matches=PAGE_SORT_MAX)
    common = segment_candidates(
        team=team, query="job:backend", now=NOW, for_page=True, matches=PAGE_SORT_MAX + 1
    )
    assert "EXISTS" not in str(rare.query) and "EXISTS" in str(common.query)
    assert list(rare.values_list("id", flat=True)) == list(common.values_list("id", flat=True))


def test_count_upto_is_exact_under_the_cap_and_flags_more(team, lyon_pool):
    from vivier.segments.selectors import count_upto

    members = segment_candidates(team=team, query="lang:fr OR lang:en OR job:backend", now=NOW)
    total = members.count()
    assert total >= 3
    assert count_upto(members, cap=total) == (total, False)
    assert count_upto(members, cap=total - 1) == (total - 1, True)


def test_a_source_term_matches_the_name_or_the_kind_once_in_every_shape(team, make_candidate):
    # On SQLite the count shape writes "source:" as two subqueries ORed (each reads its own index); the rows
    # must be those of the one-subquery form the page shape and PostgreSQL use.
    from vivier.pool.services import source_add

    both = make_candidate("Jade", "Roy", sources=["Referral"])  # name "Referral" and, below, kind "referral"
    source_add(candidate=both, kind="referral", name="Cooptation", first_seen_at=NOW)
    by_kind = make_candidate("Karim", "Haddad")
    source_add(candidate=by_kind, kind="referral", name="", first_seen_at=NOW)
    make_candidate("Lou", "Mercier", sources=["REFERRAL"])  # the name, in capitals
    make_candidate("Malo", "Petit", sources=["Lever"])
    make_candidate("Nina", "Garnier")
    for query, expected in (
        ("source:referral", ["Jade", "Karim", "Lou"]),
        ("-source:referral", ["Malo", "Nina"]),
        ("source:referral OR source:lever", ["Jade", "Karim", "Lou", "Malo"]),
        ("source:cooptation -source:lever", ["Jade"]),
    ):
        counted = segment_candidates(team=team, query=query, now=NOW)
        paged = segment_candidates(team=team, query=query, now=NOW, for_page=True)
        assert counted.count() == len(expected)
        assert sorted(c.first_name for c in counted) == expected
        assert sorted(c.first_name for c in paged) == expected


@pytest.mark.parametrize(
    ("query", "joined"),
    [
        (DEMO_QUERY, True),
        ("skill:python seniority>=senior", True),
        ("skill:python skill:django", True),
        ("seniority>=senior (job:backend)", True),
        ("job:backend -skill:python city:Lyon", True),
        ("skill:python|go seniority>=senior", False),
        ("skill:py* seniority>=mid", False),
        ("job:backend OR seniority<=junior", False),
        ("-job:backend seniority>=senior", False),
        ("lang:en contract:permanent", False),
        ("city:Lyon", False),
        ("", False),
    ],
)
def test_the_count_shape_joins_one_tag_term_and_counts_the_same(
    team, other_team, lyon_pool, make_candidate, query, joined
):
    from vivier.pool.models import Candidate
    from vivier.segments.query import compile_count_query
    from vivier.segments.selectors import count_members, count_members_upto

    # Same tags in another team (never counted), and a candidate with several tags of the anchor's kind.
    make_candidate(
        "Xavier",
        "Vasco",
        team=other_team,
        jobs=["Backend"],
        skills=["Python", "Django"],
        seniority=40,
        place="Lyon",
    )
    make_candidate(
        "Yann", "Le Gall", jobs=["Backend", "Data"], skills=["Python", "Django", "Go"], seniority=60
    )
    counted = Candidate.objects.filter(team=team).filter(compile_count_query(query, team=team, now=NOW))
    expected = segment_candidates(team=team, query=query, now=NOW)
    assert ("JOIN" in str(counted.query)) == joined
    assert counted.count() == expected.count() == count_members(team=team, query=query, now=NOW)
    assert sorted(counted.values_list("id", flat=True)) == sorted(expected.values_list("id", flat=True))
    # The builder's capped live count reads the same shape: exact under the cap, flagged over it.
    n = expected.count()
    assert count_members_upto(team=team, query=query, now=NOW, cap=n) == (n, False)
    if n:
        assert count_members_upto(team=team, query=query, now=NOW, cap=n - 1) == (n - 1, True)


def test_a_radius_in_the_page_shape_drops_its_box_on_postgresql_only(team, lyon_pool):
    from django.db import connection

    query = "within:30km:Lyon seniority>=senior"
    counted = segment_candidates(team=team, query=query, now=NOW)
    paged = segment_candidates(team=team, query=query, now=NOW, for_page=True)
    assert "BETWEEN" in str(counted.query)
    assert ("BETWEEN" in str(paged.query)) == (connection.vendor == "sqlite")
    assert list(paged.values_list("id", flat=True)) == list(counted.values_list("id", flat=True))
    assert sorted(c.first_name for c in paged) == ["Ana", "Bruno", "Chloé", "David", "Gaëlle"]


@pytest.mark.django_db
def test_both_databases_have_the_narrow_seniority_commute_and_engagement_probe_indexes():
    from django.db import connection

    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "pool_candidate")
    assert indexes["seg_cand_team_id_seniority"]["columns"][:2] == ["team_id", "id"]
    assert indexes["seg_cand_team_id_commute"]["columns"][:2] == ["team_id", "id"]
    assert indexes["seg_cand_team_id_engagement"]["columns"][:2] == ["team_id", "id"]
    if connection.vendor == "sqlite":  # PostgreSQL carries the other columns as INCLUDE
        assert indexes["seg_cand_team_id_seniority"]["columns"] == ["team_id", "id", "seniority"]
        assert "max_commute_km" in indexes["seg_cand_team_id_commute"]["columns"]
        # The columns of replied:, intent:, reason:, years, city: and country: (pool migration 0003_segment_indexes).
        assert indexes["seg_cand_team_id_engagement"]["columns"] == [
            "team_id",
            "id",
            "last_reply_at",
            "last_reply_intent",
            "last_decline_reason",
            "years_experience",
            "city",
            "country",
        ]
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_indexdef('seg_cand_team_id_engagement'::regclass)")
            definition = cursor.fetchone()[0]
        assert definition.endswith(
            "(team_id, id) INCLUDE (last_reply_at, last_reply_intent, last_decline_reason, "
            "years_experience, city, country)"
        ), definition
