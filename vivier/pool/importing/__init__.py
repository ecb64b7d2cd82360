"""Importing a recruiter's existing pool: CSV (any delimiter, any of the usual encodings), XLSX, XLS;
Lever, Greenhouse and LinkedIn exports; anything else through French/English header synonyms or a mapping.

Functions for the web pages, the API, the CLI and the worker:

``import_preview(*, path, format="auto", mapping=None, rows=10) -> Preview``
    Reads the head of a file and returns ``Preview(kind, encoding, delimiter, format, headers,
    guessed_mapping, sample_rows, fields, warnings)``: ``guessed_mapping`` is ``{header: field}``
    ("" = not imported, its values are kept on the timeline), ``fields`` the ``[(name, label)]`` a
    mapping may use (``FIELDS`` in ``fields.py``), ``sample_rows`` the first ``rows`` data rows as
    ``(row_number, {header: value})``. Raises ``UnreadableFile`` (a ``ValueError``) with a message for
    the user when the file is not a table.

``import_run(*, team, paths, source="", format="auto", mapping=None, dry_run=False, by=None, batch=None,
progress=None) -> ImportReport``
    Imports the files into the team's pool (see ``engine.py`` for the merge policy) and returns
    ``ImportReport(rows, created, merged, unchanged, errors)``, ``errors`` being ``[{"row", "message"}]``
    with the row number a recruiter sees in Excel (header = row 1). ``mapping`` is ``{header: field}``
    and overrides the guesses for the headers it names. ``progress(rows_done)`` is called after each
    committed chunk; with ``batch`` the ImportBatch's counters are saved after each chunk too.
    ``dry_run`` does everything in one transaction and rolls it back.

``import_batch_process(*, batch)``
    Runs an ``ImportBatch`` whose file is at ``batch.stored_path`` (status -> running -> done or
    failed, counters and errors saved as it goes, so a page can poll it).

``handle_one_import() -> bool``
    The worker's step: puts back to pending the running batches whose process died
    (``requeue_stalled_imports``), claims the oldest pending ImportBatch with a conditional UPDATE (and
    ``SKIP LOCKED`` on PostgreSQL), processes it, and returns whether there was work.
"""

from .batches import STALLED_AFTER, handle_one_import, import_batch_process, requeue_stalled_imports
from .fields import FIELDS, FORMATS
from .readers import UnreadableFile
from .report import ImportReport, Preview
from .run import import_preview, import_run, parse_mapping

__all__ = [
    "FIELDS",
    "FORMATS",
    "STALLED_AFTER",
    "ImportReport",
    "Preview",
    "UnreadableFile",
    "handle_one_import",
    "import_batch_process",
    "import_preview",
    "import_run",
    "parse_mapping",
    "requeue_stalled_imports",
]
