"""The word-suffix index of the search column (SQLite): what it holds, who keeps it, and that free words
find exactly what ``LIKE`` alone finds."""

import importlib

import pytest
from django.db import connection

from vivier.pool import search
from vivier.pool.importing import import_run
from vivier.pool.models import Candidate
from vivier.pool.selectors import candidate_search
from vivier.pool.services import candidate_create, candidate_merge, candidate_update
from vivier.segments.selectors import count_members, segment_candidates

sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="the index exists on SQLite only")


def test_a_text_is_indexed_as_the_grams_of_its_pieces_of_letters():
    assert search.words("pyspark c# jean.dupont1987@gmail.com java go sql") == (
        "pysp yspa spar park ark  jean ean dupo upon pont ont gmai mail ail com java ava  sql"
    )
    assert search.words("") == ""
    # Non-ASCII letters stay inside their piece, as FTS5's "ascii" tokenizer reads them.
    assert search.words("bjørn") == "bjør jørn ørn"


def test_a_pattern_is_looked_up_by_the_grams_of_its_pieces():
    assert search.match_expression(["data engineer", "spark"]) == (
        '"data" AND "engi" AND "ngin" AND "gine" AND "inee" AND "neer" AND "spar" AND "park"'
    )
    assert search.match_expression(["sql", "node.js"]) == '"sql"* AND "node"'
    assert search.match_expression(["c#", "go", "1987"]) is None  # nothing the index can answer: LIKE alone
    assert (
        search.match_expression(["abcdefghijklmnopqrstuvwxyz" * 3]).count("AND") == search.MATCH_TERMS_MAX - 1
    )


def indexed(pattern: str) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {search.TABLE} WHERE {search.TABLE} MATCH %s",
            [search.match_expression([pattern])],
        )
        return {row[0] for row in cursor.fetchall()}


def assert_index_mirrors_search_text(team, patterns):
    for pattern in patterns:
        expected = {c.id for c in Candidate.objects.all() if pattern in c.search_text}
        assert indexed(pattern) >= expected, pattern  # a filter: it may return more, never fewer
        assert {c.id for c in Candidate.objects.filter(search.contains_q([pattern]))} == expected, pattern


@sqlite_only
def test_every_writer_keeps_the_index(team, tmp_path):
    ana = candidate_create(
        team=team,
        first_name="Ana",
        last_name="Lopez",
        emails=["ana@pyspark.example"],
        current_title="Data engineer",
        tags={"skill": ["PostgreSQL"]},
    )
    bob = candidate_create(team=team, first_name="Bob", last_name="Martin", current_title="Développeur Java")
    assert_index_mirrors_search_text(team, ["spark", "gres", "engineer", "lopez", "velo", "java", "martin"])

    candidate_update(candidate=ana, current_title="Ingénieure logicielle")  # the old title leaves the index
    assert indexed("engineer") == set()
    assert indexed("logic") == {ana.id}

    csv = tmp_path / "pool.csv"
    csv.write_text(
        "Prénom;Nom;E-mail;Poste\nBob;Martin;bob@kotlin.example;Lead Kotlin\n"
        "Chloé;Durand;chloe@example.com;Infirmière\n",
        encoding="utf-8",
    )
    import_run(team=team, paths=[csv])
    chloe = Candidate.objects.get(first_name="Chloé")
    assert indexed("kotlin") == {Candidate.objects.get(emails__email="bob@kotlin.example").id}
    assert indexed("infirm") == {chloe.id}

    candidate_merge(keep=bob, other=chloe)  # the merged-away candidate leaves the index
    assert not Candidate.objects.filter(pk=chloe.pk).exists()
    assert_index_mirrors_search_text(team, ["infirm", "durand", "kotlin", "martin", "java", "spark"])

    Candidate.objects.filter(pk=ana.pk).delete()
    assert indexed("lopez") == set()
    assert_index_mirrors_search_text(team, ["spark", "gres", "logic", "martin", "durand"])


