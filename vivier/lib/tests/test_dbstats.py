import pytest
from django.db import connection, transaction

from vivier.lib.dbstats import statistics_refresh, without_nested_loops
from vivier.pool.tests.factories import candidate_make


def _candidate_statistics() -> int:
    """Rows of planner statistics about pool_candidate (0 before any ANALYZE)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone():
                return 0
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'pool_candidate'")
        else:
            cursor.execute("SELECT COUNT(*) FROM pg_stats WHERE tablename = 'pool_candidate'")
        return cursor.fetchone()[0]


def test_it_records_planner_statistics_for_the_pool_after_a_bulk_write(team):
    for i in range(3):
        candidate_make(team=team, first_name=f"Ana{i}", last_name="Stat", jobs=["Backend"])
    statistics_refresh()
    assert _candidate_statistics() > 0
    statistics_refresh(full=False)  # the cheap form runs too
    assert _candidate_statistics() > 0


def test_the_cheap_form_analyzes_when_there_are_no_statistics_yet(team):
    """``PRAGMA optimize`` alone may leave a first bulk load with no statistics at all (SQLite)."""
    for i in range(3):
        candidate_make(team=team, first_name=f"Ana{i}", last_name="Stat", jobs=["Backend"])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone():
                cursor.execute("DELETE FROM sqlite_stat1")
        assert _candidate_statistics() == 0
    statistics_refresh(full=False)
    assert _candidate_statistics() > 0


needs_postgres = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="a PostgreSQL planner setting"
)


def _nestloop() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_nestloop")
        return cursor.fetchone()[0]


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


JOIN = "SELECT COUNT(*) FROM pool_candidate c JOIN pool_candidatetag t ON t.candidate_id = c.id"


@needs_postgres
def test_without_nested_loops_plans_the_block_with_other_joins_then_restores_the_setting(db):
    with transaction.atomic():  # inside a request's transaction: the setting must not outlive the block
        with without_nested_loops():
            assert _nestloop() == "off"
            assert "Nested Loop" not in _plan(JOIN)
        assert _nestloop() == "on"
    assert _nestloop() == "on"


@needs_postgres
def test_without_nested_loops_is_undone_when_the_block_fails(db):
    with transaction.atomic():
        with pytest.raises(ValueError), without_nested_loops():
            assert _nestloop() == "off"
            raise ValueError("boom")
        assert _nestloop() == "on"


def test_without_nested_loops_does_nothing_elsewhere(db):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL: see above")
    with without_nested_loops():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
