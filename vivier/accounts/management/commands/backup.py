"""`vivier backup PATH`: a consistent copy of the SQLite database, taken while Vivier runs.

SQLite's online backup API copies the pages under a read transaction, so the web app and the worker keep
writing meanwhile and the copy is the database at one instant (a file copy of a WAL database can be torn).
PostgreSQL has its own tool: the command says which.
"""

import os
import sqlite3
from pathlib import Path

from django.db import connection

from vivier.accounts import cli

PG_DUMP_HINT = (
    "this installation uses PostgreSQL: back it up with pg_dump, e.g. "
    'pg_dump --format=custom --file=vivier.dump "$DATABASE_URL"'
)


class Command(cli.Command):
    group = "Maintenance"
    help = "Copy the SQLite database to PATH while Vivier runs (online backup API)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="file to write (refused if it exists, unless --force)")
        parser.add_argument("--force", action="store_true", help="replace PATH if it exists")
        parser.add_argument("--json", action="store_true", help="print the result as one JSON object")

    def handle(self, *args, path, force=False, json=False, **options):
        if connection.vendor != "sqlite":
            raise cli.Refused(PG_DUMP_HINT)
        target = Path(path).expanduser().resolve()
        if target.exists() and not force:
            raise cli.Refused(f"{target} exists: choose another path or add --force")
        if not target.parent.is_dir():
            raise cli.NotFound(f"no folder {target.parent}")
        partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
        connection.ensure_connection()
        try:
            with sqlite3.connect(partial) as copy:
                # Pages in steps: the source is locked a few milliseconds at a time, not for the whole copy.
                connection.connection.backup(copy, pages=1024)
            copy.close()
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        size = target.stat().st_size
        if json:
            self.stdout.write(cli.dump({"path": str(target), "bytes": size}))
        else:
            self.stdout.write(f"backed up to {target} ({size} bytes)")
