import sqlite3
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from vivier.demo.seed import DEMO_PASSWORD


def _db(user_env):
    return sqlite3.connect(Path(user_env["VIVIER_DATA_DIR"]) / "vivier.db")


def _count(db, sql, *params):
    return db.execute(sql, params).fetchone()[0]


def test_vivier_demo_seeds_a_pool_with_duplicates_to_review_in_both_languages(vivier, user_env):
    result = vivier("demo", "--candidates", "300", "--seed", "4")

    assert "300 candidates" in result.stdout
    assert f"demo / {DEMO_PASSWORD}" in result.stdout
    db = _db(user_env)
    team_id, name = db.execute("select id, name from accounts_team where slug = 'demo'").fetchone()
    assert name == "Démo — Alvéa RH"
    assert _count(db, "select count(*) from pool_candidate where team_id = ?", team_id) == 300
    languages = dict(
        db.execute(
            "select preferred_language, count(*) from pool_candidate group by preferred_language"
        ).fetchall()
    )
    assert set(languages) == {"fr", "en"} and languages["fr"] > languages["en"]
    # ~2% possible duplicates, queued for a human: same name, same company or city, different email.
    pairs = db.execute(
        """
        select a.name_key, b.name_key, a.current_company, b.current_company, a.city, b.city
        from pool_duplicatereview r join pool_candidate a on a.id = r.first_id join pool_candidate b on b.id = r.second_id
        where r.status = 'open' and r.team_id = ?""",
        (team_id,),
    ).fetchall()
    assert len(pairs) == 6
    for key_a, key_b, company_a, company_b, city_a, city_b in pairs:
        assert key_a == key_b and (company_a == company_b or city_a == city_b)
    shared = _count(
        db,
        """
        select count(*) from pool_duplicatereview r
        join pool_candidateemail ea on ea.candidate_id = r.first_id
        join pool_candidateemail eb on eb.candidate_id = r.second_id and eb.email = ea.email""",
    )
    assert shared == 0
    # Every candidate has a primary email, an "imported" timeline event and a source.
    assert _count(db, "select count(*) from pool_candidateemail where is_primary") == 300
    assert (
        _count(db, "select count(distinct candidate_id) from pool_timelineevent where kind = 'imported'")
        == 300
    )
    assert _count(db, "select count(distinct candidate_id) from pool_candidatesource") == 300
    families = {row[0] for row in db.execute("select value from pool_candidatetag where kind = 'job'")}
    assert {"software development", "nursing and care", "logistics and warehouse", "sales"} <= families
    users = dict(db.execute("select username, language from accounts_user").fetchall())
    assert users == {"demo": "fr", "demo-en": "en"}


def test_vivier_demo_twice_does_not_duplicate_and_reset_with_the_same_seed_gives_the_same_pool(
    vivier, user_env
):
    def pool():
        return (
            _db(user_env)
            .execute("select first_name, last_name, current_title, city from pool_candidate order by id")
            .fetchall()
        )

    vivier("demo", "--candidates", "120", "--seed", "1")
    first = pool()
    first_max_id = _count(_db(user_env), "select max(id) from pool_candidate")
    again = vivier("demo", "--candidates", "120", "--seed", "1")

    assert "already exists" in again.stdout
    assert pool() == first
    assert _count(_db(user_env), "select count(*) from accounts_team where slug = 'demo'") == 1

    reset = vivier("demo", "--candidates", "120", "--seed", "1", "--reset")

    assert "120 candidates" in reset.stdout and "already exists" not in reset.stdout
    db = _db(user_env)
    assert _count(db, "select min(id) from pool_candidate") > first_max_id
    assert pool() == first
    assert _count(db, "select count(*) from accounts_user") == 2


@pytest.mark.django_db
def test_vivier_demo_refuses_an_empty_pool():
    with pytest.raises(CommandError, match="at least one candidate"):
        call_command("demo", candidates=0)
