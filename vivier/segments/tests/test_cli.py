import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from vivier.segments.selectors import segment_candidates

from .conftest import DEMO_QUERY, NOW

ROOT = Path(__file__).resolve().parents[3]
SEED = (
    "from vivier.accounts.services import team_create; from vivier.segments.tests.factories import seed_lyon_pool; "
    "seed_lyon_pool(team_create(name='Alvéa RH', slug='alvea-cli'))"
)


@pytest.fixture
def vivier(tmp_path):
    """Run ``python -m vivier ...`` as a user would: on PostgreSQL against the test database (the test's
    rows are committed), on SQLite against a fresh database file in a temporary data folder."""
    env = dict(os.environ)
    env["VIVIER_DATA_DIR"] = str(tmp_path)
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    else:
        env.pop("DATABASE_URL", None)

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "vivier", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )

    assert run("migrate", "-v0").returncode == 0
    seeded = run("shell", "-c", SEED)
    assert seeded.returncode == 0, seeded.stderr
    return run


@pytest.mark.django_db(transaction=True)
def test_the_cli_counts_and_lists_the_same_members_as_the_api_and_the_pages(vivier):
    now = NOW.isoformat()
    counted = vivier("segment", "count", DEMO_QUERY, "--now", now)
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout.strip() == "2"
    listed = vivier("segment", "list", DEMO_QUERY, "--json", "--now", now)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert sorted(r["name"] for r in rows) == ["Ana Lopez", "Bruno Marchal"]
    assert {r["email"] for r in rows} == {"ana.lopez@example.org", "bruno.marchal@example.org"}
    table = vivier("segment", "list", DEMO_QUERY, "--team", "alvea-cli", "--now", now)
    assert "Ana Lopez\tana.lopez@example.org" in table.stdout
    if connection.vendor == "postgresql":  # same database: compare with the selector the API uses
        from vivier.accounts.models import Team

        team = Team.objects.get(slug="alvea-cli")
        api_ids = {str(c.public_id) for c in segment_candidates(team=team, query=DEMO_QUERY, now=NOW)}
        assert {r["id"] for r in rows} == api_ids


@pytest.mark.django_db(transaction=True)
def test_the_cli_points_at_the_error_in_a_bad_query(vivier):
    result = vivier("segment", "count", "job:backend (seniority>=senior")
    assert result.returncode != 0
    assert "position 30" in result.stderr
    assert "^" in result.stderr
    unknown = vivier("segment", "count", "job:backend", "--team", "nope")
    assert unknown.returncode != 0 and "alvea-cli" in unknown.stderr
