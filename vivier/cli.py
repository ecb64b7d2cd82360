"""The ``vivier`` command: ``vivier <command> [args]``, one management command of a Vivier app per command.

``vivier`` / ``vivier help`` list Vivier's own commands, grouped by what a user does, one line each. They
are found in the apps' ``management/commands/`` folders, so a new command appears without editing this
file; its class declares its group (``group = "Pool"``) and its ``help`` gives the line. The list is read
from the source files, without starting Django, so that it answers at once. Django's own commands stay
reachable as ``vivier manage COMMAND``; ``migrate``, ``check`` and ``shell`` also stay at the top level.

Every command except a few (help, migrations tooling) migrates the database first, so a newcomer never
meets a missing table on a fresh database; when the applied migrations are those on disk, that costs one
query. Vivier's commands skip Django's system checks (``vivier check`` runs them, and ``serve`` and ``worker``
at start): they would import the whole URL configuration, the API and the reply classifier.
"""

import ast
import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

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
HELP = {"help", "--help", "-h"}
# Django's commands the README and scripts run as `vivier CMD`; the others are under `vivier manage`.
DJANGO_TOP_LEVEL = {
    "migrate": "Create or update the database tables (every command also does it first).",
    "check": "Check the configuration (Django's system checks).",
    "shell": "A Python shell with Vivier loaded.",
}
# The order groups are shown in; a group no command of this list declares comes after them.
GROUPS = ("Pool", "Campaigns", "Replies", "Privacy", "Running", "Team", "Maintenance")
OTHER = "Other"
USAGE_ERROR = 2


@dataclass(frozen=True)
class Entry:
    name: str
    group: str
    line: str


STALE_DATABASE = """vivier: this database was created by migrations Vivier no longer has ({names}).
Vivier's migrations were reset before its first release, and such a database cannot be upgraded: recreate it.
The demo: `vivier demo --reset` drops every table of the database and seeds the demo again.
Otherwise: point VIVIER_DATA_DIR or DATABASE_URL at a new database."""


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    if not argv or (argv[0] in HELP and len(argv) == 1):
        print(overview())
        return
    name = argv[0]
    if name == "manage":
        manage(argv[1:])
        return
    if not (
        command_exists(name) or name in DJANGO_TOP_LEVEL or name in ("help", "version") or name[0] == "-"
    ):
        unknown(name)
    run("vivier", argv)


def manage(argv: list[str]) -> None:
    """``vivier manage COMMAND ...``: Django's own commands (``vivier manage`` lists them)."""
    if not argv or (argv[0] in HELP and len(argv) == 1):
        import django
        from django.core.management import get_commands

        django.setup()
        ours = commands()
        by_app: dict[str, list[str]] = {}
        for name, app in get_commands().items():
            if name not in ours:
                by_app.setdefault(app.rpartition(".")[2], []).append(name)
        print(
            "Django's own commands: vivier manage COMMAND [options] (vivier manage help COMMAND describes one)."
        )
        for app in sorted(by_app):
            print(f"\n[{app}]\n" + "\n".join(f"  {name}" for name in sorted(by_app[app])))
        return
    run("vivier manage", argv)


def run(prog: str, argv: list[str]) -> None:
    """Django's command-line utility on ``argv``, after migrating the database when the command needs it."""
    import django
    from django.core.management import call_command, execute_from_command_line

    django.setup()
    helping = bool(HELP & set(argv))
    migrates = argv[0] not in NO_AUTO_MIGRATE and not helping
    if migrates or (argv[0] == "migrate" and not helping):
        from django.db import Error as DatabaseError

        try:
            # Nothing to migrate, nothing stale, no index set aside: the command runs at once.
            if not (migrates and database_current()):
                refuse_or_reset_stale_database(argv)
                if migrates:
                    from vivier.pool.importing import indexes

                    # Before migrating: secondary indexes an import was killed before rebuilding (a migration
                    # may expect them); their SQL is that of the schema they were dropped from.
                    indexes.restore()
                    call_command("migrate", interactive=False, verbosity=0)
        except DatabaseError as exc:
            # EX_TEMPFAIL: an MTA piping mail into `vivier inbound receive` keeps the message and retries.
            print(f"vivier: database unavailable: {exc}", file=sys.stderr)
            sys.exit(75)
    execute_from_command_line([prog, *argv])


