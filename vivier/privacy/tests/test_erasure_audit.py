"""The auditor's test: after ``vivier privacy erase``, nothing of the person is left anywhere (a full dump of
the database, every file of the data folder), a re-import of the file they came from does not bring them
back, and the campaign's figures do not change. Driven from the command line, as the recruiter and her mail
server would, on SQLite and on PostgreSQL."""

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"

SEQUENCE_YAML = textwrap.dedent("""\
    name: Relance
    steps:
      - delay: 0 days
        subject: {fr: "Un poste de {{ job.title }}"}
        body: {fr: "Bonjour {{ candidate.first_name }},\\n\\n{{ hook }}\\n\\n{{ job.pitch }}"}
      - delay: 2 days
        body: {fr: "Je me permets de relancer, {{ candidate.first_name }}."}
    """)

SEED = textwrap.dedent("""\
    import django, os
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from vivier.accounts.services import team_create, user_create
    team = team_create(name="Alvéa", slug="alvea")
    user_create(username="alice", password="x", team=team, email="alice@alvea-rh.fr", first_name="Alice",
                validate_password=False)
    """)

# An upload as the web import stores it (a file in the data folder, run as a batch), and a note.
UPLOAD = textwrap.dedent("""\
    import django, os, sys
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    django.setup()
    from vivier.accounts.models import Team, User
    from vivier.lib import clock
    from vivier.pool.importing import import_batch_process
    from vivier.pool.models import ImportBatch
    team, alice = Team.objects.get(slug="alvea"), User.objects.get(username="alice")
    batch = ImportBatch.objects.create(team=team, created_by=alice, filename="export.csv", stored_path=sys.argv[1],
                                       format="auto", mapping={}, created_at=clock.now())
    import_batch_process(batch=batch)
    batch.refresh_from_db()
    print(__import__("json").dumps({"created": batch.created, "errors": batch.errors}))
    """)
NOTE = textwrap.dedent("""\
    import django, os, sys
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    django.setup()
    from vivier.accounts.models import User
    from vivier.pool.models import CandidateEmail
    from vivier.pool.services.notes import note_add
    candidate = CandidateEmail.objects.get(email=sys.argv[1]).candidate
    note_add(candidate=candidate, body=sys.argv[2], author=User.objects.get(username="alice"))
    """)

FIRST, LAST = "Zéphyrine", "Quennevilliers"
EMAIL, EMAIL2 = "zephyrine.quennev@example.org", "zq.perso@example.net"
PHONE_WRITTEN, PHONE_DIGITS = "06 12 34 56 78", "612345678"
LINKEDIN = "https://www.linkedin.com/in/zephyrine-quennevilliers"
IMPORTED_NOTE = "Rencontrée au salon des tardigrades numériques"
NOTE_TEXT = "Elle élève des axolotls bleus dans son garage"
HOOK = "Votre conférence sur la cryptographie homomorphe à Grenoble m'a marqué"
REPLY = "Je préfère rester chez Ornithorynque Labs pour le moment, merci."
SECOND_REPLY = "Et surtout pas de poste à Romorantin-Lanthenay."
TRACES = [
    FIRST,
    "Zephyrine",
    LAST,
    EMAIL,
    EMAIL2,
    "zephyrine.quennev",
    PHONE_WRITTEN,
    PHONE_DIGITS,
    "zephyrine-quennevilliers",
    IMPORTED_NOTE,
    NOTE_TEXT,
    "cryptographie homomorphe",
    "Ornithorynque",
    "Romorantin",
]
OTHERS = [("Bastien", "Morel", "bastien.morel@example.org"), ("Chloé", "Nguyen", "chloe.nguyen@example.org")]
OTHER_REPLY = "Oui, avec plaisir ! Je suis disponible pour un appel jeudi."


