"""Plain multi-row INSERT/UPDATE for the import engine (the ORM's per-object cost is too high at a million rows).

Values are prepared by each field's own ``get_db_prep_save`` where the backend cares (UUID, JSON, dates),
so what lands in the table is exactly what ``Model.save()`` would have written.
"""

from __future__ import annotations

from django.db import connection, models


class Inserter:
    """``Inserter(Model).insert([{attname: value, ...}, ...])``; attnames left out take the field default."""

    _PREP = (models.UUIDField, models.JSONField, models.DateTimeField, models.DateField)

    def __init__(self, model: type[models.Model], *, with_id: bool = False):
        self.fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        qn = connection.ops.quote_name
        columns = ", ".join(qn(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({marks})"
        self.defaults = []
        for f in self.fields:
            if f.primary_key or (f.null and not f.has_default()):
                self.defaults.append(None)
            else:
                self.defaults.append(f.get_db_prep_save(f.get_default(), connection))
        self.prep = [isinstance(f, self._PREP) for f in self.fields]
        self.attnames = [f.attname for f in self.fields]

    def tuples(self, rows: list[dict]) -> list[tuple]:
        cache: dict = {}
        plan = list(zip(self.fields, self.attnames, self.defaults, self.prep, strict=True))
        out = []
        for row in rows:
            values = []
            for f, attname, default, prep in plan:
                if attname not in row:
                    values.append(default)
                    continue
                value = row[attname]
                if prep and value is not None:
                    key = (attname, id(value)) if isinstance(value, dict) else (attname, value)
                    prepared = cache.get(key)
                    if prepared is None or isinstance(value, dict):
                        prepared = f.get_db_prep_save(value, connection)
                        if not isinstance(value, (dict, list)):
                            cache[key] = prepared
                    value = prepared
                values.append(value)
            out.append(tuple(values))
        return out

    def insert(self, rows: list[dict]) -> None:
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, self.tuples(rows))


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
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, count])
            return [r[0] for r in cursor.fetchall()]
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max(id) FROM {connection.ops.quote_name(table)}), 0))", [table])
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