def unknown(name: str) -> None:
    import django
    from django.core.management import get_commands

    django.setup()
    if name in get_commands():
        message = f"vivier: {name!r} is one of Django's own commands: run `vivier manage {name}`."
    else:
        message = f"vivier: unknown command {name!r}. `vivier help` lists the commands."
    print(message, file=sys.stderr)
    sys.exit(USAGE_ERROR)


def command_exists(name: str) -> bool:
    """Whether an installed ``vivier.*`` app has a command ``name`` (a file lookup, no parsing)."""
    return any(folder.joinpath(f"{name}.py").is_file() for _app, folder in command_folders())


def command_folders() -> list[tuple[str, Path]]:
    """(app, its ``management/commands`` folder) of the installed ``vivier.*`` apps."""
    from django.conf import settings

    folders = []
    for app in settings.INSTALLED_APPS:
        if not app.startswith("vivier."):
            continue
        try:
            spec = importlib.util.find_spec(app)
        except ModuleNotFoundError:  # an AppConfig's dotted path, not a package
            continue
        if spec is None or not spec.submodule_search_locations:
            continue
        folders.append((app, Path(next(iter(spec.submodule_search_locations))) / "management" / "commands"))
    return folders


def commands() -> dict[str, Entry]:
    """Vivier's commands: those of the installed ``vivier.*`` apps, read from their source files."""
    found: dict[str, Entry] = {}
    for app, folder in command_folders():
        for path in sorted(folder.glob("[!_]*.py")):
            group, line = describe(path)
            if line is None:
                line = imported_help(app, path.stem)
            # Like Django: a later app's command of the same name wins.
            found[path.stem] = Entry(path.stem, group, line)
    return found


def describe(path: Path) -> tuple[str, str | None]:
    """(group, one line) from the ``group`` and ``help`` attributes of the module's ``Command`` class; the
    line is None when ``help`` is not written as a plain string."""
    values = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef) and node.name == "Command":
            for item in node.body:
                if isinstance(item, ast.Assign) and len(item.targets) == 1:
                    target = item.targets[0]
                    if isinstance(target, ast.Name) and isinstance(item.value, ast.Constant):
                        values[target.id] = item.value.value
    help_text = values.get("help")
    return str(values.get("group") or OTHER), first_sentence(help_text) if isinstance(
        help_text, str
    ) else None


def imported_help(app: str, name: str) -> str:
    import django
    from django.core.management import load_command_class

    django.setup()
    return first_sentence(str(load_command_class(app, name).help))


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    head, dot, _rest = text.partition(". ")
    return head + "." if dot else text


def overview() -> str:
    entries = [*commands().values(), *(Entry(n, "Maintenance", line) for n, line in DJANGO_TOP_LEVEL.items())]
    entries.append(Entry("manage", "Maintenance", "Django's own commands: vivier manage lists them."))
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.group, []).append(entry)
    order = [g for g in GROUPS if g in groups] + sorted(set(groups) - set(GROUPS))
    width = max(len(e.name) for e in entries) + 2
    lines = [
        "Vivier: re-engage your talent pool.",
        "",
        "Usage: vivier COMMAND [options]   (vivier COMMAND --help describes one)",
    ]
    for group in order:
        lines += ["", group]
        lines += [f"  {e.name.ljust(width)}{e.line}" for e in groups[group]]
    return "\n".join(lines)


def database_current() -> bool:
    """Whether the database has applied exactly the migrations on disk and no import left indexes set aside:
    one query and a directory listing instead of the migration planner (``vivier.lib.migrationset``)."""
    from django.db import connection

    from vivier.lib.migrationset import migration_set

    if not migration_set().current:
        return False
    if connection.vendor != "sqlite":
        return True
    from vivier.pool.models import DeferredIndex

    return not DeferredIndex.objects.exists()


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
