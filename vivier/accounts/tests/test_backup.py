"""`vivier backup PATH`, as a user runs it: a readable copy of the SQLite database; PostgreSQL points at
pg_dump."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def vivier(*args, data):
    env = dict(os.environ, VIVIER_DATA_DIR=str(data))
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "vivier", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup")
def test_backup_writes_a_copy_that_opens_with_the_same_rows(tmp_path):
    data = tmp_path / "data"
    assert vivier("demo", "--candidates", "20", "--seed", "1", data=data).returncode == 0
    target = tmp_path / "copy.db"
    done = vivier("backup", str(target), "--json", data=data)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["path"] == str(target)
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM pool_candidate").fetchone()[0] == 20
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = vivier("backup", str(target), data=data)
    assert again.returncode == 1 and "exists" in again.stderr  # never overwrites by surprise
    assert vivier("backup", str(target), "--force", data=data).returncode == 0


@pytest.mark.django_db
def test_backup_on_postgresql_points_at_pg_dump(settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL answer")
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", "/tmp/never-written.db")
