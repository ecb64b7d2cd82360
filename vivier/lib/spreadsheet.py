"""Cells of the CSV and XLSX files Vivier writes, safe to open in Excel or LibreOffice.

A text cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before
one of them) runs as a formula when the file is opened: ``=HYPERLINK(...)`` leaks data, ``=cmd|...`` runs
a program. In CSV the text is prefixed with an apostrophe, which the spreadsheet shows as text; in XLSX
the cell is written with the string type, so the value stays exactly as typed and never runs.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(values: Iterable) -> list[str]:
    return [csv_cell(value) for value in values]


def xlsx_row(sheet, values: Iterable) -> list:
    """Cells for ``sheet.append`` of a write-only openpyxl sheet: numbers stay numbers, text stays text."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cells = []
    for value in values:
        if value is None or isinstance(value, bool | int | float):
            cells.append(value)
            continue
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        cell.data_type = "s"  # never "f": openpyxl would otherwise store "=..." as a formula
        cells.append(cell)
    return cells
