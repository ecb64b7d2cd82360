"""A database built by migrations Vivier no longer has (the chain before the reset) is refused by every
command that migrates, and ``vivier demo --reset`` recreates it from nothing. Run as a user runs ``vivier``:
on SQLite in a fresh data folder, on PostgreSQL in a database of its own beside the test database."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
MAKE_STALE = (
    "from django.db import connection; c = connection.cursor(); "
    "c.execute(\"INSERT INTO django_migrations (app, name, applied) VALUES ('pool', '0002_perf_imp_import_indexes', CURRENT_TIMESTAMP)\"); "
    'c.execute("CREATE TABLE pool_leftover (id integer)")'
)
SCHEMA_DIFF = (
    "from django.db import connection; from vivier.tests import schema; "
    "print(schema.diff(schema.load(connection.vendor), schema.snapshot(connection)), end='')"
)
HAS_LEFTOVER = (
    "from django.db import connection; "
    "print('pool_leftover' in connection.introspection.table_names(), end='')"
)


@pytest.fixture
def vivier(tmp_path):
    """``python -m vivier ...`` on an empty database of its own, dropped afterwards on PostgreSQL."""
    env = dict(os.environ, VIVIER_DATA_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    admin = None
    if connection.vendor == "postgresql":
        import psycopg

        db = connection.settings_dict
        name = f"{db['NAME']}_stale"
        admin = psycopg.connect(
            host=db["HOST"],
            port=db["PORT"],
            user=db["USER"],
            password=db["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "vivier", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    yield run
    if admin is not None:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def stale(vivier):
    """A database that recorded a migration of the chain before the reset, with a table the new chain lacks."""
    assert vivier("migrate", "-v0").returncode == 0
    made = vivier("shell", "-v0", "-c", MAKE_STALE)
    assert made.returncode == 0, made.stderr
    return vivier


def test_a_command_that_migrates_refuses_a_database_of_the_old_migrations(stale):
    for args in [("demo", "--candidates", "20", "--seed", "1"), ("migrate", "-v0")]:
        refused = stale(*args)
        assert refused.returncode == 1, (args, refused.stdout, refused.stderr)
        assert "pool.0002_perf_imp_import_indexes" in refused.stderr
        assert "vivier demo --reset" in refused.stderr
    kept = stale("shell", "-v0", "-c", HAS_LEFTOVER)
    assert kept.stdout == "True"  # refused before touching anything


def test_json_mode_reports_the_old_database_as_an_error_object(stale):
    import json

    refused = stale("segment", "count", "job:backend", "--json")
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["error"] == "stale_database"


def test_demo_reset_recreates_a_database_of_the_old_migrations(stale):
    seeded = stale("demo", "--reset", "--candidates", "20", "--seed", "1")
    assert seeded.returncode == 0, seeded.stderr
    assert "created: 20 candidates" in seeded.stdout
    compared = stale("shell", "-v0", "-c", SCHEMA_DIFF)
    assert compared.returncode == 0, compared.stderr
    assert compared.stdout == ""  # the committed schema, nothing of the old one left
    again = stale("migrate", "-v0")
    assert again.returncode == 0, again.stderr


FORGET_LAST_POOL_MIGRATION = (
    "from django.db import connection; c = connection.cursor(); "
    "c.execute(\"DELETE FROM django_migrations WHERE app = 'pool' AND name = '0005_tag_statistics'\")"
)
HAS_LAST_POOL_MIGRATION = (
    "from django.db import connection; c = connection.cursor(); "
    "c.execute(\"SELECT count(*) FROM django_migrations WHERE app = 'pool' AND name = '0005_tag_statistics'\"); "
    "print(c.fetchone()[0], end='')"
)


def test_a_quick_command_still_applies_a_migration_the_database_lacks(vivier):
    """The quick path compares the applied migrations with those on disk; one not applied yet (a new release)
    is still migrated before the command runs."""
    assert vivier("migrate", "-v0").returncode == 0
    assert vivier("shell", "-v0", "-c", FORGET_LAST_POOL_MIGRATION).returncode == 0
    assert vivier("shell", "-v0", "-c", HAS_LAST_POOL_MIGRATION).stdout == "0"
    ran = vivier("outbox", "--json")
    assert ran.returncode == 1 and "no team yet" in ran.stdout, ran  # it ran, after migrating
    assert vivier("shell", "-v0", "-c", HAS_LAST_POOL_MIGRATION).stdout == "1"
