"""Files as exports really come: notes above the header (LinkedIn's Connections.csv), UTF-16 without its
byte-order mark, binary files, and imports where nothing could be imported, which fail as a whole."""

import json
from pathlib import Path

import openpyxl
import pytest

from vivier.pool.importing import import_batch_process, import_preview, import_run
from vivier.pool.models import Candidate, CandidateProfile, ImportBatch
from vivier.pool.tests.test_import_cli import vivier

FIXTURES = Path(__file__).parent / "fixtures"


def test_linkedin_connections_csv_is_read_past_its_notes_paragraph(team):
    preview = import_preview(path=FIXTURES / "linkedin_Connections.csv")
    assert preview.headers[:3] == ["First Name", "Last Name", "URL"]
    assert preview.format == "linkedin"
    assert preview.guessed_mapping["URL"] == "linkedin"
    assert preview.guessed_mapping["Position"] == "current_title"
    assert [row["First Name"] for _, row in preview.sample_rows] == ["Élodie", "Karim", "Sophie", "Paul"]
    report = import_run(team=team, paths=[FIXTURES / "linkedin_Connections.csv"])
    assert (report.rows, report.created, report.errors, report.failed) == (4, 4, [], False)
    karim = Candidate.objects.get(team=team, first_name="Karim")
    assert karim.current_title == "Lead Dev" and karim.current_company == "Qonto"
    assert CandidateProfile.objects.get(candidate=karim).url == "https://www.linkedin.com/in/karimbenali"


def test_a_preamble_above_the_header_is_skipped_in_any_export(team, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "Export des candidats\nGénéré le;07/12/2026\n\nPrénom;Nom;Email;Ville\n"
        "Ana;Lopez;ana@example.fr;Lyon\nBen;Roy;ben@example.fr;Paris\nCléo;Diaz;cleo@example.fr;Nice\n",
        encoding="utf-8",
    )
    assert import_preview(path=path).headers == ["Prénom", "Nom", "Email", "Ville"]
    assert import_run(team=team, paths=[path]).created == 3
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Vivier test export"])
    sheet.append([])
    sheet.append(["First name", "Last name", "Email"])
    sheet.append(["Dana", "Kim", "dana@example.com"])
    sheet.append(["Eli", "Ford", "eli@example.com"])
    book.save(tmp_path / "export.xlsx")
    preview = import_preview(path=tmp_path / "export.xlsx")
    assert preview.headers == ["First name", "Last name", "Email"]
    assert [row["Email"] for _, row in preview.sample_rows] == ["dana@example.com", "eli@example.com"]


def test_a_full_width_header_stays_the_header_when_rows_are_ragged(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("Nom,Email,Ville,Notes\nAna,ana@example.fr\nBen,ben@example.fr,Lyon\n", encoding="utf-8")
    assert import_preview(path=path).headers == ["Nom", "Email", "Ville", "Notes"]


def test_utf16_without_a_bom_is_read(team, tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes("Prénom\tNom\tEmail\nHélène\tDupré\thelene@example.fr\n".encode("utf-16-le"))
    preview = import_preview(path=path)
    assert preview.headers == ["Prénom", "Nom", "Email"]
    report = import_run(team=team, paths=[path])
    assert (report.created, report.errors) == (1, [])
    assert Candidate.objects.get(team=team).first_name == "Hélène"


def test_a_binary_file_gets_one_file_level_message_and_fails(team, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    report = import_run(team=team, paths=[path])
    assert report.failed and len(report.errors) == 1 and report.errors[0]["row"] == 0
    assert "binary" in report.errors[0]["message"]


def test_an_import_where_every_row_failed_is_a_failed_batch(team, alice, tmp_path):
    path = tmp_path / "no-keys.csv"
    path.write_text("Prénom;Nom;Ville\nAna;Lopez;Lyon\nBen;Roy;Paris\n", encoding="utf-8")
    batch = ImportBatch.objects.create(
        team=team,
        created_by=alice,
        filename="no-keys.csv",
        stored_path=str(path),
        created_at="2026-12-07T10:00Z",
    )
    import_batch_process(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert "no row could be imported" in batch.error
    good = tmp_path / "good.csv"
    good.write_text("Prénom;Nom;Email\nAna;Lopez;ana@example.fr\n", encoding="utf-8")
    ok = ImportBatch.objects.create(
        team=team,
        created_by=alice,
        filename="good.csv",
        stored_path=str(good),
        created_at="2026-12-07T10:00Z",
    )
    import_batch_process(batch=ok)
    ok.refresh_from_db()
    assert (ok.status, ok.error) == (ImportBatch.Status.DONE, "")


@pytest.mark.parametrize("as_json", [True, False])
def test_the_import_command_exits_non_zero_when_the_import_failed(tmp_path, as_json):
    path = tmp_path / "no-keys.csv"
    path.write_text("Prénom;Nom;Ville\nAna;Lopez;Lyon\n", encoding="utf-8")
    result = vivier(tmp_path, "import", str(path), *(["--json"] if as_json else []))
    assert result.returncode == 1
    if as_json:
        report = json.loads(result.stdout)
        assert report["status"] == "failed" and report["errors"][-1]["row"] == 0
    else:
        assert "import failed: no-keys.csv: no row could be imported" in result.stderr
    ok = vivier(tmp_path, "import", str(FIXTURES / "linkedin_Connections.csv"), "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["created"] == 4