@sqlite_only
def test_the_migration_indexes_the_candidates_already_there(team):
    ana = candidate_create(team=team, first_name="Ana", current_title="Data engineer")
    migration = importlib.import_module("vivier.pool.migrations.0002_search_words")

    class Editor:
        connection = connection

        @staticmethod
        def execute(sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)

    migration.backwards(None, Editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE %s", [f"{search.TABLE}%"])
        assert cursor.fetchone()[0] == 0
    Candidate.objects.filter(pk=ana.pk).update(current_title="x")  # no trigger, no table: still writable
    with pytest.MonkeyPatch.context() as mp:  # a SQLite without FTS5: no index, nothing else changes
        mp.setattr(search, "fts5_available", lambda: False)
        migration.forwards(None, Editor)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE %s", [f"{search.TABLE}%"])
            assert cursor.fetchone()[0] == 0
    migration.forwards(None, Editor)
    assert indexed("engineer") == {ana.id}


QUERIES = [
    "spark",
    "sql",
    "gres",
    "engineer",
    '"data engineer"',
    '"ta engi"',
    "node.js",
    "c#",
    "go",
    "jo",
    "@",
    "dupont",
    "upon",
    "bjørn",
    "ørn",
    "zzz",
    "data -spark",
    "spark OR kotlin",
    "-engineer",
    "ana lopez",
    '"engineer, spark"',
    "eng",
    "gineer",
    "a-b",
    "l’oréal",
    "oreal",
    "(data OR kotlin) -(lead)",
]
POOL = [
    ("Ana", "Lopez", "Data engineer", ["PySpark", "PostgreSQL"], "ana.dupont@gmail.example", ""),
    ("Bjørn", "Olsen", "Node.js developer", ["C#", "Go"], "bjorn@example.no", ""),
    ("Chloé", "Durand", "Ingénieure data", ["Spark"], "chloe@l-oreal.example", ""),
    ("Dan", "Upon", "Engineer, Spark", ["Kotlin"], "", ""),
    ("Eve", "A-B", "Cheffe de projet", [], "", ""),
    ("Fay", "Durand", "Responsable", [], "fay@example.fr", "L’Oréal"),
    ("Gus", "", "Data engineering lead", ["Kotlin", "Java"], "", ""),
]


@pytest.fixture
def varied_pool(team):
    for first, last, title, skills, email, company in POOL:
        candidate_create(
            team=team,
            first_name=first,
            last_name=last,
            current_title=title,
            current_company=company,
            tags={"skill": skills},
            emails=[email] if email else [],
        )


def members(team, query):
    return (
        sorted(c.first_name for c in segment_candidates(team=team, query=query)),
        sorted(c.first_name for c in segment_candidates(team=team, query=query, for_page=True)),
        count_members(team=team, query=query),
        sorted(c.first_name for c in candidate_search(team=team, q=query))
        if " " not in query and not query.startswith(("-", "("))
        else None,
    )


@pytest.mark.parametrize("query", QUERIES)
def test_free_words_find_what_the_substring_test_alone_finds(team, varied_pool, monkeypatch, query):
    found = members(team, query)
    assert found[1] == found[0] and found[2] == len(found[0])
    monkeypatch.setattr(search, "match_expression", lambda patterns: None)  # LIKE alone, no index
    assert members(team, query) == found


def test_free_words_match_inside_words_and_across_punctuation(team, varied_pool):
    assert members(team, "sql")[0] == ["Ana"]  # in "postgresql"
    assert members(team, "gineer")[0] == ["Ana", "Dan", "Gus"]
    assert members(team, '"ta engi"')[0] == ["Ana", "Gus"]  # "data engineer", "data engineering"
    assert members(team, "oreal")[0] == ["Chloé", "Fay"]  # an email's domain, a company
    assert members(team, "node.js")[0] == ["Bjørn"]
    assert members(team, "-spark")[0] == ["Bjørn", "Eve", "Fay", "Gus"]


@sqlite_only
def test_a_count_of_free_words_reads_the_index_and_a_short_word_reads_the_texts(team):
    candidate_create(team=team, first_name="Ana", current_title="Data engineer")
    queryset = Candidate.objects.filter(team=team).filter(search.contains_q(["engineer", "data"]))
    assert "VIRTUAL TABLE" in queryset.explain()
    assert list(queryset.values_list("first_name", flat=True)) == ["Ana"]
    assert "VIRTUAL TABLE" not in Candidate.objects.filter(search.contains_q(["go"])).explain()
    # The pool list's search box goes through it too.
    assert "VIRTUAL TABLE" in candidate_search(team=team, q="Engineer").explain()
    assert [c.first_name for c in candidate_search(team=team, q="GINEER")] == ["Ana"]
    # A pasted paragraph: many grams, a valid lookup.
    assert list(candidate_search(team=team, q="data engineer " + "abcdefghijklmnopqrstuvwxyz" * 20)) == []


@sqlite_only
def test_the_index_returns_every_text_containing_any_substring(team):
    """The filter's one promise, on random texts: any substring of any text finds that text."""
    import random

    from vivier.lib.text import fold

    rnd = random.Random(7)
    alphabet = "abcdeilnorstu" + "éøß" + "0123456789" + " .-@#'’"
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 30))) for _ in range(60)]
    for i, text in enumerate(texts):
        candidate_create(team=team, first_name=f"C{i}", current_title=text)
    stored = {c.id: c.search_text for c in Candidate.objects.filter(team=team)}
    assert any(fold(text) in " ".join(stored.values()) for text in texts)
    for _ in range(400):
        text = rnd.choice(list(stored.values()))
        start = rnd.randrange(len(text))
        pattern = text[start : start + rnd.randint(1, 12)]
        if search.match_expression([pattern]) is None:
            continue
        containing = {pk for pk, t in stored.items() if pattern in t}
        assert indexed(pattern) >= containing, pattern
        assert {c.id for c in Candidate.objects.filter(search.contains_q([pattern]))} == containing, pattern


@sqlite_only
def test_a_first_page_and_a_negated_word_read_the_texts_only(team):
    """A first page walks the newest-first index and stops after a page; under a NOT the index adds work."""

    def sql(query, **kw):
        return str(segment_candidates(team=team, query=query, **kw).query)

    assert search.TABLE in sql("engineer spark")
    assert search.TABLE not in sql("engineer spark", for_page=True)
    assert search.TABLE in sql("engineer spark", for_page=True, matches=10)  # a rare match is sorted: indexed
    assert search.TABLE not in sql("-engineer")
    assert sql("data -engineer").count("MATCH") == 1  # "data" only


@sqlite_only
def test_without_fts5_there_is_no_index_and_free_words_read_the_texts(team, monkeypatch):
    ana = candidate_create(team=team, first_name="Ana", current_title="Data engineer")
    assert search.fts5_available() is True  # this machine's SQLite has it
    monkeypatch.setattr(search, "fts5_available", lambda: False)
    queryset = Candidate.objects.filter(team=team).filter(search.contains_q(["engineer"]))
    assert "VIRTUAL TABLE" not in queryset.explain()
    assert list(queryset) == [ana]
