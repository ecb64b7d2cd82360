"""Which migrations the database has applied beside those the code ships, without planning anything.

``vivier`` commands ask this before running: when the two sets are equal there is nothing to migrate and no
stale migration to refuse, and they skip Django's migration planner (which imports every migration module and
renders the project state). Reading the names costs one query and a directory listing per app. When the sets
differ, the caller takes the full path (``dbreset.unknown_migrations``, then ``migrate``), so a missing or a
foreign migration is still found exactly as before.
"""

from __future__ import annotations

import importlib.util
import pkgutil
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.db import connection as default_connection


@dataclass(frozen=True)
class MigrationSet:
    on_disk: frozenset[tuple[str, str]]
    applied: frozenset[tuple[str, str]]

    @property
    def missing(self) -> list[str]:
        """``app.name`` shipped by the code and not applied yet."""
        return sorted(f"{a}.{n}" for a, n in self.on_disk - self.applied)

    @property
    def foreign(self) -> list[str]:
        """``app.name`` applied to the database that the code of an installed app does not have."""
        labels = {a for a, _ in self.on_disk}
        return sorted(f"{a}.{n}" for a, n in self.applied - self.on_disk if a in labels)

    @property
    def current(self) -> bool:
        return not self.missing and not self.foreign


def on_disk() -> frozenset[tuple[str, str]]:
    """(app label, migration name) of every migration file of the installed apps, from a directory listing
    (the same modules Django's loader takes: neither ``_``- nor ``~``-prefixed)."""
    found = set()
    custom = getattr(settings, "MIGRATION_MODULES", {}) or {}
    for config in apps.get_app_configs():
        module = custom.get(config.label, f"{config.name}.migrations")
        if module is None:
            continue
        try:
            spec = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            continue
        if spec is None or not spec.submodule_search_locations:
            continue
        for info in pkgutil.iter_modules(spec.submodule_search_locations):
            if not info.ispkg and info.name[0] not in "_~":
                found.add((config.label, info.name))
    return frozenset(found)


def applied(*, connection=None) -> frozenset[tuple[str, str]]:
    """(app, name) rows of ``django_migrations``; none on a fresh database."""
    connection = connection or default_connection
    with connection.cursor() as cursor:
        try:
            cursor.execute("SELECT app, name FROM django_migrations")
        except DatabaseError:
            # No table yet. PostgreSQL aborts the transaction on an error: leave it usable.
            if not connection.get_autocommit():
                connection.rollback()
            return frozenset()
        return frozenset((app, name) for app, name in cursor.fetchall())


def migration_set(*, connection=None) -> MigrationSet:
    return MigrationSet(on_disk=on_disk(), applied=applied(connection=connection))
