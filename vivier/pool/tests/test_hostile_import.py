"""Hostile files: control characters in values, and bombs (huge cells, columns, declared ranges)."""

import pytest

from vivier.pool.importing import import_run
from vivier.pool.models import Candidate


def write_csv(tmp_path, text: str):
    path = tmp_path / "hostile.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.django_db(transaction=True)
def test_control_characters_are_stripped_per_value_and_the_file_is_imported(team, tmp_path):
    path = write_csv(
        tmp_path,
        "Prénom,Nom\x01,Email,Poste\n"
        "Hél\x00ène,Dupré\x1b,helene@exemple.fr,Data\x00 engineer\x7f\n"
        "Ana,Lopez,ana@exemple.fr,Backend\n",
    )
    report = import_run(team=team, paths=[path])
    assert report.created == 2, report
    helene = Candidate.objects.get(team=team, emails__email="helene@exemple.fr")
    assert (helene.first_name, helene.last_name) == ("Hélène", "Dupré")
    assert "\x00" not in helene.headline + helene.current_title
    assert Candidate.objects.filter(team=team, emails__email="ana@exemple.fr").exists()


@pytest.mark.django_db
def test_the_api_strips_control_characters_from_text(api):
    response = api.post(
        "/api/pool/candidates",
        {"first_name": "A\x00na", "last_name": "Lo\x08pez", "emails": ["ana@exemple.fr"]},
    )
    assert response.status_code in (200, 201), response.content
    ana = Candidate.objects.get()
    assert (ana.first_name, ana.last_name) == ("Ana", "Lopez")


def xlsx_from_parts(path, sheet_xml: str, shared: str | None = None):
    """A minimal XLSX written by hand, so a test can declare what openpyxl would never write."""
    import zipfile

    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
        ' Target="worksheets/sheet1.xml"/>'
        + (
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/>'
            if shared is not None
            else ""
        )
        + "</Relationships>"
    )
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        + (
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            if shared is not None
            else ""
        )
        + "</Types>"
    )
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    workbook = (
        f'<?xml version="1.0"?><workbook {ns} '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr(
            "xl/worksheets/sheet1.xml", f'<?xml version="1.0"?><worksheet {ns}>{sheet_xml}</worksheet>'
        )
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst {ns}>{shared}</sst>')
    return path


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER_ROW = '<row r="1">' + inline("A1", "Prénom") + inline("B1", "Email") + "</row>"
ANA_ROW = '<row r="2">' + inline("A2", "Ana") + inline("B2", "ana@exemple.fr") + "</row>"


@pytest.mark.django_db
def test_a_shared_string_bomb_is_refused_before_it_is_expanded(team, tmp_path):
    from vivier.pool.importing import import_preview
    from vivier.pool.importing.readers import UnreadableFile

    bomb = "x" * 60_000_000
    path = xlsx_from_parts(
        tmp_path / "bomb.xlsx",
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>',
        shared=f"<si><t>{bomb}</t></si>",
    )
    assert path.stat().st_size < 200_000
    with pytest.raises(UnreadableFile, match="expands"):
        import_preview(path=path)


@pytest.mark.django_db
def test_a_huge_declared_range_previews_only_what_the_file_holds(team, tmp_path):
    import time

    from vivier.pool.importing import import_preview

    path = xlsx_from_parts(
        tmp_path / "range.xlsx",
        f'<dimension ref="A1:XFD1048576"/><sheetData>{HEADER_ROW}{ANA_ROW}</sheetData>',
    )
    started = time.monotonic()
    preview = import_preview(path=path)
    assert time.monotonic() - started < 3
    assert preview.headers == ["Prénom", "Email"]
    assert [row["Email"] for _, row in preview.sample_rows] == ["ana@exemple.fr"]
    report = import_run(team=team, paths=[path])
    assert report.created == 1


@pytest.mark.django_db
def test_too_many_columns_are_refused_with_a_clear_message(team, tmp_path):
    from vivier.pool.importing import import_preview
    from vivier.pool.importing.readers import MAX_COLUMNS, UnreadableFile

    path = write_csv(tmp_path, ",".join(f"c{i}" for i in range(10_000)) + "\n" + "x," * 9_999 + "x\n")
    with pytest.raises(UnreadableFile, match=f"at most {MAX_COLUMNS}"):
        import_preview(path=path)
    wide = xlsx_from_parts(
        tmp_path / "wide.xlsx",
        '<sheetData><row r="1">' + inline("A1", "Email") + inline("ZZ1", "Nom") + "</row></sheetData>",
    )
    with pytest.raises(UnreadableFile, match=f"at most {MAX_COLUMNS}"):
        import_preview(path=wide)


@pytest.mark.django_db
def test_a_huge_cell_is_cut_with_a_warning_and_the_preview_stays_small(team, tmp_path):
    from vivier.pool.importing import import_preview
    from vivier.pool.importing.readers import MAX_CELL

    path = write_csv(tmp_path, "Prénom,Email,Notes\nAna,ana@exemple.fr," + "y" * 5_000_000 + "\n")
    preview = import_preview(path=path)
    assert sum(len(v) for _, row in preview.sample_rows for v in row.values()) < 10_000
    assert any("32" in w for w in preview.warnings)
    report = import_run(team=team, paths=[path])
    assert report.created == 1
    assert MAX_CELL == 32_767


@pytest.mark.django_db
def test_the_preview_stops_scanning_after_many_empty_rows(team, tmp_path):
    import time

    from vivier.pool.importing import import_preview

    path = write_csv(tmp_path, "Prénom,Email\n" + ",\n" * 500_000 + "Ana,ana@exemple.fr\n")
    started = time.monotonic()
    preview = import_preview(path=path)
    assert time.monotonic() - started < 3
    assert preview.sample_rows == []


@pytest.mark.django_db
def test_an_internationalized_mailbox_name_is_refused_at_import_with_a_clear_message(team, tmp_path):
    path = write_csv(tmp_path, "Prénom,Email\nInès,inès.test@mail.example\nAna,ana@exemple.fr\n")
    report = import_run(team=team, paths=[path])
    assert report.created == 1
    [error] = [e for e in report.errors if e["row"] == 2]
    assert "before the @" in error["message"]
    assert not Candidate.objects.filter(first_name="Inès").exists()


@pytest.mark.django_db
def test_an_internationalized_domain_is_kept_in_its_sendable_form(api):
    response = api.post("/api/pool/candidates", {"first_name": "Ana", "emails": ["ana@exemple.émoi"]})
    assert response.status_code in (200, 201), response.content
    assert Candidate.objects.get().emails.get().email == "ana@exemple.xn--moi-9la"
    refused = api.post("/api/pool/candidates", {"first_name": "Inès", "emails": ["inès@exemple.fr"]})
    assert refused.status_code == 422 and "inès@exemple.fr" in refused.json()["errors"]["emails"][0]
    assert Candidate.objects.count() == 1
