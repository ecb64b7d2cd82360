"""A database whose applied migrations Vivier no longer has, and how to start it again.

Vivier's migrations were reset to one ``0001_initial`` per app before the first release. A database built by
the earlier chain records names such as ``pool.0002_perf_imp_import_indexes``; ``migrate`` would take its
``0001_initial`` rows for the new ones and apply the rest on top of the old tables. :func:`unknown_migrations`
finds such names so that the ``vivier`` command refuses instead; :func:`drop_everything` empties the database
for ``vivier demo --reset``.
"""

from django.db import connection as default_connection


def unknown_migrations(*, connection=None) -> list[str]:
    """``app.name`` of the migrations recorded as applied that the migration graph of an installed app does
    not have (none on a fresh database)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection or default_connection, ignore_no_migrations=True)
    return sorted(
        f"{app}.{name}"
        for app, name in loader.applied_migrations
        if app in loader.migrated_apps and (app, name) not in loader.graph.nodes
    )


def drop_everything(*, connection=None) -> None:
    """Drop every table of the database (views, triggers and full-text tables with them), so that the
    migrations start from nothing.

    1. SQLite: triggers first (they would fire on the rows a dropped table deletes), then virtual tables
       (which drop their shadow tables), then views and tables, with foreign keys off. SQLite's own tables
       (``sqlite_sequence``, ``sqlite_stat1``) stay, emptied of the dropped tables' rows by SQLite itself.
    2. PostgreSQL: every table and view of the current schema, with ``CASCADE``. Extensions stay.
    """
    connection = connection or default_connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
            for kind, where in [
                ("TRIGGER", "type = 'trigger'"),
                ("TABLE", "type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"),
                ("VIEW", "type = 'view'"),
                ("TABLE", "type = 'table'"),
            ]:
                cursor.execute(
                    f"SELECT name FROM sqlite_master WHERE {where} AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                )
                for (name,) in cursor.fetchall():
                    cursor.execute(f"DROP {kind} IF EXISTS {connection.ops.quote_name(name)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            return
        for kind, relkinds in [("VIEW", "'v'"), ("TABLE", "'r', 'p'")]:
            cursor.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                f"WHERE n.nspname = current_schema() AND c.relkind IN ({relkinds})"
            )
            names = [connection.ops.quote_name(name) for (name,) in cursor.fetchall()]
            if names:
                cursor.execute(f"DROP {kind} IF EXISTS {', '.join(names)} CASCADE")