def _postgres_available() -> bool:
    if not shutil.which("psql"):
        return False
    probe = subprocess.run(["psql", PG_ADMIN, "-c", "select 1"], capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.fixture(params=["sqlite", "postgresql"])
def vivier(request, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIVIER_TEST_SQLITE")}
    env.pop("VIVIER_PRIVACY_KEY", None)
    data = tmp_path / "data"
    env["VIVIER_DATA_DIR"] = str(data)
    database = None
    if request.param == "postgresql":
        if not _postgres_available():
            pytest.skip("no PostgreSQL on 127.0.0.1:5432")
        database = f"vivier_erasure_{uuid.uuid4().hex[:10]}"
        subprocess.run(
            ["psql", PG_ADMIN, "-c", f"CREATE DATABASE {database}"], check=True, capture_output=True
        )
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    subprocess.run([sys.executable, "-c", SEED], cwd=ROOT, env=env, check=True)

    def run(*args, stdin=None, check=True, script=None):
        command = [sys.executable, "-c", script, *args] if script else [sys.executable, "-m", "vivier", *args]
        result = subprocess.run(command, cwd=ROOT, env=env, input=stdin, capture_output=True, timeout=300)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    run.data = data
    run.database = database
    run.backend = request.param
    yield run
    if database:
        subprocess.run(["psql", PG_ADMIN, "-c", f"DROP DATABASE IF EXISTS {database}"], capture_output=True)


def answer(sent: dict, text: str, moment: str, sender: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "alice@alvea-rh.fr"
    msg["Date"] = format_datetime(dt.datetime.fromisoformat(moment))
    msg["Message-ID"] = make_msgid(domain="mail.example.net")
    msg["In-Reply-To"] = sent["message_id"]
    msg["References"] = sent["message_id"]
    msg["Subject"] = f"Re: {sent['subject']}"
    msg.set_content(text)
    return bytes(msg)


def dump_text(vivier) -> str:
    """The whole database as text. SQLite: ``iterdump``'s walk (its schema and every row of every table) done
    here, because ``iterdump`` stops at the contentless FTS5 table, which cannot be scanned; its shadow tables
    (the index itself) are dumped like any table, their blobs as raw bytes. PostgreSQL: ``pg_dump``."""
    if vivier.backend == "sqlite":
        connection = sqlite3.connect(vivier.data / "vivier.db")
        lines = []
        try:
            tables = connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"
            ).fetchall()
            for name, sql in tables:
                lines.append(sql)
                if sql.startswith("CREATE VIRTUAL TABLE") or not sql.startswith("CREATE TABLE"):
                    continue
                for row in connection.execute(f'SELECT * FROM "{name}"'):  # noqa: S608 (names from the schema)
                    cells = [v.decode("latin-1") if isinstance(v, bytes) else repr(v) for v in row]
                    lines.append(f"INSERT INTO {name} VALUES({', '.join(cells)})")
            return "\n".join(lines)
        finally:
            connection.close()
    result = subprocess.run(
        ["pg_dump", "--no-owner", f"postgres://postgres@127.0.0.1:5432/{vivier.database}"],
        capture_output=True,
        check=True,
        timeout=300,
    )
    return result.stdout.decode("utf-8")


def files_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def traces_in(text: str) -> list[str]:
    lowered = text.lower()
    return [t for t in TRACES if t.lower() in lowered]


def traces_in_bytes(data: bytes) -> list[str]:
    lowered = data.lower()
    found = []
    for t in TRACES:
        for encoding in ("utf-8", "latin-1"):
            try:
                needle = t.lower().encode(encoding)
            except UnicodeEncodeError:
                continue
            if needle in lowered:
                found.append(t)
                break
    return found


@pytest.mark.slow
def test_an_erased_person_leaves_no_trace_and_the_campaign_figures_do_not_change(vivier, tmp_path):
    rows = [f"{FIRST},{LAST},{EMAIL},{PHONE_WRITTEN},{LINKEDIN},{IMPORTED_NOTE}"] + [
        f"{first},{last},{email},,," for first, last, email in OTHERS
    ]
    original = "Prénom,Nom,Email,Téléphone,LinkedIn,Notes\n" + "\n".join(rows) + "\n"
    uploads = vivier.data / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    upload = uploads / "export.csv"
    upload.write_text(original, encoding="utf-8")
    keep = tmp_path / "original.csv"  # the recruiter's own copy, outside the data folder
    keep.write_text(original, encoding="utf-8")
    first_import = json.loads(vivier(str(upload), script=UPLOAD).stdout)
    assert first_import["created"] == 3, first_import
    vivier(EMAIL, NOTE_TEXT, script=NOTE)
    # A second address she gave later (an import of another file).
    second = tmp_path / "second.csv"
    second.write_text(f"Email,Email 2\n{EMAIL},{EMAIL2}\n", encoding="utf-8")
    vivier("import", str(second))

    playbook = tmp_path / "relance.yaml"
    playbook.write_text(SEQUENCE_YAML, encoding="utf-8")
    vivier("sequence", "import", str(playbook))
    slug = vivier("job", "create", "--title", "Développeuse Rust", "--pitch", "Une équipe de 6.").stdout
    hooks = tmp_path / "hooks.csv"
    hooks.write_text(
        f"candidate,hook\n{EMAIL},{HOOK}\n" + "".join(f"{o[2]},Une accroche pour {o[0]}.\n" for o in OTHERS),
        encoding="utf-8",
    )
    emails = [EMAIL] + [o[2] for o in OTHERS]
    vivier(
        "campaign", "start", "--sequence", "Relance", "--job", slug.decode().strip(), "--owner", "alice",
        "--candidates", ",".join(emails), "--name", "Rust", "--hooks", str(hooks),
        "--now", "2026-03-09T08:00:00+01:00",
    )  # fmt: skip
    vivier("worker", "--once", "--now", "2026-03-09T10:00:00+01:00")
    outbox = [json.loads(line) for line in vivier("outbox", "--json").stdout.splitlines()]
    mine = next(r for r in outbox if r["to"] == EMAIL)
    assert HOOK in mine["body"]
    other = next(r for r in outbox if r["to"] == OTHERS[0][2])
    vivier(
        "inbound", "receive", "--team", "alvea", "--now", "2026-03-10T09:30:00+01:00",
        stdin=answer(mine, REPLY, "2026-03-10T09:30:00+01:00", f"{FIRST} {LAST} <{EMAIL}>"),
    )  # fmt: skip
    vivier(
        "inbound", "receive", "--team", "alvea", "--now", "2026-03-10T11:00:00+01:00",
        stdin=answer(mine, SECOND_REPLY, "2026-03-10T11:00:00+01:00", f"{FIRST} {LAST} <{EMAIL}>"),
    )  # fmt: skip
    vivier(
        "inbound", "receive", "--team", "alvea", "--now", "2026-03-10T12:00:00+01:00",
        stdin=answer(other, OTHER_REPLY, "2026-03-10T12:00:00+01:00", f"Bastien <{OTHERS[0][2]}>"),
    )  # fmt: skip
    vivier("worker", "--once", "--now", "2026-03-12T10:00:00+01:00")

    # What is held about her, before: the export has it all (and the dump too: the test can fail).
    export = json.loads(vivier("privacy", "export", EMAIL).stdout)
    for key in ("candidate", "emails", "phones", "profiles", "sources", "consent", "timeline", "messages"):
        assert key in export
    assert export["funnel"] == [] and export["requests"] == []
    assert {e["email"] for e in export["emails"]} == {EMAIL, EMAIL2}
    assert {m["direction"] for m in export["messages"]} == {"in", "out"}
    assert any(REPLY in (m.get("visible_text") or "") for m in export["messages"])
    assert set(traces_in(dump_text(vivier))) >= {
        LAST,
        EMAIL,
        EMAIL2,
        NOTE_TEXT,
        "Ornithorynque",
        "Romorantin",
    }
    figures_before = json.loads(vivier("insights", "campaign", "Rust", "--json").stdout)
    assert figures_before["replied"] == 2 and figures_before["negative"] == 1

    erased = json.loads(vivier("privacy", "erase", EMAIL, "--reason", "request", "--json").stdout)
    assert erased["found"] is True and erased["tombstones"] == 4  # two emails, a phone, a LinkedIn URL
    assert erased["files_scrubbed"] == 1

    assert traces_in(dump_text(vivier)) == []
    for name, data in files_bytes(vivier.data).items():
        assert traces_in_bytes(data) == [], name
    assert (vivier.data / "uploads" / "export.csv").read_text(encoding="utf-8").count("@example.org") == 2
    assert json.loads(vivier("insights", "campaign", "Rust", "--json").stdout) == figures_before

    # Nothing brings her back: the original file again, through the CLI and as an upload...
    again = json.loads(vivier("import", str(keep), "--json").stdout)
    assert again["created"] == 0
    assert [e.get("code") for e in again["errors"]] == ["erased_on_request"]
    assert again["errors"][0]["row"] == 2
    second_upload = uploads / "again.csv"
    shutil.copy(keep, second_upload)
    reupload = json.loads(vivier(str(second_upload), script=UPLOAD).stdout)
    assert reupload["created"] == 0 and [e.get("code") for e in reupload["errors"]] == ["erased_on_request"]
    second_upload.unlink()
    # ... nor a new message from her address.
    late = answer(mine, "Finalement, rappelez-moi à Romorantin.", "2026-04-01T09:00:00+02:00", f"Z <{EMAIL}>")
    received = vivier(
        "inbound", "receive", "--team", "alvea", "--now", "2026-04-01T09:00:00+02:00", stdin=late
    )
    assert b"dropped" in received.stdout
    missing = vivier("privacy", "export", EMAIL, "--json", check=False)
    assert missing.returncode == 1 and json.loads(missing.stdout)["error"] == "not_found"
    assert traces_in(dump_text(vivier)) == []
    for name, data in files_bytes(vivier.data).items():
        assert traces_in_bytes(data) == [], name
    assert json.loads(vivier("insights", "campaign", "Rust", "--json").stdout) == figures_before

    # Erasing twice is harmless; an address nobody has is recorded (a never-contact) and said so.
    twice = vivier("privacy", "erase", EMAIL, "--json")
    assert json.loads(twice.stdout) == {
        "found": False,
        "tombstones": 0,
        "kept_for_statistics": {},
        "files_scrubbed": 0,
        "files_deleted": 0,
    }
    stranger = json.loads(vivier("privacy", "erase", "Never.Seen@Example.com", "--json").stdout)
    assert stranger["found"] is False and stranger["tombstones"] == 1
    refused = json.loads(
        vivier("import", "--json", str(_csv(tmp_path, "Email\nnever.seen@example.com\n"))).stdout
    )
    assert refused["created"] == 0 and refused["errors"][0]["code"] == "erased_on_request"
    # The others are untouched.
    assert json.loads(vivier("privacy", "export", OTHERS[0][2]).stdout)["candidate"]["last_name"] == "Morel"


def _csv(folder: Path, text: str) -> Path:
    path = folder / f"{uuid.uuid4().hex[:8]}.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_usage_errors_exit_2(vivier):
    if vivier.backend != "sqlite":
        pytest.skip("the command line does not depend on the database")
    assert vivier("privacy", check=False).returncode == 2
    assert vivier("privacy", "erase", check=False).returncode == 2
    assert vivier("privacy", "erase", "a@b.c", "--now", "yesterday", check=False).returncode == 2
