"""The ``vivier`` command as a user runs it: Vivier's own commands grouped in the help, Django's under
``vivier manage``, ``migrate``/``check``/``shell`` at the top, auto-migration and exit 75 kept."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from vivier.cli import describe

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "vivier"


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "vivier-data"


@pytest.fixture
def vivier(data_dir):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(VIVIER_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO))

    def run(*args, **extra_env):
        return subprocess.run(
            [sys.executable, "-m", "vivier", *args],
            cwd=REPO,
            env={**env, **extra_env},
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


def sections(text: str) -> dict[str, list[str]]:
    """{group: [command names]} from the overview."""
    found: dict[str, list[str]] = {}
    group = None
    for line in text.splitlines():
        if line and not line.startswith(" ") and not line.startswith(("Vivier", "Usage")):
            group = line
            found[group] = []
        elif line.startswith("  ") and group:
            found[group].append(line.split()[0])
    return found


def test_help_lists_vivier_commands_by_group_each_with_one_line_and_none_of_djangos(vivier, data_dir):
    result = vivier("--help")

    assert result.returncode == 0, result.stderr
    groups = sections(result.stdout)
    assert list(groups) == ["Pool", "Campaigns", "Replies", "Privacy", "Running", "Team", "Maintenance"]
    assert set(groups["Pool"]) == {"import", "export", "pool", "segment"}
    assert set(groups["Campaigns"]) == {"job", "sequence", "campaign", "outbox", "mailbox", "insights"}
    assert set(groups["Replies"]) == {"inbound", "classify"}
    assert set(groups["Privacy"]) == {"privacy"}
    assert set(groups["Running"]) == {"serve", "worker", "demo"}
    assert set(groups["Team"]) == {"team", "user"}
    assert set(groups["Maintenance"]) == {"migrate", "check", "shell", "manage", "backup"}
    assert "  segment   Count or list the candidates matching a segment query." in result.stdout.splitlines()
    for django_command in ("startapp", "flush", "makemigrations", "testserver", "runserver", "dbshell"):
        assert django_command not in result.stdout
    # Listing the commands starts no database.
    assert not (data_dir / "vivier.db").exists()


def test_help_help_and_no_command_print_the_same_list(vivier):
    outputs = {vivier(*args).stdout for args in [(), ("help",), ("-h",), ("--help",)]}

    assert len(outputs) == 1


def test_every_command_module_of_the_apps_is_listed_with_its_help(vivier):
    """The list is discovered from the apps: a new command file appears without editing the CLI."""
    listed = {name for names in sections(vivier("help").stdout).values() for name in names}
    files = {p.stem for p in PACKAGE.glob("*/management/commands/[!_]*.py")}

    assert files and files <= listed


def test_a_command_declares_its_group_and_its_first_sentence_is_its_line(tmp_path):
    declared = tmp_path / "hello.py"
    declared.write_text(
        "class Command(BaseCommand):\n"
        '    group = "Replies"\n'
        '    help = (\n        "Say hello to a candidate. Twice if asked."\n    )\n'
    )
    plain = tmp_path / "plain.py"
    plain.write_text('class Command(BaseCommand):\n    help = "No group here."\n')
    computed = tmp_path / "computed.py"
    computed.write_text("class Command(BaseCommand):\n    help = _('translated')\n")

    assert describe(declared) == ("Replies", "Say hello to a candidate.")
    assert describe(plain) == ("Other", "No group here.")
    assert describe(computed) == ("Other", None)  # the CLI imports the command to read it


def test_a_command_help_and_help_command_still_describe_it(vivier):
    by_option = vivier("segment", "--help")
    by_help = vivier("help", "segment")

    assert by_option.returncode == by_help.returncode == 0
    assert by_option.stdout.startswith("usage: vivier segment") and by_option.stdout == by_help.stdout


def test_djangos_commands_run_under_manage(vivier):
    listing = vivier("manage")
    created = vivier(
        "manage",
        "createsuperuser",
        "--no-input",
        "--username",
        "root",
        "--email",
        "root@example.org",
        DJANGO_SUPERUSER_PASSWORD="a-long-enough-password",
    )
    shown = vivier("manage", "showmigrations", "accounts")
    usage = vivier("manage", "flush", "--help")

    assert listing.returncode == 0 and "makemigrations" in listing.stdout and "startapp" in listing.stdout
    assert "segment" not in listing.stdout.split()
    assert created.returncode == 0, created.stderr  # on a fresh database: migrated first
    assert shown.returncode == 0 and "[X] 0001_initial" in shown.stdout
    assert usage.stdout.startswith("usage: vivier manage flush")


def test_a_django_command_at_the_top_level_points_to_manage_and_does_nothing(vivier):
    flush = vivier("flush", "--no-input")
    makemigrations = vivier("makemigrations")
    unknown = vivier("frobnicate")

    assert flush.returncode == 2 and "vivier manage flush" in flush.stderr
    assert makemigrations.returncode == 2 and "vivier manage makemigrations" in makemigrations.stderr
    assert unknown.returncode == 2 and "vivier help" in unknown.stderr


def test_migrate_check_and_shell_stay_at_the_top_level(vivier, data_dir):
    migrated = vivier("migrate")
    checked = vivier("check")
    shell = vivier(
        "shell", "-c", "from vivier.pool.models import Candidate; print(Candidate.objects.count())"
    )

    assert migrated.returncode == checked.returncode == shell.returncode == 0
    assert "no issues" in checked.stdout
    assert shell.stdout.splitlines()[-1] == "0"


def test_a_command_migrates_a_fresh_database_first_but_its_help_does_not(vivier, data_dir):
    assert vivier("job", "--help").returncode == 0
    assert not (data_dir / "vivier.db").exists()

    result = vivier("job", "list")

    assert "no team" in result.stderr  # the command ran, on migrated tables
    tables = {
        row[0] for row in sqlite3.connect(data_dir / "vivier.db").execute("select name from sqlite_master")
    }
    assert {"pool_candidate", "jobs_job", "sequences_campaign"} <= tables


def test_a_command_exits_75_when_the_database_is_unavailable(vivier):
    result = vivier("job", "list", DATABASE_URL="postgres://postgres@127.0.0.1:1/vivier_nowhere")

    assert result.returncode == 75
    assert "database unavailable" in result.stderr
