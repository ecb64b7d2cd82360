"""The CLI as a user runs it: `python -m vivier ...` on a fresh data folder."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

SEQUENCE_YAML = textwrap.dedent("""\
    name: Relance Python
    steps:
      - delay: 0 days
        subject:
          fr: "Un poste de {{ job.title }} à {{ job.location }}"
          en: "A {{ job.title }} role in {{ job.location }}"
        body:
          fr: |
            Bonjour {{ candidate.first_name }},

            {{ job.pitch }}
          en: |
            Hello {{ candidate.first_name }},

            {{ job.pitch }}
      - delay: 2 days
        body:
          fr: "Je me permets de relancer, {{ candidate.first_name }}."
          en: "Following up, {{ candidate.first_name }}."
      - delay: 4 days
        body: {fr: "Toujours partant ?", en: "Still interested?"}
      - delay: 1 week
        body: {fr: "Dernier message.", en: "Last one."}
    end:
      wait_days: 7
      snooze_months: 6
    """)

SEED = textwrap.dedent("""\
    import django, os
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from vivier.accounts.services import team_create, user_create
    from vivier.pool.models import Candidate
    from vivier.pool.services import email_add
    team = team_create(name="Alvéa", slug="alvea")
    user_create(username="alice", password="x", team=team, email="alice@alvea-rh.fr", first_name="Alice",
                validate_password=False)
    for first, email, lang in [("Hélène", "helene@example.org", "fr"), ("John", "john@example.org", "en"),
                               ("Nora", "nora@example.org", "fr")]:
        c = Candidate.objects.create(team=team, first_name=first, last_name="X", preferred_language=lang)
        email_add(candidate=c, email=email, primary=True)
    """)


@pytest.fixture
def vivier(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIVIER_TEST_SQLITE")}
    env["VIVIER_DATA_DIR"] = str(tmp_path / "data")
    subprocess.run([sys.executable, "-c", SEED], cwd=ROOT, env=env, check=True)

    def run(*args, check=True, extra_env=None, raw_bytes=False):
        result = subprocess.run(
            [sys.executable, "-m", "vivier", *args],
            cwd=ROOT,
            env={**env, **(extra_env or {})},
            capture_output=True,
            text=not raw_bytes,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"vivier {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    return run


def test_a_recruiter_runs_a_campaign_from_the_command_line(vivier, tmp_path):
    playbook = tmp_path / "relance.yaml"
    playbook.write_text(SEQUENCE_YAML, encoding="utf-8")
    assert "4 steps" in vivier("sequence", "import", str(playbook)).stdout
    slug = vivier(
        "job", "create", "--title", "Développeur Python", "--location", "Lyon", "--pitch", "Une équipe de 6."
    ).stdout.strip()
    started = vivier(
        "campaign",
        "start",
        "--sequence",
        "Relance Python",
        "--job",
        slug,
        "--owner",
        "alice",
        "--candidates",
        "helene@example.org,john@example.org",
        "--name",
        "Lyon",
        "--json",
        "--now",
        "2026-03-09T08:00:00+01:00",
    )
    launch = json.loads(started.stdout)
    assert launch["eligible"] == 2

    vivier("worker", "--once", "--now", "2026-03-09T10:00:00+01:00")  # Monday
    vivier("worker", "--once", "--now", "2026-03-11T10:00:00+01:00")  # Wednesday: first follow-ups
    rows = [json.loads(line) for line in vivier("outbox", "--json").stdout.splitlines()]
    assert [(r["candidate"]["name"], r["step"], r["status"]) for r in rows] == [
        ("Hélène X", 1, "sent"),
        ("John X", 1, "sent"),
        ("Hélène X", 2, "sent"),
        ("John X", 2, "sent"),
    ]
    first, follow_up = rows[0], rows[2]
    assert first["subject"] == "Un poste de Développeur Python à Lyon"
    assert rows[1]["subject"] == "A Développeur Python role in Lyon"
    assert follow_up["in_reply_to"] == first["message_id"]
    assert follow_up["subject"] == "Re: " + first["subject"]
    assert first["sent_at"] == "2026-03-09T09:00:00+00:00"

    assert "paused" in vivier("campaign", "pause", "Lyon").stdout
    vivier("worker", "--once", "--now", "2026-03-20T10:00:00+01:00")
    assert len(vivier("outbox", "--json").stdout.splitlines()) == 4
    vivier("campaign", "resume", "Lyon")
    show = json.loads(vivier("campaign", "show", "Lyon", "--json").stdout)
    assert show["status"] == "running" and show["enrollments"] == {"active": 2}

    exported = vivier("sequence", "export", "Relance Python").stdout
    assert "Je me permets de relancer" in exported and "wait_days: 7" in exported


def test_launch_is_refused_with_a_clear_message(vivier, tmp_path):
    playbook = tmp_path / "hook.yaml"
    playbook.write_text(
        "name: Hook\nsteps:\n  - subject: {fr: Bonjour}\n    body: {fr: '{{ hook }}'}\n", encoding="utf-8"
    )
    vivier("sequence", "import", str(playbook))
    refused = vivier(
        "campaign", "start", "--sequence", "Hook", "--candidates", "nora@example.org", check=False
    )
    assert refused.returncode != 0
    assert "launch refused" in refused.stderr and "Nora X: step 1: missing hook" in refused.stderr
    hooks = tmp_path / "hooks.csv"
    hooks.write_text(
        "candidate,hook\nnora@example.org,Bravo pour la migration Kubernetes.\n", encoding="utf-8"
    )
    assert (
        "1 enrolled"
        in vivier(
            "campaign",
            "start",
            "--sequence",
            "Hook",
            "--candidates",
            "nora@example.org",
            "--hooks",
            str(hooks),
        ).stdout
    )


def test_a_bad_sequence_file_is_refused_with_the_reason(vivier, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nsteps:\n  - body: {fr: '{% if %}'}\n", encoding="utf-8")
    result = vivier("sequence", "import", str(bad), check=False)
    # Service errors speak the instance's language (VIVIER_LANGUAGE, French by default).
    assert result.returncode != 0 and "étape 1, body_fr : template error" in result.stderr


def test_segment_launch_explains_when_segments_are_unavailable(vivier):
    try:
        import vivier.segments.selectors  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("segments are installed")
    result = vivier("campaign", "start", "--sequence", "x", "--segment", "skill:python", check=False)
    assert result.returncode != 0


def test_a_mailbox_is_added_from_the_command_line_with_its_password_from_the_environment(vivier, tmp_path):
    import sqlite3

    missing = vivier(
        "mailbox",
        "add",
        "julie@alvea-rh.fr",
        "--host",
        "smtp.alvea-rh.fr",
        "--username",
        "julie",
        "--password-env",
        "VIVIER_TEST_NO_SUCH_VAR",
        check=False,
    )
    assert missing.returncode != 0 and "VIVIER_TEST_NO_SUCH_VAR" in missing.stderr
    added = vivier(
        "mailbox",
        "add",
        "julie@alvea-rh.fr",
        "--host",
        "smtp.alvea-rh.fr",
        "--port",
        "465",
        "--security",
        "tls",
        "--username",
        "julie",
        "--password-env",
        "VIVIER_TEST_SMTP_PASSWORD",
        "--daily-limit",
        "120",
        extra_env={"VIVIER_TEST_SMTP_PASSWORD": "s3cret-Passw0rd"},
    )
    assert "julie@alvea-rh.fr" in added.stdout
    listed = vivier("mailbox", "list").stdout
    assert "julie@alvea-rh.fr\tsmtp\tsmtp.alvea-rh.fr:465\t120/day" in listed
    raw = sqlite3.connect(tmp_path / "data" / "vivier.db").execute("select * from mail_mailbox").fetchone()
    assert not any("s3cret-Passw0rd" in str(value) for value in raw)  # encrypted at rest
