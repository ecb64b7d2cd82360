"""Plain multi-row INSERT/UPDATE for the import engine (the ORM's per-object cost is too high at a million rows).

Rows are tuples in the order of the columns given to ``Inserter``; every other non-null column gets its
field default, prepared once by the field itself, so what lands in the table is what ``Model.save()``
would have written. ``db_uuid``/``db_datetime``/``db_date``/``db_json`` prepare values the way the
fields do for the current backend.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from functools import partial
from itertools import chain

from django.db import connection, models
from django.db.models.constants import OnConflict


def db_uuid(value):
    return value.hex if _sqlite() else value


_uuid7_lock = threading.Lock()
_uuid7_last = [0, 0]  # (unix ms, counter) of the last id handed out


def db_uuid7s(count: int) -> list:
    """``count`` new UUIDs (version 7, RFC 9562), prepared for the current backend.

    A version 7 UUID starts with the Unix time in milliseconds and keeps 74 random bits (62 here, the other
    12 being a counter within the millisecond, "method 1" of the RFC), so it is as unguessable as a public
    id needs to be; but consecutive ids sort together, so a million-row import appends to the end of the
    unique index's B-tree instead of touching a random page of it per row (what ``uuid4`` does).
    Monotonic within the process: when the counter overflows, the millisecond is moved on."""
    random = os.urandom(8 * count).hex()  # 16 hex digits per id: 2 bits of the first give way to the variant
    values = []
    with _uuid7_lock:
        ms, seq = _uuid7_last
        now = time.time_ns() // 1_000_000
        if now > ms:
            ms, seq = now, -1
        done = 0
        while done < count:
            seq += 1
            if seq > 0xFFF:
                ms, seq = ms + 1, 0
            run = min(count - done, 0x1000 - seq)  # ids left in this millisecond
            head = f"{ms:012x}7"
            for i in range(done, done + run):
                rand = random[16 * i : 16 * i + 16]
                values.append(f"{head}{seq + i - done:03x}{_VARIANT[rand[0]]}{rand[1:]}")
            seq += run - 1
            done += run
        _uuid7_last[:] = [ms, seq]
    if _sqlite():
        return values
    return [uuid.UUID(hex=v) for v in values]


# A random hex digit -> the same low two bits under the variant's "10".
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


def _sqlite() -> bool:
    # connection.vendor goes through the thread-local connection proxy: too slow to ask per row.
    global _IS_SQLITE
    if _IS_SQLITE is None:
        _IS_SQLITE = connection.vendor == "sqlite"
    return _IS_SQLITE


_IS_SQLITE: bool | None = None


def db_datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


def db_date(value):
    return None if value is None else connection.ops.adapt_datefield_value(value)


def db_json(value):
    """What ``JSONField().get_db_prep_save`` gives for a plain dict, without the field's layers (nor the
    connection proxy's thread-local lookup per row: the adapter depends only on the backend)."""
    global _ADAPT_JSON
    if value is None:
        return None
    if _ADAPT_JSON is None:
        _ADAPT_JSON = connection.ops.adapt_json_value
    return _ADAPT_JSON(value, None)


_ADAPT_JSON = None


