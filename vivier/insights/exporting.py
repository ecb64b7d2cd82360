"""The Results tab's tables as files: one CSV per table, or one XLSX with a sheet per table. Text that a
spreadsheet would run as a formula (a candidate's verbatim starting with "=") is neutralised by
``vivier.lib.spreadsheet``."""

from __future__ import annotations

import csv
import io
import re

from vivier.lib.spreadsheet import csv_row, xlsx_row

from .tables import Table


def table_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads accents right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_row(table.headers))
    for row in table.rows:
        writer.writerow(csv_row(row))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_title(title: str, taken: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def tables_xlsx(tables: list[Table]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, taken))
        sheet.append(xlsx_row(sheet, table.headers))
        for row in table.rows:
            sheet.append(xlsx_row(sheet, row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
