"""Planner statistics after a bulk write (an import, a merge of many duplicates).

Segment queries rely on the planners knowing how many rows each index prefix holds (how many candidates
have ``job:backend``, live in Paris...). After loading thousands of rows at once those numbers are stale
or absent and both planners pick slow plans (sorting every match for a first page, scanning the table for
a count). Call :func:`statistics_refresh` at the end of such a write; it takes seconds on a million rows.
Where statistics cannot tell the planner what it needs, :func:`without_nested_loops` steers one query.
"""

from contextlib import contextmanager

from django.db import connection as default_connection
from django.db import transaction

# The tables segment queries read; their statistics are what the planners need.
TABLES = ("pool_candidate", "pool_candidatetag", "pool_candidatesource")


def statistics_refresh(*, connection=None, full: bool = True) -> None:
    """ANALYZE the pool tables (SQLite and PostgreSQL).

    ``full=False`` on SQLite runs ``PRAGMA optimize`` instead, which re-analyzes only the tables whose size
    changed a lot since the last ANALYZE (cheap enough to run after every import), unless the pool has no
    statistics at all (a first bulk load): ``PRAGMA optimize`` may then decide there is nothing to do, and
    the full ANALYZE runs (seconds on a large pool).
    """
    connection = connection or default_connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite" and not full and _analyzed(cursor, "pool_candidate"):
            cursor.execute("PRAGMA optimize")
            return
        for table in TABLES:
            cursor.execute(f"ANALYZE {table}")  # fixed names, never user input


def reanalyze_if_analyzed(connection, table: str = "pool_candidate") -> None:
    """SQLite, after a migration adds an index: re-ANALYZE ``table`` if it has statistics already.

    SQLite plans with sqlite_stat1; once a table has statistics, a new index without them looks far more
    selective than it is (defaults) and may be chosen for the wrong query. A table never analyzed stays so
    (the first import analyzes it). PostgreSQL: nothing to do (autovacuum analyzes)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if _analyzed(cursor, table):
            cursor.execute(f"ANALYZE {table}")  # our table names, never user input


def _analyzed(cursor, table: str) -> bool:
    """SQLite: whether ``table`` has planner statistics (rows in sqlite_stat1)."""
    cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
    if not cursor.fetchone():
        return False
    cursor.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [table])
    return cursor.fetchone() is not None


@contextmanager
def without_nested_loops(*, connection=None):
    """PostgreSQL: plan the block's queries without nested-loop joins (hash or merge joins instead).

    For a query whose row estimate is wrong in a way statistics cannot fix: ANDed range conditions on
    correlated columns (a radius is a latitude band AND a longitude band, which the planner multiplies as
    if independent, expecting 2% of a city's candidates), for which it picks a nested loop that probes an
    index tens of thousands of times. ``SET LOCAL`` in a transaction (a savepoint inside an outer one),
    restored when the block ends, so no other query is planned this way. SQLite and others: no effect.
    """
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_nestloop'), set_config('enable_nestloop', 'off', true)"
            )
            previous = cursor.fetchone()[0]
        yield
        # On an exception the rollback (of the transaction or of the savepoint) undoes the SET LOCAL.
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('enable_nestloop', %s, true)", [previous])
