"""`vivier inbound parse` and `vivier inbound receive`, run as a user (and an MTA) runs them."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from vivier.replies.models import InboundMessage

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[3]
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


def vivier(*args, tmp_path, stdin=None, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["VIVIER_DATA_DIR"] = str(tmp_path / "data")
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "vivier", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def test_parse_json_prints_one_object_per_file_and_reports_the_failures(tmp_path):
    names = ["gmail_fr.eml", "garbage.eml", "postfix_dsn.eml", "exchange_ooo_fr.eml"]
    result = vivier("inbound", "parse", *(str(FIXTURES / n) for n in names), "--json", tmp_path=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 4
    objects = [json.loads(line) for line in lines]
    assert [Path(o["file"]).name for o in objects] == names
    for obj in objects:
        assert {"kind", "from", "in_reply_to", "visible_text", "return_date", "bounce", "file"} <= set(obj)
    gmail, garbage, dsn, ooo = objects
    assert gmail["kind"] == "reply"
    assert gmail["visible_text"] == EXPECTED["gmail_fr.eml"]["visible_text"]
    assert "error" in garbage and garbage["kind"] is None
    assert dsn["bounce"] == {"recipient": "jean.dupont@exemple.fr", "status": "5.1.1", "permanent": True}
    assert ooo["kind"] == "auto_reply" and ooo["return_date"] == "2025-12-01"


def test_parse_succeeds_when_every_file_parses_and_reads_humanly_without_json(tmp_path):
    result = vivier("inbound", "parse", str(FIXTURES / "outlook_desktop_fr.eml"), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert "reply from sophie.lefevre@arvel.fr" in out
    assert "| Merci pour votre message. Je ne suis pas intéressée par un poste en CDD" in out


def test_parse_reports_a_missing_file_and_goes_on(tmp_path):
    result = vivier(
        "inbound",
        "parse",
        str(tmp_path / "nope.eml"),
        str(FIXTURES / "gmail_en.eml"),
        "--json",
        tmp_path=tmp_path,
    )
    assert result.returncode == 1
    first, second = (json.loads(line) for line in result.stdout.decode().splitlines())
    assert "error" in first and second["kind"] == "reply"


def test_receive_stores_once_and_accepts_unparsable_mail(tmp_path):
    raw = (FIXTURES / "gmail_fr.eml").read_bytes()
    first = vivier("inbound", "receive", stdin=raw, tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(b"stored ")
    again = vivier("inbound", "receive", stdin=raw, tmp_path=tmp_path)
    assert again.returncode == 0 and again.stdout.startswith(b"duplicate ")
    garbage = vivier("inbound", "receive", stdin=(FIXTURES / "garbage.eml").read_bytes(), tmp_path=tmp_path)
    assert garbage.returncode == 0
    assert b"unprocessed" in garbage.stdout


def test_receive_asks_the_mta_to_retry_when_the_database_is_down(tmp_path):
    result = vivier(
        "inbound",
        "receive",
        stdin=(FIXTURES / "gmail_fr.eml").read_bytes(),
        tmp_path=tmp_path,
        env_extra={"DATABASE_URL": "postgres://postgres@127.0.0.1:1/vivier_nowhere"},
    )
    assert result.returncode == 75, result.stderr


def _stdin(monkeypatch, raw: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))


@pytest.mark.django_db
def test_receive_files_the_message_under_the_team(team, monkeypatch, eml):
    _stdin(monkeypatch, eml("iphone_fr.eml"))
    out = io.StringIO()
    call_command("inbound", "receive", "--team", "alvea", "--mailbox", "alice@alvea-rh.fr", stdout=out)
    message = InboundMessage.objects.get()
    assert (
        message.team == team and message.source == "pipe" and message.mailbox_address == "alice@alvea-rh.fr"
    )
    assert str(message.public_id) in out.getvalue()


@pytest.mark.django_db
def test_receive_with_an_unknown_team_keeps_the_message_queued(monkeypatch, eml):
    _stdin(monkeypatch, eml("iphone_fr.eml"))
    with pytest.raises(CommandError) as info:
        call_command("inbound", "receive", "--team", "nobody")
    assert info.value.returncode == 75
    assert not InboundMessage.objects.exists()


@pytest.mark.django_db
def test_reparse_retries_the_unprocessed_messages(team, eml, monkeypatch):
    monkeypatch.setattr("vivier.replies.capture.parse_message", lambda raw, **kw: 1 / 0)
    from vivier.replies.capture import inbound_store

    message, _ = inbound_store(raw=eml("thunderbird_fr.eml"), source="imap", team=team)
    assert message.status == "unprocessed"
    monkeypatch.undo()
    out = io.StringIO()
    call_command("inbound", "reparse", "--team", "alvea", stdout=out)
    message.refresh_from_db()
    assert message.status == "processed" and message.kind == "reply"
    assert "1 parsed, 0 still unprocessed" in out.getvalue()
