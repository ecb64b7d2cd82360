"""The ``vivier`` command: ``vivier <command> [args]``, one Django management command per sub-command.

Every command except a few (help, migrations tooling) migrates the database first, so a newcomer never
meets a missing table on a fresh database.
"""

import json
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
STALE_DATABASE = """vivier: this database was created by migrations Vivier no longer has ({names}).
Vivier's migrations were reset before its first release, and such a database cannot be upgraded: recreate it.
The demo: `vivier demo --reset` drops every table of the database and seeds the demo again.
Otherwise: point VIVIER_DATA_DIR or DATABASE_URL at a new database."""


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    import django
    from django.core.management import call_command, execute_from_command_line

    if not argv:
        argv = ["help"]
    django.setup()
    migrates = argv[0] not in NO_AUTO_MIGRATE
    if migrates or argv[0] == "migrate":
        from django.db import Error as DatabaseError

        try:
            refuse_or_reset_stale_database(argv)
            if migrates:
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


def refuse_or_reset_stale_database(argv: list[str]) -> None:
    """A database built by migrations that are no longer in the tree would be mis-migrated: stop (exit 1),
    unless the command is ``demo --reset``, which recreates it from nothing."""
    from vivier.lib import dbreset

    unknown = dbreset.unknown_migrations()
    if not unknown:
        return
    if argv[0] == "demo" and "--reset" in argv[1:]:
        dbreset.drop_everything()
        return
    names = ", ".join(unknown[:3]) + (f" and {len(unknown) - 3} more" if len(unknown) > 3 else "")
    message = STALE_DATABASE.format(names=names)
    if "--json" in argv[1:]:
        print(json.dumps({"error": "stale_database", "message": message}))
    else:
        print(message, file=sys.stderr)
    sys.exit(1)


if __name__ == "__main__":
    main()
