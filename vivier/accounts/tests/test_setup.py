"""First run: the one-time setup link claims an empty installation (first team, first admin)."""

import re
import signal
import subprocess
import sys
import urllib.request

import pytest

from vivier.accounts.models import Membership, Team, User
from vivier.accounts.services import setup_token_issue

from .test_team_cli import user_env

FORM = {
    "name": "Alvéa RH",
    "country": "FR",
    "time_zone": "Europe/Paris",
    "language": "en",
    "holidays_country": "",
    "username": "nadia",
    "email": "nadia@alvea-rh.fr",
    "password": "Une-phrase-de-passe-longue",
    "password2": "Une-phrase-de-passe-longue",
}


def test_the_setup_link_creates_the_first_team_and_its_admin_and_logs_them_in(client, db):
    token = setup_token_issue()

    response = client.post(f"/accounts/setup/{token}/", FORM)

    assert response.status_code == 302
    team = Team.objects.get()
    assert (team.name, team.country, team.time_zone, team.language, team.holidays) == (
        "Alvéa RH",
        "FR",
        "Europe/Paris",
        "en",
        "FR",
    )
    nadia = User.objects.get(username="nadia")
    assert nadia.memberships.get().role == Membership.Role.ADMIN
    assert nadia.check_password(FORM["password"])
    assert client.get("/accounts/members/").status_code == 200  # logged in, as the team's admin


def test_without_a_valid_token_the_setup_page_refuses_and_creates_nothing(client, db):
    token = setup_token_issue()
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    for url in ("/accounts/setup/x/", f"/accounts/setup/{tampered}/"):
        assert client.get(url).status_code == 403
        response = client.post(url, FORM, headers={"accept-language": "en"})
        assert response.status_code == 403
        assert "not valid" in response.content.decode()
    assert not Team.objects.exists()


def test_a_used_setup_link_is_refused_with_a_clear_message(client, db):
    token = setup_token_issue()
    client.post(f"/accounts/setup/{token}/", FORM)
    client.logout()

    response = client.post(
        f"/accounts/setup/{token}/",
        {**FORM, "username": "mallory", "name": "Mallory"},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 403
    assert "already used" in response.content.decode()
    assert Team.objects.count() == 1 and not User.objects.filter(username="mallory").exists()


def test_a_new_start_issues_a_new_link_and_the_old_one_stops_working(client, db):
    old = setup_token_issue()
    new = setup_token_issue()

    assert client.get(f"/accounts/setup/{old}/").status_code == 403
    assert client.get(f"/accounts/setup/{new}/").status_code == 200


def test_once_a_team_exists_no_setup_link_is_issued(team):
    assert setup_token_issue() is None


def test_a_weak_password_or_a_bad_time_zone_is_refused_and_the_link_still_works(client, db):
    token = setup_token_issue()

    response = client.post(
        f"/accounts/setup/{token}/",
        {**FORM, "password": "123", "password2": "123", "time_zone": "Mars/Olympus"},
    )

    assert response.status_code == 400
    assert not Team.objects.exists()
    assert client.post(f"/accounts/setup/{token}/", FORM).status_code == 302


def test_the_setup_page_speaks_french_and_english(client, db):
    token = setup_token_issue()

    french = client.get(f"/accounts/setup/{token}/", headers={"accept-language": "fr"}).content.decode()
    english = client.get(f"/accounts/setup/{token}/", headers={"accept-language": "en"}).content.decode()

    assert "Créer l’équipe" in french or "Créer l'équipe" in french
    assert "Create the team" in english


def test_vivier_serve_prints_a_setup_link_on_an_empty_database_that_opens_the_setup_page(tmp_path):
    env = user_env(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "vivier", "serve", "--port", "0", "--no-worker"],
        env={**env, "PYTHONUNBUFFERED": "1"},
        cwd=env["PYTHONPATH"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        banner = []
        for line in process.stdout:
            banner.append(line)
            if "Press Ctrl+C" in line:
                break
        output = "".join(banner)
        match = re.search(r"(http://\S+/accounts/setup/\S+/)", output)
        assert match, output
        with urllib.request.urlopen(match.group(1), timeout=10) as response:
            assert response.status == 200
            assert "setup-form" in response.read().decode()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_link_refused_page_is_translated(client, db, language):
    response = client.get("/accounts/setup/nope/", headers={"accept-language": language})

    text = response.content.decode()
    assert ("ne peut pas" in text) if language == "fr" else ("cannot be used" in text)
