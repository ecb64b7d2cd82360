"""The import pages against a stand-in importer with the agreed interface (the real one lives in
``vivier.pool.importing``; its own tests cover parsing). This checks the page flow: upload, preview with
guessed mapping, confirm, background processing, report."""

import sys
import threading
import types
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vivier.pool.models import ImportBatch


@dataclass
class Preview:
    encoding: str = "cp1252"
    delimiter: str = ";"
    format: str = "generic"
    headers: list = field(default_factory=lambda: ["Prénom", "Nom", "Courriel", "Divers"])
    guessed_mapping: dict = field(
        default_factory=lambda: {"Prénom": "first_name", "Nom": "last_name", "Courriel": "email"}
    )
    sample_rows: list = field(default_factory=lambda: [["Hélène", "Dupré", "h@x.fr", "?"]])
    fields: list = field(
        default_factory=lambda: [("first_name", "First name"), ("last_name", "Last name"), ("email", "Email")]
    )


@pytest.fixture
def importer(monkeypatch):
    calls = {}

    def import_preview(*, path, format="auto", mapping=None, rows=10):
        calls["preview"] = {"path": path, "format": format}
        if open(path, "rb").read().startswith(b"BROKEN"):
            raise ValueError("no header row found")
        return Preview()

    def import_batch_process(*, batch):
        calls["processed"] = {"mapping": batch.mapping, "path": batch.stored_path, "source": batch.source}
        batch.rows, batch.created, batch.errors = (
            2,
            1,
            [{"row": 3, "message": "invalid email 'x@'", "code": "invalid_email", "params": {"value": "x@"}}],
        )
        batch.status = ImportBatch.Status.DONE
        batch.save()

    module = types.ModuleType("vivier.pool.importing")
    module.import_preview, module.import_batch_process = import_preview, import_batch_process
    monkeypatch.setitem(sys.modules, "vivier.pool.importing", module)
    return calls


def _wait_for_imports():
    for thread in threading.enumerate():
        if thread.name.startswith("import-"):
            thread.join(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_previewed_mapped_and_processed_in_the_background(
    client, alice, importer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(alice)
    upload = SimpleUploadedFile("export.csv", "Prénom;Nom;Courriel;Divers\r\n".encode("cp1252"))
    response = client.post("/pool/import/", {"file": upload, "source": "Salon 2024", "format": "auto"})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    body = preview.content.decode()
    assert '<option value="first_name" selected>' in body and "Hélène" in body
    assert importer["preview"]["path"].startswith(str(tmp_path / "imports"))
    assert not ImportBatch.objects.exists()  # nothing runs before the recruiter confirms

    done = client.post(
        response["Location"], {"map_0": "first_name", "map_1": "last_name", "map_2": "email", "map_3": ""}
    )
    batch = ImportBatch.objects.get()
    assert done["Location"] == f"/pool/import/{batch.public_id}/"
    _wait_for_imports()
    assert importer["processed"] == {
        "mapping": {"Prénom": "first_name", "Nom": "last_name", "Courriel": "email"},
        "path": importer["preview"]["path"],
        "source": "Salon 2024",
    }
    report = client.get(done["Location"]).content.decode()
    assert (
        "adresse e-mail invalide x@" in report
        and 'data-status="done"' in report
        and "hx-trigger" not in report
    )
    assert client.post(response["Location"], {}).status_code == 404  # the upload was consumed


@pytest.mark.django_db(transaction=True)
def test_an_unreadable_file_says_why_and_another_team_cannot_see_the_batch(
    client, alice, charlie, importer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(alice)
    response = client.post(
        "/pool/import/", {"file": SimpleUploadedFile("x.csv", b"BROKEN"), "format": "auto"}
    )
    page = client.get(response["Location"], follow=True).content.decode()
    assert "no header row found" in page
    assert client.post("/pool/import/", {"file": SimpleUploadedFile("x.pdf", b"%PDF")}).status_code == 200
    batch = ImportBatch.objects.create(
        team=alice.teams.get(), filename="a.csv", created_at="2026-01-01T00:00Z"
    )
    client.force_login(charlie)
    assert client.get(f"/pool/import/{batch.public_id}/").status_code == 404
