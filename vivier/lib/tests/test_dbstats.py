from django.db import connection

from vivier.lib.dbstats import statistics_refresh
from vivier.segments.tests.factories import candidate_make


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
        candidate_make(team=team, first=f"Ana{i}", last="Stat", jobs=["Backend"])
    statistics_refresh()
    assert _candidate_statistics() > 0
    statistics_refresh(full=False)  # the cheap form runs too
    assert _candidate_statistics() > 0


def test_the_cheap_form_analyzes_when_there_are_no_statistics_yet(team):
    """``PRAGMA optimize`` alone may leave a first bulk load with no statistics at all (SQLite)."""
    for i in range(3):
        candidate_make(team=team, first=f"Ana{i}", last="Stat", jobs=["Backend"])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone():
                cursor.execute("DELETE FROM sqlite_stat1")
        assert _candidate_statistics() == 0
    statistics_refresh(full=False)
    assert _candidate_statistics() > 0
