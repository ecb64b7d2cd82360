"""A large SQLite import sets the secondary indexes aside and rebuilds them (``importing/indexes.py``): it must
import exactly the same thing, always leave every index in place afterwards, and heal after a killed import."""

import os
import socket
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction

from vivier.pool import importing
from vivier.pool.importing import import_run, indexes
from vivier.pool.models import Candidate, DeferredIndex

from .test_import_fast_paths import MESSY, snapshot

ROOT = Path(__file__).resolve().parents[3]


def dead_owner() -> str:
    """The owner token of an import whose process has ended."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    return f"{socket.gethostname()}:{int(child.stdout)}:1"


def index_sql() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        return dict(cursor.fetchall())


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL keeps its indexes during an import")


@pytest.fixture
def always_defer(monkeypatch):
    monkeypatch.setattr(indexes, "MIN_ROWS", 0)
    monkeypatch.setattr(indexes, "BYTES_PER_ROW", 1)


@pytest.fixture
def messy(tmp_path):
    path = tmp_path / "messy.csv"
    path.write_text("\r\n".join(MESSY) + "\r\n", encoding="utf-8")
    return path


@pytest.mark.django_db(transaction=True)
def test_only_a_file_that_at_least_doubles_the_pool_sets_indexes_aside(team, monkeypatch, sqlite_only):
    monkeypatch.setattr(indexes, "MIN_ROWS", 4)
    monkeypatch.setattr(indexes, "BYTES_PER_ROW", 100)
    assert indexes.should_defer(size_bytes=400)
    assert not indexes.should_defer(size_bytes=399)  # a small file
    Candidate.objects.bulk_create([Candidate(team=team, first_name=f"C{i}") for i in range(5)])
    assert not indexes.should_defer(size_bytes=400)  # 4 rows would not double a pool of 5
    assert indexes.should_defer(size_bytes=500)
    with transaction.atomic():  # a dry run: everything is rolled back, nothing to gain
        assert not indexes.should_defer(size_bytes=10**9)


@pytest.mark.django_db
def test_postgresql_keeps_its_indexes(team):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    assert not indexes.should_defer(size_bytes=10**12)
    assert indexes.restore() == []


@pytest.mark.django_db(transaction=True)
def test_what_the_import_reads_is_never_set_aside(sqlite_only):
    names = {name for name, _, _ in indexes.deferrable()}
    assert "cand_team_namekey_cover" not in names  # the possible-duplicate check
    assert {"seg_cand_team_geo", "cand_tag_team_lookup", "timeline_cand_at"} & names == {
        "seg_cand_team_geo",
        "cand_tag_team_lookup",
    }
    every = index_sql()
    for name in names:
        assert not every[name].upper().startswith("CREATE UNIQUE")  # the identity keys are the dedupe
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM pragma_index_info(%s) ORDER BY seqno LIMIT 1", [name])
            first = cursor.fetchone()
            if first is not None and first[0] == "candidate_id":  # loading a chunk's candidates...
                cursor.execute("SELECT tbl_name FROM sqlite_master WHERE name = %s", [name])
                table = cursor.fetchone()[0]
                cursor.execute('SELECT name FROM pragma_index_list(%s) WHERE "unique" = 1', [table])
                uniques = [u for (u,) in cursor.fetchall()]
                firsts = set()
                for unique in uniques:
                    cursor.execute("SELECT name FROM pragma_index_info(%s) ORDER BY seqno LIMIT 1", [unique])
                    firsts.add(cursor.fetchone()[0])
                assert "candidate_id" in firsts  # ...is served by a unique index kept in place
    tag_index = next(n for n, sql in every.items() if n.startswith("pool_candidatetag_candidate_id"))
    assert tag_index in names  # cand_tag_unique (candidate_id, kind, value) serves the tag loading
    assert not {
        n for n in names if n.startswith(("pool_candidateemail_candidate", "pool_candidatesource_cand"))
    }


@pytest.mark.django_db(transaction=True)
def test_an_import_with_indexes_set_aside_imports_the_same_and_puts_them_back(
    team, other_team, messy, monkeypatch, sqlite_only
):
    before = index_sql()
    monkeypatch.setattr(importing.run, "CHUNK", 3)
    plain = import_run(team=team, paths=[messy])

    dropped = []
    real_drop = indexes.drop
    monkeypatch.setattr(indexes, "drop", lambda: dropped.extend(real_drop()) or dropped)
    monkeypatch.setattr(indexes, "MIN_ROWS", 0)
    monkeypatch.setattr(indexes, "BYTES_PER_ROW", 1)
    deferred = import_run(team=other_team, paths=[messy])

    assert len(dropped) >= 10 and "seg_cand_team_geo" in dropped
    assert deferred.as_dict() == plain.as_dict()
    assert snapshot(other_team) == snapshot(team)
    assert index_sql() == before
    assert not DeferredIndex.objects.exists()
    again = import_run(team=other_team, paths=[messy])
    assert (again.created, again.merged) == (0, 0)
    assert index_sql() == before


@pytest.mark.django_db(transaction=True)
def test_an_import_that_fails_half_way_still_rebuilds_the_indexes(
    team, messy, monkeypatch, always_defer, sqlite_only
):
    before = index_sql()
    monkeypatch.setattr(importing.run, "CHUNK", 3)
    calls = []
    real = importing.engine.Engine.process

    def process(self, chunk):
        calls.append(len(chunk))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(self, chunk)

    monkeypatch.setattr(importing.engine.Engine, "process", process)
    with pytest.raises(RuntimeError, match="disk full"):
        import_run(team=team, paths=[messy])
    assert (
        Candidate.objects.filter(team=team).count() == 2
    )  # the first chunk (3 rows, 2 people) was committed
    assert index_sql() == before
    assert not DeferredIndex.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_indexes_left_behind_by_a_killed_import_come_back(team, messy, sqlite_only):
    before = index_sql()
    dropped = indexes.drop()  # what a killed import leaves: indexes gone, their records kept
    assert dropped and set(dropped) == set(DeferredIndex.objects.values_list("name", flat=True))
    assert not set(dropped) & set(index_sql())
    DeferredIndex.objects.update(owner=dead_owner())

    import_run(team=team, paths=[messy], dry_run=True)  # a dry run does not touch them
    assert DeferredIndex.objects.count() == len(dropped)
    import_run(team=team, paths=[messy])  # the next import does (this small file keeps them in place)
    assert index_sql() == before
    assert not DeferredIndex.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_next_vivier_command_rebuilds_indexes_a_killed_import_left_out(tmp_path, sqlite_only):
    env = {**os.environ, "VIVIER_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)

    def run(*args):
        result = subprocess.run(
            [sys.executable, "-m", "vivier", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr
        return (
            result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
        )  # after `shell`'s banner

    state = (
        "from django.db import connection; from vivier.pool.models import DeferredIndex; "
        "c = connection.cursor(); c.execute(\"SELECT count(*) FROM sqlite_master WHERE name = 'seg_cand_team_geo'\"); "
        "print(c.fetchone()[0], DeferredIndex.objects.count())"
    )
    run("migrate", "-v0")
    assert run("shell", "-c", state) == "1 0"
    run(
        "shell", "-c", "from vivier.pool.importing import indexes; indexes.drop()"
    )  # `shell` does not migrate
    dropped = run("shell", "-c", state).split()
    assert dropped[0] == "0" and int(dropped[1]) >= 10
    run("manage", "diffsettings")  # any command that migrates first
    assert run("shell", "-c", state) == "1 0"


def statistics() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return set()
        cursor.execute("SELECT tbl, idx FROM sqlite_stat1")
        return set(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_the_planner_gets_statistics_after_a_first_import_and_after_a_rebuild(
    team, other_team, messy, monkeypatch, sqlite_only
):
    """Segment queries are planned from SQLite's statistics: a first import (none yet; ``PRAGMA optimize`` may
    then do nothing) and a rebuild (a dropped index loses its row) must leave them in place."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("DELETE FROM sqlite_stat1")
    import_run(team=team, paths=[messy])
    assert ("pool_candidate", "seg_cand_team_geo") in statistics()
    assert ("pool_candidatetag", "cand_tag_team_lookup") in statistics()

    monkeypatch.setattr(indexes, "MIN_ROWS", 0)
    monkeypatch.setattr(indexes, "BYTES_PER_ROW", 1)
    import_run(team=other_team, paths=[messy])  # sets the indexes aside: their statistics went with them
    assert ("pool_candidate", "seg_cand_team_geo") in statistics()
    assert ("pool_candidatetag", "cand_tag_team_lookup") in statistics()


