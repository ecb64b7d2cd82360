"""A hostile-input corpus (``data/hostile``: XSS, template injection, CRLF, NUL, formulas, odd Unicode, malformed
MIME) through every input surface: the import, the HTML forms, the API, inbound mail and step templates. No
server error, no unescaped output, nothing lost."""

import codecs
import csv
import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "data" / "hostile"
STRINGS = [
    # Backslash escapes as in a Python literal; other characters as written.
    codecs.decode(line.encode("latin-1", "backslashreplace"), "unicode_escape")
    for line in (HERE / "strings.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]
MIME = sorted((HERE / "mime").glob("*.eml"))
XSS = ("<script>alert(", "<img src=x onerror", "<svg/onload")


def unescaped(html: str) -> list[str]:
    return [x for x in XSS if x in html]


def test_the_corpus_reads_as_intended():
    assert "Hél\x00ène" in STRINGS and "Line\r\nBcc: victim@example.org" in STRINGS
    assert any(s.startswith("=HYPERLINK") for s in STRINGS) and len(MIME) >= 8


@pytest.mark.django_db(transaction=True)
def test_every_hostile_value_is_imported_once_and_shown_escaped(team, alice, client, tmp_path):
    from vivier.pool.importing import import_run
    from vivier.pool.models import Candidate

    path = tmp_path / "hostile.csv"
    with path.open("w", encoding="utf-8", errors="replace", newline="") as f:
        out = csv.writer(f)
        out.writerow(["Prénom", "Nom", "Email", "Poste"])
        for i, s in enumerate(STRINGS):
            out.writerow([s, "Corpus", f"c{i}@corpus.example", s])
    report = import_run(team=team, paths=[path])
    assert report.created == len(STRINGS), report
    client.force_login(alice)
    for c in Candidate.objects.filter(team=team):
        assert "\x00" not in c.first_name + c.current_title
        page = client.get(f"/pool/c/{c.public_id}/")
        assert page.status_code == 200 and not unescaped(page.content.decode())
    listing = client.get("/pool/?q=Corpus")
    assert listing.status_code == 200 and not unescaped(listing.content.decode())


@pytest.mark.django_db
def test_every_hostile_value_through_the_api_and_the_forms(api, alice_client):
    for i, s in enumerate(STRINGS):
        body = json.dumps({"first_name": s, "last_name": "Api", "emails": [f"a{i}@corpus.example"]})
        response = api.post("/api/pool/candidates", body)
        assert response.status_code < 500, (s, response.content[:300])
        typed = s.encode("utf-8", "replace").decode()  # a browser cannot post a lone surrogate
        response = alice_client.post(
            "/jobs/new/", {"title": typed, "company": typed, "pitch": typed, "url": typed}
        )
        assert response.status_code < 500, s
    for page in ("/jobs/", "/pool/?q=Api"):
        response = alice_client.get(page)
        assert response.status_code == 200 and not unescaped(response.content.decode()), page


@pytest.mark.django_db
def test_every_hostile_value_as_a_step_template_is_saved_or_refused_never_a_server_error(api):
    for s in STRINGS:
        steps = [{"delay": 0, "subject_fr": s[:200], "body_fr": s}]
        response = api.post("/api/sequences/", json.dumps({"name": s[:100] or "x", "steps": steps}))
        assert response.status_code < 500, (s, response.content[:300])
        if response.status_code in (200, 201):
            sequence = response.json()
            preview = api.get(f"/api/sequences/{sequence['id']}/preview")
            assert preview.status_code < 500, (s, preview.content[:300])


@pytest.mark.django_db
def test_every_hostile_mail_is_stored_and_handled(team):
    from vivier.replies.capture import inbound_store
    from vivier.replies.models import InboundMessage
    from vivier.replies.services import handle_one_inbound

    raws = [p.read_bytes() for p in MIME]
    for i, s in enumerate(STRINGS):
        subject = s.replace("\r", " ").replace("\n", " ")
        raws.append(
            (
                f"From: hostile{i}@example.org\r\nTo: alice@alvea-rh.fr\r\nSubject: {subject}\r\n"
                f"Message-ID: <h{i}@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{s}\r\n"
            ).encode("utf-8", errors="replace")
        )
    for raw in raws:
        inbound_store(raw=raw, source="imap", team=team)
    while handle_one_inbound():
        pass
    assert InboundMessage.objects.filter(team=team).count() == len(raws)