class Inserter:
    """``ignore_conflicts``: rows that would break a unique constraint are skipped, as with
    ``bulk_create(ignore_conflicts=True)``. ``constants``: columns that take one value for all the rows of
    an ``insert_flat`` call (given there, prepared for the backend)."""

    def __init__(
        self,
        model: type[models.Model],
        columns: list[str],
        *,
        ignore_conflicts: bool = False,
        constants: list[str] = (),
    ):
        fields = {f.attname: f for f in model._meta.concrete_fields}
        given = [fields[c] for c in columns]
        fixed = [fields[c] for c in constants]
        rest, defaults = [], []
        for f in model._meta.concrete_fields:
            if (
                f.attname in columns
                or f.attname in constants
                or f.primary_key
                or (f.null and not f.has_default())
            ):
                continue
            rest.append(f)
            defaults.append(f.get_db_prep_save(f.get_default(), connection))
        qn = connection.ops.quote_name
        all_fields = given + fixed + rest
        self.given = len(given)
        on_conflict = OnConflict.IGNORE if ignore_conflicts else None
        self.head = (
            f"{connection.ops.insert_statement(on_conflict=on_conflict)} {qn(model._meta.db_table)} "
            f"({', '.join(qn(f.column) for f in all_fields)}) VALUES "
        )
        self.tail = connection.ops.on_conflict_suffix_sql(all_fields, on_conflict, None, None)
        self.tail = f" {self.tail}" if self.tail else ""
        self.sql = self.head + f"({', '.join(['%s'] * len(all_fields))})" + self.tail
        # PostgreSQL: COPY, unless conflicting rows must be skipped (COPY has no ON CONFLICT).
        self.copy_sql = (
            None
            if ignore_conflicts
            else (
                f"COPY {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in all_fields)}) FROM STDIN"
            )
        )
        self.suffix = tuple(defaults)
        # SQLite: many rows per INSERT statement. Each statement runs SQLite's program once (and, on an
        # AUTOINCREMENT table, reads and writes sqlite_sequence once) instead of once per row; the defaults
        # are written into the statement as literals, so a row is bound as it comes (no tuple per row).
        # The statements are given to sqlite3 as they are (qmark style): Django's conversion of "%s" runs a
        # regular expression over the whole statement on every execution, tens of KB here.
        literals = [sqlite_literal(v) for v in defaults]
        self.literals = literals if all(v is not None for v in literals) else None
        if self.literals is not None:
            group = ", ".join(["?"] * (len(given) + len(fixed)) + literals)
            self.group, self.width = f"({group})", len(given) + len(fixed)
        else:
            self.group, self.width = f"({', '.join(['?'] * len(all_fields))})", len(all_fields)
        self.per_statement = max(1, min(ROWS_PER_STATEMENT, SQLITE_MAX_PARAMS // self.width))
        self._statements: dict[int, str] = {}
        self._flat_statements: dict[tuple, str] = {}

    def insert(self, rows: list[tuple]) -> None:
        if not rows:
            return
        if _sqlite():
            self._insert_sqlite(rows)
            return
        suffix = self.suffix
        if self.copy_sql is not None and connection.vendor == "postgresql":
            self._copy(rows)
            return
        params = [row + suffix for row in rows] if suffix else rows
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, params)

    def _copy(self, rows: list[tuple]) -> None:
        """PostgreSQL: the rows through ``COPY ... FROM STDIN`` (psycopg adapts each value as it would for
        a query). An INSERT per row, even pipelined, costs a statement on the server and a round of
        parameter quoting in the client per row, most of an import's time (each imported row is several
        rows with its emails, phones, tags, sources and timeline events)."""
        suffix = self.suffix
        connection.validate_no_broken_transaction()
        with connection.cursor() as cursor, connection.wrap_database_errors:
            with cursor.cursor.copy(self.copy_sql) as copy:
                write = copy.write_row
                if suffix:
                    for row in rows:
                        write(row + suffix)
                else:
                    for row in rows:
                        write(row)

    def _insert_sqlite(self, rows: list[tuple]) -> None:
        step = self.per_statement
        pad = self.width > len(rows[0])  # some default could not be written as a literal
        suffix = self.suffix
        connection.validate_no_broken_transaction()
        with connection.cursor() as cursor, connection.wrap_database_errors:
            execute = partial(sqlite3.Cursor.execute, cursor.cursor)  # past Django's "%s" -> "?" conversion
            for start in range(0, len(rows), step):
                part = rows[start : start + step]
                sql = self._statements.get(len(part))
                if sql is None:
                    sql = self._statements[len(part)] = (
                        self.head + ", ".join([self.group] * len(part)) + self.tail
                    )
                execute(sql, list(chain.from_iterable([row + suffix for row in part] if pad else part)))

    def insert_flat(self, params: list, constants: tuple = ()) -> None:
        """Rows given end to end in one list (``given`` values per row, the ``columns`` order), plus the
        ``constants`` of every row. The import's child rows come this way: a candidate's tags are one list
        from the reading process with its id written into every row's first slot, instead of a tuple per
        tag built here (a few hundred thousand per 100,000 rows)."""
        if not params:
            return
        width = self.given
        if len(params) % width:
            raise ValueError(f"{len(params)} values for rows of {width}")
        if not _sqlite() or self.literals is None or any(sqlite_literal(c) is None for c in constants):
            constants = tuple(constants)
            self.insert([row + constants for row in zip(*[iter(params)] * width, strict=True)])
            return
        connection.validate_no_broken_transaction()
        step = self.per_statement * width
        with connection.cursor() as cursor, connection.wrap_database_errors:
            execute = partial(sqlite3.Cursor.execute, cursor.cursor)
            for start in range(0, len(params), step):
                part = params[start : start + step]
                key = (len(part), constants)
                sql = self._flat_statements.get(key)
                if sql is None:
                    if len(self._flat_statements) > 8:  # the constants change with every chunk (its time)
                        self._flat_statements.clear()
                    # The constants are written into the statement as literals: only the row's own values are bound.
                    group = (
                        "("
                        + ", ".join(["?"] * width + [sqlite_literal(c) for c in constants] + self.literals)
                        + ")"
                    )
                    sql = self._flat_statements[key] = (
                        self.head + ", ".join([group] * (len(part) // width)) + self.tail
                    )
                execute(sql, part)


# Rows per multi-row INSERT on SQLite, and a bound on its parameters well under any build's limit (32,766
# since SQLite 3.32; 999 before, where Django's own bulk_create would fail too).
ROWS_PER_STATEMENT = 500
SQLITE_MAX_PARAMS = 30_000


def sqlite_literal(value) -> str | None:
    """A prepared default as an SQLite literal, or None when it is not a plain value."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return None


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve ``count`` primary keys, so parent and child rows can be written in one pass each.

    PostgreSQL: from the table's sequence (safe with concurrent writers). SQLite: past both the
    AUTOINCREMENT counter and the current maximum, which is safe because the caller holds SQLite's
    single write lock (Vivier opens every transaction IMMEDIATE) until it commits.
    """
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [r[0] for r in cursor.fetchall()]
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max(id) FROM {connection.ops.quote_name(table)}), 0))",
            [table],
        )
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def update_many(model: type[models.Model], rows: list[tuple[int, dict]]) -> None:
    """``[(pk, {attname: value})]`` -> one executemany per distinct set of changed columns."""
    groups: dict[tuple[str, ...], list[tuple]] = {}
    fields = {f.attname: f for f in model._meta.concrete_fields}
    for pk, changes in rows:
        names = tuple(sorted(changes))
        values = [fields[n].get_db_prep_save(changes[n], connection) for n in names]
        groups.setdefault(names, []).append((*values, pk))
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for names, params in groups.items():
            sets = ", ".join(f"{qn(fields[n].column)} = %s" for n in names)
            cursor.executemany(f"UPDATE {qn(model._meta.db_table)} SET {sets} WHERE id = %s", params)


@contextmanager
def sqlite_pragmas(**values):
    """SQLite: set these PRAGMAs on this connection for the block, then put the previous values back.
    Names and values are ours (never user input); a PRAGMA that reports nothing (``mmap_size`` of an
    in-memory database) is left alone."""
    previous = {}
    with connection.cursor() as cursor:
        for name, value in values.items():
            cursor.execute(f"PRAGMA {name}")
            row = cursor.fetchone()
            if row is not None:
                previous[name] = row[0]
                cursor.execute(f"PRAGMA {name} = {value}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in previous.items():
                cursor.execute(f"PRAGMA {name} = {value}")
