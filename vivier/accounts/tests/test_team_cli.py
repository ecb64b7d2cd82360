"""``vivier team`` and ``vivier user`` as an administrator runs them on a fresh installation."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def user_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(VIVIER_DATA_DIR=str(tmp_path / "vivier-data"), PYTHONPATH=str(REPO))
    if env.get("DATABASE_URL"):
        # A database of its own, not the test run's.
        env.pop("DATABASE_URL")
    return env


@pytest.fixture
def vivier(tmp_path):
    env = user_env(tmp_path)

    def run(*args, stdin=subprocess.DEVNULL):
        return subprocess.run(
            [sys.executable, "-m", "vivier", *args],
            cwd=REPO,
            env=env,
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "password"
    path.write_text("Une-phrase-de-passe-longue\n")
    return path


def test_an_admin_starts_a_real_team_from_the_command_line(vivier, password_file):
    created = vivier(
        "team",
        "create",
        "--name",
        "Alvéa RH",
        "--slug",
        "alvea",
        "--country",
        "be",
        "--tz",
        "Europe/Brussels",
    )
    assert created.returncode == 0, created.stderr
    assert "alvea" in created.stdout

    admin = vivier(
        "user",
        "create",
        "nadia",
        "--team",
        "alvea",
        "--role",
        "admin",
        "--email",
        "nadia@alvea.fr",
        "--password-file",
        str(password_file),
    )
    recruiter = vivier("user", "create", "rémi", "--team", "alvea", "--password-file", str(password_file))
    assert admin.returncode == 0, admin.stderr
    assert recruiter.returncode == 0, recruiter.stderr

    teams = [json.loads(line) for line in vivier("team", "list", "--json").stdout.splitlines()]
    assert [(t["slug"], t["name"], t["country"], t["time_zone"], t["members"]) for t in teams] == [
        ("alvea", "Alvéa RH", "BE", "Europe/Brussels", 2)
    ]
    users = {u["username"]: u for u in map(json.loads, vivier("user", "list", "--json").stdout.splitlines())}
    assert users["nadia"]["teams"] == [{"slug": "alvea", "name": "Alvéa RH", "role": "admin"}]
    assert users["nadia"]["email"] == "nadia@alvea.fr"
    assert users["rémi"]["teams"][0]["role"] == "recruiter"

    promoted = vivier("user", "set-role", "rémi", "--team", "alvea", "admin")
    assert promoted.returncode == 0, promoted.stderr
    users = {u["username"]: u for u in map(json.loads, vivier("user", "list", "--json").stdout.splitlines())}
    assert users["rémi"]["teams"][0]["role"] == "admin"


def test_a_user_can_belong_to_several_teams(vivier, password_file):
    vivier("team", "create", "--name", "Alvéa", "--slug", "alvea")
    vivier("team", "create", "--name", "Vasco", "--slug", "vasco")
    vivier("user", "create", "nadia", "--team", "alvea", "--password-file", str(password_file))

    second = vivier("user", "create", "nadia", "--team", "vasco", "--role", "admin")

    assert second.returncode == 0, second.stderr
    (nadia,) = map(json.loads, vivier("user", "list", "--json").stdout.splitlines())
    assert [(t["slug"], t["role"]) for t in nadia["teams"]] == [("alvea", "recruiter"), ("vasco", "admin")]


def test_without_a_terminal_or_a_password_file_user_create_is_a_usage_error(vivier):
    vivier("team", "create", "--name", "Alvéa", "--slug", "alvea")

    result = vivier("user", "create", "nadia", "--team", "alvea")

    assert result.returncode == 2
    assert "--password-file" in result.stderr
    assert vivier("user", "list", "--json").stdout.strip() == ""


def test_refusals_exit_1_with_the_json_error_object(vivier, password_file):
    vivier("team", "create", "--name", "Alvéa", "--slug", "alvea")
    vivier(
        "user", "create", "nadia", "--team", "alvea", "--role", "admin", "--password-file", str(password_file)
    )

    duplicate = vivier("team", "create", "--name", "Alvéa", "--slug", "alvea", "--json")
    unknown_team = vivier(
        "user", "create", "rémi", "--team", "nope", "--password-file", str(password_file), "--json"
    )
    last_admin = vivier("user", "set-role", "nadia", "--team", "alvea", "recruiter", "--json")
    bad_tz = vivier("team", "create", "--name", "X", "--tz", "Mars/Olympus")

    assert duplicate.returncode == 1 and json.loads(duplicate.stdout)["error"] == "refused"
    assert unknown_team.returncode == 1 and json.loads(unknown_team.stdout)["error"] == "not_found"
    assert last_admin.returncode == 1 and "admin" in json.loads(last_admin.stdout)["message"]
    assert bad_tz.returncode == 1 and "time zone" in bad_tz.stderr


def test_a_bad_role_is_a_usage_error(vivier):
    result = vivier("user", "set-role", "nadia", "--team", "alvea", "boss")

    assert result.returncode == 2


def test_a_weak_password_is_refused(vivier, tmp_path):
    vivier("team", "create", "--name", "Alvéa", "--slug", "alvea")
    weak = tmp_path / "weak"
    weak.write_text("123\n")

    result = vivier("user", "create", "nadia", "--team", "alvea", "--password-file", str(weak))

    assert result.returncode == 1
    assert "password" in result.stderr


def test_an_invitation_sent_without_smtp_is_read_with_vivier_outbox(vivier, tmp_path, password_file):
    vivier("team", "create", "--name", "Alvéa", "--slug", "alvea")
    vivier(
        "user", "create", "nadia", "--team", "alvea", "--role", "admin", "--password-file", str(password_file)
    )
    code = (
        "from vivier.accounts.models import Team, User; from vivier.accounts.services import invitation_send; "
        "invitation_send(team=Team.objects.get(), email='remi@alvea.fr', by=User.objects.get(), "
        "base_url='https://vivier.example')"
    )
    sent = vivier("shell", "-c", code)
    assert sent.returncode == 0, sent.stderr

    rows = [json.loads(line) for line in vivier("outbox", "--json").stdout.splitlines()]
    text = vivier("outbox")

    ((row,),) = [rows]
    assert (row["kind"], row["to"], row["candidate"], row["status"]) == (
        "system",
        "remi@alvea.fr",
        None,
        "sent",
    )
    assert "https://vivier.example/accounts/invitation/" in row["body"]
    assert text.returncode == 0 and "remi@alvea.fr" in text.stdout
