"""What an import can report, stored as a code and its params (``ImportBatch.errors``); a page words it in
the reader's language (``vivier.pool.labels.import_error_label``), the CLI and the API print the English
``message`` stored next to it.

A problem is raised (``Problem`` and its subclasses) or carried as ``[code, params, message]``,
which crosses the reading process's pipe as plain data.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

# The label of each code: what a page shows, in the reader's language. Params hold values from the file or
# figures only, never English text.
LABELS = {
    # a row refused
    "too_many_columns": gettext_lazy(
        "too many columns: %(cells)s cells but the header has %(width)s (a delimiter inside a value?)"
    ),
    "unreadable_row": gettext_lazy("unreadable row"),
    "broken_encoding": gettext_lazy(
        "broken encoding (unreadable characters) in column %(columns)s: fix the file’s encoding and "
        "import it again"
    ),
    "no_usable_key": gettext_lazy("no usable email, phone or LinkedIn URL: %(values)s"),
    "no_key": gettext_lazy(
        "no email, phone or LinkedIn URL: a candidate needs at least one to be told apart from the others"
    ),
    # a value refused in a row that was imported
    "invalid_email": gettext_lazy("invalid email %(value)s"),
    "invalid_phone": gettext_lazy("invalid phone number %(value)s"),
    "invalid_url": gettext_lazy("invalid web address %(value)s"),
    # a file refused
    "file_empty": gettext_lazy("the file is empty"),
    "file_unopenable": gettext_lazy("the file cannot be opened"),
    "no_header": gettext_lazy("the file has no header row"),
    "sheet_no_header": gettext_lazy("the first sheet has no header row"),
    "too_wide": gettext_lazy("the file has %(width)s columns; Vivier reads at most %(max)s"),
    "html_file": gettext_lazy(
        "this is a web page (HTML), not a CSV or Excel file: open it in Excel and save it as CSV or XLSX"
    ),
    "binary_file": gettext_lazy(
        "this is not a table: the file holds binary data (an image, a PDF, an archive...); export the "
        "candidates as CSV or XLSX"
    ),
    "excel_unreadable": gettext_lazy("this Excel file cannot be read"),
    "excel_too_big": gettext_lazy(
        "this Excel file expands to %(mb)s MB when opened (at most %(max_mb)s MB, compressed at most "
        "%(ratio)s times): save it again from Excel, or as CSV"
    ),
    "no_row_imported": gettext_lazy(
        "no row could be imported (%(rows)s rows, each refused): check that the columns are mapped and that "
        "the header is the file’s real one"
    ),
    "header_no_rows": gettext_lazy("the file has a header but no rows"),
    "more_errors": gettext_lazy("%(count)s more errors not listed"),
    "stopped": gettext_lazy("the import stopped on an unexpected error; try again or write to support"),
    # a row of someone erased at their request (a tombstone matched one of its keys)
    "erased_on_request": gettext_lazy("erased at the person's request (row not imported)"),
}


class Problem(ValueError):
    """A problem with its code and params; ``str()`` is the English message."""

    def __init__(self, code: str, message: str, **params) -> None:
        assert code in LABELS, code
        super().__init__(message)
        self.code, self.params = code, params

    def carried(self) -> list:
        """``[code, params, message]``: a list, told apart from a row's tuple on the reading process's pipe."""
        return [self.code, self.params, str(self)]
