"""What an import returns: the preview of a file's head and the report of a run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

MAX_ERRORS = 10_000
DELIMITER_LABELS = {",": "comma (,)", ";": "semicolon (;)", "\t": "tab", "|": "pipe (|)"}


@dataclass
class Preview:
    kind: str
    encoding: str
    delimiter: str
    format: str
    headers: list[str]
    guessed_mapping: dict[str, str]
    sample_rows: list[tuple[int, dict[str, str]]]
    fields: list[tuple[str, str]]
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    # Files that could not be read, or of which no row could be imported: the import failed for them.
    failed_files: list[str] = field(default_factory=list)
    _hidden_errors: int = 0
    # Rows refused because the person was erased at their request: a file of only those did not fail.
    _erased_rows: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.failed_files)

    @property
    def file_message(self) -> str:
        """The first file-level problem (row 0), what a failed import says at the top."""
        return next((e["message"] for e in self.errors if e["row"] == 0), "")

    def error(self, row: int, code: str, params: dict, message: str, file: str = "") -> None:
        """One problem (see ``vivier.pool.import_problems``): its code and params, what a page words in the reader's language,
        and its English ``message`` for the CLI and the API (the file's name before it in a many-file
        import; ``params["file"]`` then)."""
        if len(self.errors) < MAX_ERRORS:
            if file:
                params = {**params, "file": file}
            self.errors.append({"row": row, "message": message, "code": code, "params": params})
        else:
            self._hidden_errors += 1

    def as_dict(self) -> dict:
        data = asdict(self)
        data["status"] = "failed" if data.pop("failed_files") else "done"
        hidden = data.pop("_hidden_errors")
        data.pop("_erased_rows")
        if hidden:
            more = {"row": 0, "message": f"{hidden} more errors not listed"}
            data["errors"] = [*data["errors"], {**more, "code": "more_errors", "params": {"count": hidden}}]
        return data
