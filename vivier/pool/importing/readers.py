"""Reading what recruiters really have: CSV in any of four delimiters and four encodings, XLSX, XLS.

``open_table(path)`` sniffs the file and returns a ``Table``: the detected kind, encoding and delimiter,
the header cells and an iterator of ``(row_number, cells)`` where ``row_number`` is the row a recruiter
sees in Excel (the header is row 1, a quoted multi-line cell is still one row). Nothing is loaded whole:
CSV is decoded as a stream, XLSX is read with openpyxl's read-only mode, XLS with xlrd's on-demand sheets.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from vivier.lib.text import strip_controls

from ..import_problems import Problem

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

DELIMITERS = [",", ";", "\t", "|"]
# Encodings a French or English recruiter's file can be in; anything else is read as Windows-1252.
ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (no BOM)",
    "utf-16-be": "UTF-16 big-endian (no BOM)",
    "cp1252": "Windows-1252",
    "latin-1": "ISO-8859-1 (Latin-1)",
}
SAMPLE_BYTES = 4 * 1024 * 1024
BROKEN = "\ufffd"
# Bounds against hostile files (a zip bomb, a sheet declaring every cell of Excel's grid, ten thousand
# columns): each is refused or cut with a message saying which.
MAX_COLUMNS = 500
MAX_CELL = 32_767  # Excel's own limit for one cell
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # an Excel file's content, unzipped
MAX_RATIO = 100  # unzipped / zipped size of one part, past 1 MB: real sheets compress 5 to 20 times


class UnreadableFile(Problem):
    """The file as a whole cannot be read (empty, not a table, corrupt spreadsheet)."""


@dataclass
class Table:
    kind: str  # csv, xlsx, xls
    headers: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[str]]]
    encoding: str = ""
    delimiter: str = ""
    # Per-file facts worth telling the user (e.g. "a few bytes are not valid UTF-8").
    warnings: list[str] = field(default_factory=list)
    size: int = 0  # bytes on disk

    def close(self) -> None:
        close = getattr(self.rows, "close", None)
        if close:
            close()


def open_table(path: str | Path) -> Table:
    path = Path(path)
    table = _open(path)
    table.size = path.stat().st_size
    return table


def _open(path: Path) -> Table:
    with path.open("rb") as fh:
        head = fh.read(SAMPLE_BYTES)
    if not head.strip():
        raise UnreadableFile("file_empty", "the file is empty")
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _open_xls(path)
    if head.lstrip()[:15].lower().startswith((b"<html", b"<!doctype html", b"<table")):
        raise UnreadableFile(
            "html_file",
            "this is a web page (HTML), not a CSV or Excel file: open it in Excel and save it as CSV or XLSX",
        )
    if _utf16_without_bom(head) is None and _binary(head):
        raise UnreadableFile(
            "binary_file",
            "this is not a table: the file holds binary data (an image, a PDF, an archive...); "
            "export the candidates as CSV or XLSX",
        )
    return _open_csv(path, head)


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 saved without its byte-order mark (some exports do it): Latin text then has a NUL byte in
    every other position, at the odd ones in little-endian, the even ones in big-endian."""
    sample = sample[:65536]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


