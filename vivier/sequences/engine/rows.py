"""The engine's write layer: UPDATE and INSERT of many model rows at once, without Django's per-object cost.

Not shared with ``vivier.pool.importing.bulk``: that one writes tuples of a few columns with conflict handling
straight through ``sqlite3``; this one writes the model instances (or ``PlainRow``s) the engine already holds,
every concrete column, and updates rows by key.
"""

import datetime as dt
import uuid
from collections.abc import Callable
from enum import Enum
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DateField, DateTimeField, Field, Model
from django.db.models.options import Options

# Field types whose Python values (str, int, None) go to the driver as they are: skipping Django's
# per-value preparation (and the connection proxy behind it) is a large share of a step's cost.
_PASSTHROUGH = {
    "CharField",
    "TextField",
    "SlugField",
    "EmailField",
    "IntegerField",
    "SmallIntegerField",
    "BigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "PositiveBigIntegerField",
    "ForeignKey",
    "AutoField",
    "BigAutoField",
}
_SIMPLE = (str, int, type(None))


def _db() -> BaseDatabaseWrapper:
    """The real connection object (``django.db.connection`` is a proxy that costs a lookup per attribute)."""
    return connections[DEFAULT_DB_ALIAS]


def _preparer(field: Field, conn: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    slow = field.get_db_prep_save
    kind = field.get_internal_type()
    if kind in _PASSTHROUGH:

        def prep(value):
            if type(value) in _SIMPLE:
                return value
            if isinstance(value, Enum):  # TextChoices members: their plain value
                return value.value
            return slow(value, conn)

        return prep
    if kind == "DateTimeField":
        adapt = conn.ops.adapt_datetimefield_value
        if conn.vendor == "sqlite" and settings.USE_TZ:
            zone = conn.timezone

            def adapt(
                value,
            ):  # what the SQLite backend does, without its checks: naive in the db zone, as text
                return str(value.astimezone(zone).replace(tzinfo=None))

        def prep_datetime(value):
            if type(value) is dt.datetime and value.tzinfo is not None:
                return adapt(value)
            if value is None:
                return None
            return slow(value, conn)  # naive (with Django's warning), dates...

        return prep_datetime
    if kind == "UUIDField":
        native = conn.features.has_native_uuid_field

        def prep_uuid(value):  # what UUIDField.get_db_prep_value does with a UUID
            if type(value) is uuid.UUID:
                return value if native else value.hex
            return slow(value, conn)

        return prep_uuid
    return lambda value: slow(value, conn)


def _computes_on_save(field: Field) -> bool:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return True
    return type(field).pre_save not in (Field.pre_save, DateTimeField.pre_save, DateField.pre_save)


def _concrete(meta: Options, name: str) -> Field:
    field = meta.get_field(name)
    assert isinstance(field, Field), f"{name} is a relation's reverse side, not a column"
    return field


def _column(field: Field) -> str:
    # Only fields without a column of their own (ManyToManyField, GenericForeignKey...) have None here.
    assert field.column is not None, f"{field.name} has no column"
    return field.column


def _chunks(conn: BaseDatabaseWrapper, rows: list, width: int) -> list[list]:
    """Rows in groups small enough for the backend's limit on parameters per statement."""
    limit = conn.features.max_query_params or 10_000
    size = max(1, min(500, limit // max(width, 1)))
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _pg_chunks(rows: list) -> list[list]:
    return [rows[i : i + 2000] for i in range(0, len(rows), 2000)]


def update_rows(model: type[Model], objs: list, fields: list[str], key: str = "id") -> None:
    """Write ``fields`` of ``objs``. On PostgreSQL one ``UPDATE ... FROM (VALUES ...)`` per few hundred rows;
    on SQLite (in-process, statements are cheap) one prepared UPDATE run for each row (executemany).
    Django's ``bulk_update`` builds a CASE expression per field and row, which costs more than the writes."""
    if not objs:
        return
    conn = _db()
    meta = model._meta
    columns = [_concrete(meta, name) for name in fields]
    key_field = _concrete(meta, key)
    qn = conn.ops.quote_name
    preps = [(f.attname, _preparer(f, conn)) for f in [*columns, key_field]]
    params = [[prep(getattr(obj, name)) for name, prep in preps] for obj in objs]
    table = qn(meta.db_table)
    with conn.cursor() as cursor:
        if conn.vendor != "postgresql":
            sql = (
                f"UPDATE {table} SET "
                + ", ".join(f"{qn(_column(f))} = %s" for f in columns)
                + f" WHERE {qn(_column(key_field))} = %s"
            )
            cursor.executemany(sql, params)
            return
        # One array per column (unnest): a short statement whatever the number of rows, so the driver's
        # parsed-query cache serves it (a VALUES list of thousands of placeholders is parsed on every call).
        names = [f"c{i}" for i in range(len(columns))] + ["k"]
        sql = (
            f"UPDATE {table} AS t SET "
            + ", ".join(f"{qn(_column(f))} = v.c{i}" for i, f in enumerate(columns))
            + " FROM unnest("
            + ", ".join(f"%s::{f.db_type(conn)}[]" for f in [*columns, key_field])
            + f") AS v({', '.join(names)}) WHERE t.{qn(_column(key_field))} = v.k"
        )
        for chunk in _pg_chunks(params):
            cursor.execute(sql, [list(col) for col in zip(*chunk, strict=True)])


def insert_rows(model: type[Model], objs: list) -> None:
    """INSERT rows whose primary keys nobody needs back, a few hundred rows per statement.
    ``objs`` are model instances or plain objects carrying every column's attname (see ``plain_row``)."""
    if not objs:
        return
    conn = _db()
    meta = model._meta
    columns = [f for f in meta.concrete_fields if not f.primary_key]
    qn = conn.ops.quote_name
    # Plain attribute reads unless a field computes its value on save (auto_now...).
    preps: list[tuple[str | Field, Callable[[Any], Any]]] = [
        (f.attname if not _computes_on_save(f) else f, _preparer(f, conn)) for f in columns
    ]
    params = [
        [prep(getattr(obj, f) if isinstance(f, str) else f.pre_save(obj, True)) for f, prep in preps]
        for obj in objs
    ]
    head = f"INSERT INTO {qn(meta.db_table)} (" + ", ".join(qn(_column(f)) for f in columns) + ") VALUES "
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    if conn.vendor == "postgresql":  # one array per column, as in update_rows
        sql = (
            f"INSERT INTO {qn(meta.db_table)} ("
            + ", ".join(qn(_column(f)) for f in columns)
            + ") SELECT * FROM unnest("
            + ", ".join(f"%s::{f.db_type(conn)}[]" for f in columns)
            + ")"
        )
        with conn.cursor() as cursor:
            for chunk in _pg_chunks(params):
                cursor.execute(sql, [list(col) for col in zip(*chunk, strict=True)])
        return
    with conn.cursor() as cursor:
        for chunk in _chunks(conn, params, len(columns)):
            cursor.execute(head + ", ".join([row] * len(chunk)), [v for r in chunk for v in r])


class PlainRow(SimpleNamespace):
    """A row to insert without the cost of a model instance (about 30-60 us each)."""


def plain_row(model: type[Model], **values: Any) -> PlainRow:
    """Every concrete column of ``model`` by attname: ``values`` first, else the field's default."""
    for f in model._meta.concrete_fields:
        if not f.primary_key and f.attname not in values:
            values[f.attname] = f.get_default()
    return PlainRow(**values)