@pytest.mark.django_db(transaction=True)
def test_a_vivier_command_started_during_a_large_import_leaves_its_indexes_aside(sqlite_only):
    """Only the import that set indexes aside, or anyone once it is gone, rebuilds them: a `vivier` command
    (or a second import) started meanwhile must not undo the first import's speed-up under it."""
    from vivier.lib import clock

    before = index_sql()
    release = threading.Event()
    owners = []

    def importing():  # a large import running in another thread of this process (the web app's uploads)
        owners.append(indexes.owner_token())
        try:
            indexes.drop()
            release.wait(30)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=importing)
    thread.start()
    try:
        for _ in range(100):
            if DeferredIndex.objects.exists():
                break
            threading.Event().wait(0.05)
        assert indexes.owner_alive(owners[0])
        assert indexes.restore() == []  # its import still runs
        assert DeferredIndex.objects.exists()

        sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
        try:  # an import in another process, still running
            DeferredIndex.objects.update(owner=f"{socket.gethostname()}:{sleeper.pid}:1")
            assert indexes.restore() == []
            DeferredIndex.objects.update(
                dropped_at=clock.now() - indexes.ABANDONED_AFTER - timedelta(minutes=1)
            )
            assert indexes.restore()  # no import runs that long: the process id was reused
        finally:
            sleeper.kill()
            sleeper.wait()
    finally:
        release.set()
        thread.join()
    assert index_sql() == before and not DeferredIndex.objects.exists()
    assert not indexes.owner_alive(owners[0])  # the thread has ended
    assert not indexes.owner_alive(dead_owner())
    assert not indexes.owner_alive("another-host:1:1") and not indexes.owner_alive("")


@pytest.mark.django_db(transaction=True)
def test_an_import_sets_its_sqlite_settings_for_its_chunks_and_puts_the_previous_ones_back(
    team, messy, monkeypatch, sqlite_only
):
    from vivier.pool.importing import engine

    names = ("wal_autocheckpoint", "journal_size_limit", "cache_size")

    def pragmas():
        with connection.cursor() as cursor:
            out = {}
            for name in names:
                cursor.execute(f"PRAGMA {name}")
                out[name] = cursor.fetchone()[0]
            return out

    before = pragmas()
    during = []
    real_process = engine.Engine.process
    monkeypatch.setattr(
        engine.Engine, "process", lambda self, chunk: during.append(pragmas()) or real_process(self, chunk)
    )
    import_run(team=team, paths=[messy])
    assert during and during[0] == {
        "wal_autocheckpoint": importing.tuning.IMPORT_WAL_PAGES,
        "journal_size_limit": importing.tuning.IMPORT_WAL_KEEP_BYTES,
        "cache_size": importing.tuning.IMPORT_CACHE_KIB,
    }
    assert pragmas() == before
