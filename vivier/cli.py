"""The ``vivier`` command: ``vivier <command> [args]``, one Django management command per sub-command.

Every command except a few (help, migrations tooling) migrates the database first, so a newcomer never
meets a missing table on a fresh database.
"""

import os
import sys

NO_AUTO_MIGRATE = {
    "migrate",
    "makemigrations",
    "showmigrations",
    "sqlmigrate",
    "help",
    "--help",
    "-h",
    "version",
    "--version",
    "check",
    "shell",
    "dbshell",
    "makemessages",
    "compilemessages",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    import django
    from django.core.management import call_command, execute_from_command_line

    if not argv:
        argv = ["help"]
    django.setup()
    if argv[0] not in NO_AUTO_MIGRATE:
        from django.db import Error as DatabaseError

        try:
            from vivier.pool.importing import indexes

            # Before migrating: secondary indexes an import was killed before rebuilding (a migration may
            # expect them); their SQL is that of the schema they were dropped from.
            indexes.restore()
            call_command("migrate", interactive=False, verbosity=0)
        except DatabaseError as exc:
            # EX_TEMPFAIL: an MTA piping mail into `vivier inbound receive` keeps the message and retries.
            print(f"vivier: database unavailable: {exc}", file=sys.stderr)
            sys.exit(75)
    execute_from_command_line(["vivier", *argv])


if __name__ == "__main__":
    main()