# Bytes that never appear in a text table (NUL and the C0 controls other than tab, newlines, form feed).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _binary(sample: bytes) -> bool:
    sample = sample[:65536]
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return controls > max(8, len(sample) // 100)


# --- CSV --------------------------------------------------------------------------------------------------


def detect_encoding(sample: bytes) -> str:
    """1. a BOM decides; 2. strict UTF-8 (incremental, so a cut multi-byte char at the end is fine);
    3. mostly-UTF-8 with a few broken bytes stays UTF-8 (the broken cells are reported per row);
    4. otherwise charset-normalizer among the legacy single-byte encodings, checked by a strict decode."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = sample.decode("utf-8", errors="replace")
    broken = replaced.count(BROKEN)
    multibyte = sum(1 for ch in replaced if ord(ch) > 127) - broken
    # cp1252/Latin-1 text almost never forms valid UTF-8 sequences, so valid ones outnumbering the broken
    # ones means a UTF-8 file with a few damaged cells (pasted from elsewhere), not a legacy encoding.
    if multibyte > 0 and broken <= multibyte:
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample[:262144], cp_isolation=["cp1252", "latin_1", "utf_8"]).best()
    guess = (best.encoding if best else "cp1252").replace("_", "-")
    guess = {"latin-1": "latin-1", "iso8859-1": "latin-1", "windows-1252": "cp1252"}.get(guess, guess)
    for encoding in (guess, "cp1252", "latin-1"):
        try:
            sample.decode(encoding)
            return encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return "latin-1"  # unreachable: latin-1 decodes any byte


def detect_delimiter(text: str) -> str:
    """Parse the first records with each candidate delimiter and keep the one that gives a header of
    several columns that the following records agree with (csv.Sniffer guesses wrong on quoted cells
    holding commas, which French files are full of). A preamble above the header (LinkedIn's "Notes:")
    is looked past: see ``header_index``."""
    return _layout(text)[0]


def _layout(text: str) -> tuple[str, int]:
    """The delimiter and the header's position among the non-empty records."""
    best, best_score, best_header = ",", (-1.0, 0, 0), 0
    for delimiter in DELIMITERS:
        try:
            records = []
            for record in csv.reader(io.StringIO(text), delimiter=delimiter):
                if any(cell.strip() for cell in record):
                    records.append(record)
                if len(records) >= 60:
                    break
        except csv.Error:
            continue
        if not records:
            continue
        header = header_index(records)
        width = len(_trim(records[header]))
        if width < 2:
            continue
        score = (_agreement(records, header), width, -header)
        if score > best_score:
            best, best_score, best_header = delimiter, score, header
    return best, best_header


# A preamble is a few lines: the header is looked for among the first records only.
PREAMBLE_RECORDS = 20


def header_index(records: list[list[str]]) -> int:
    """Which of the first non-empty records is the header: the first one of at least two columns that the
    records below it agree with. Exports put notes above the header ("Notes:" and a paragraph in
    LinkedIn's Connections.csv, a title and an export date in others); those lines have one cell, or a
    width no data row shares; and they are narrower than the header (a full-width first record is the
    header even when the rows below are ragged). Otherwise the first record is the header."""
    widest = 0
    for index, record in enumerate(records[:PREAMBLE_RECORDS]):
        width = len(_trim(record))
        if width <= widest and widest >= 2:
            return 0
        if width >= 2 and _agreement(records, index) >= 0.5:
            return index
        widest = width
    return 0


def _agreement(records: list[list[str]], header: int) -> float:
    width = len(_trim(records[header]))
    body = records[header + 1 :]
    if not body:
        return 1.0 if header == 0 else 0.0
    return sum(1 for r in body if len(_trim(r)) == width or len(r) == width) / len(body)


def _trim(record: list[str]) -> list[str]:
    end = len(record)
    while end and not record[end - 1].strip():
        end -= 1
    return record[:end]


def _too_wide(headers: list[str]) -> None:
    width = len(_trim(headers))
    if width > MAX_COLUMNS:
        raise UnreadableFile(
            "too_wide",
            f"the file has {width} columns; Vivier reads at most {MAX_COLUMNS}",
            width=width,
            max=MAX_COLUMNS,
        )


def _clean(number: int, record: list[str], warnings: list[str]) -> list[str]:
    """The cells without control characters, each cut at MAX_CELL characters (said once per file)."""
    cells = [strip_controls(cell) for cell in record]
    for i, cell in enumerate(cells):
        if len(cell) > MAX_CELL:
            cells[i] = cell[:MAX_CELL]
            message = f"cells longer than {MAX_CELL:,} characters (Excel's limit) were cut, from row {number}"
            if not any(w.startswith("cells longer than") for w in warnings):
                warnings.append(message)
    return cells


def _open_csv(path: Path, head: bytes) -> Table:
    encoding = detect_encoding(head)
    # Cut the sample at the last newline so the delimiter detector never sees half a record.
    text = head[: head.rfind(b"\n") + 1 or len(head)][:262144].decode(encoding, errors="replace")
    delimiter, skip = _layout(text)
    fh = path.open("r", encoding=encoding, errors="replace", newline="")
    reader = csv.reader(fh, delimiter=delimiter, strict=False)
    row_number = 0
    headers: list[str] | None = None
    for record in reader:
        row_number += 1
        if any(cell.strip() for cell in record):
            if skip:
                skip -= 1
                continue
            headers = [strip_controls(cell).strip() for cell in record]
            break
    if headers is None:
        fh.close()
        raise UnreadableFile("no_header", "the file has no header row")
    try:
        _too_wide(headers)
    except UnreadableFile:
        fh.close()
        raise
    header_row = row_number
    warnings: list[str] = []

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = header_row
        try:
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:  # e.g. a NUL byte: report the row, keep reading
                    number += 1
                    yield number, [f"{BROKEN}csv error: {exc}"]
                    continue
                number += 1
                yield number, _clean(number, record, warnings)
        finally:
            fh.close()

    return Table(
        kind="csv",
        headers=headers,
        header_row=header_row,
        rows=rows(),
        encoding=encoding,
        delimiter=delimiter,
        warnings=warnings,
    )


# --- Spreadsheets -------------------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A spreadsheet cell as the text a recruiter sees (phones typed as numbers keep no '.0')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if (value.hour, value.minute, value.second) == (0, 0, 0)
            else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return strip_controls(str(value))


def _header_and_rows(records: Iterator[tuple[int, list[str]]], kind: str, closer=None) -> Table:
    headers = None
    header_row = 0
    head: list[tuple[int, list[str]]] = []  # the first non-empty records, to look past a preamble
    for number, record in records:
        if any(cell.strip() for cell in record):
            head.append((number, record))
            if len(head) >= 60:
                break
    if head:
        found = header_index([record for _, record in head])
        header_row, record = head[found]
        headers = [cell.strip() for cell in _trim(record)]
        records = itertools.chain(head[found + 1 :], records)
    if headers is None or len(headers) > MAX_COLUMNS:
        if closer:
            closer()
        if headers is None:
            raise UnreadableFile("sheet_no_header", "the first sheet has no header row")
        _too_wide(headers)
    warnings: list[str] = []

    def rows():
        try:
            for number, record in records:
                yield number, _clean(number, record[: MAX_COLUMNS + 1], warnings)
        finally:
            if closer:
                closer()

    return Table(kind=kind, headers=headers, header_row=header_row, rows=rows(), warnings=warnings)


def _check_unzipped_size(path: Path) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile("excel_unreadable", f"this Excel file cannot be read: {exc}") from exc
    total = sum(part.file_size for part in parts)
    bomb = any(
        part.file_size > 1024 * 1024 and part.file_size > MAX_RATIO * max(part.compress_size, 1)
        for part in parts
    )
    if total > MAX_UNCOMPRESSED or bomb:
        raise UnreadableFile(
            "excel_too_big",
            f"this Excel file expands to {total / 1024 / 1024:,.0f} MB when opened "
            f"(at most {MAX_UNCOMPRESSED // 1024 // 1024} MB, compressed at most {MAX_RATIO} times): "
            f"save it again from Excel, or as CSV",
            mb=round(total / 1024 / 1024),
            max_mb=MAX_UNCOMPRESSED // 1024 // 1024,
            ratio=MAX_RATIO,
        )


def _open_xlsx(path: Path) -> Table:
    import openpyxl

    _check_unzipped_size(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a corrupt archive
        raise UnreadableFile("excel_unreadable", f"this Excel file cannot be read: {exc}") from exc
    sheet = workbook.worksheets[0]

    # The sheet's declared size is not trusted ("A1:XFD1048576" would pad every row to 16,384 cells and
    # yield a million rows): only the rows and cells the file holds are read.
    sheet.reset_dimensions()

    def records():
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [cell_text(v) for v in values]

    return _header_and_rows(records(), "xlsx", workbook.close)


def _open_xls(path: Path) -> Table:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
        sheet = book.sheet_by_index(0)
    except Exception as exc:
        raise UnreadableFile(
            "excel_unreadable", f"this Excel 97-2003 (.xls) file cannot be read: {exc}"
        ) from exc

    def value(cell):
        if cell.ctype == xlrd.XL_CELL_DATE:
            try:
                return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
            except Exception:
                return cell_text(cell.value)
        if cell.ctype == xlrd.XL_CELL_BOOLEAN:
            return "yes" if cell.value else "no"
        if cell.ctype == xlrd.XL_CELL_ERROR:
            return ""
        return cell_text(cell.value)

    def records():
        for index in range(sheet.nrows):
            yield index + 1, [value(c) for c in sheet.row(index)]

    return _header_and_rows(records(), "xls", book.release_resources)
