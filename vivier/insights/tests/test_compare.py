"""The insights page across campaigns: sequences, jobs, recruiters, segments and months side by side, and
each sequence's steps (replies brought, unsubscribes cost), every figure recounted here from the rows."""

import pytest

from vivier.insights.selectors import team_breakdown, team_sequence_steps
from vivier.replies.models import Reply
from vivier.sequences.models import Enrollment, OutboundMessage


def _recount(enrollments):
    """Contacted and replied counted from the rows, without the selectors' queries."""
    contacted = replied = 0
    for enrollment in enrollments:
        sent = OutboundMessage.objects.filter(enrollment=enrollment, status__in=["sent", "bounced"]).exists()
        human = Reply.objects.filter(enrollment=enrollment).exclude(intent__in=["out_of_office", "bounce"])
        contacted += sent
        replied += sent and human.exists()
    return contacted, replied


@pytest.mark.django_db
def test_breakdowns_match_a_recount_of_each_group(second, campaign, team, alice, bob, job):
    by_sequence = {row["key"]: row for row in team_breakdown(team, "sequence")}
    for c in (campaign, second):
        contacted, replied = _recount(Enrollment.objects.filter(campaign=c))
        row = by_sequence[c.sequence_id]
        assert (row["contacted"], row["replied"]) == (contacted, replied)
        assert row["response_rate"] == pytest.approx(replied / contacted)
        assert row["response_rate_ci"][0] < row["response_rate"] < row["response_rate_ci"][1]
    assert {r["key"]: r["contacted"] for r in team_breakdown(team, "recruiter")} == {
        alice.pk: by_sequence[campaign.sequence_id]["contacted"],
        bob.pk: by_sequence[second.sequence_id]["contacted"],
    }
    assert {r["key"]: r["contacted"] for r in team_breakdown(team, "job")} == {
        job.pk: by_sequence[campaign.sequence_id]["contacted"],
        second.job_id: by_sequence[second.sequence_id]["contacted"],
    }
    assert {r["key"] for r in team_breakdown(team, "segment")} == {"", "ville:Lyon"}
    months = team_breakdown(team, "month")
    assert [(m["key"].month, m["contacted"]) for m in months] == [(3, 6), (5, 3)]


@pytest.mark.django_db
def test_each_step_shows_the_replies_it_brought_and_the_unsubscribes_it_cost(second, campaign, team):
    sequences = {item["sequence"].pk: item for item in team_sequence_steps(team)}
    four = sequences[campaign.sequence_id]["steps"]
    sent = {}
    for position, enrollment in OutboundMessage.objects.filter(
        campaign=campaign, status__in=["sent", "bounced"]
    ).values_list("position", "enrollment_id"):
        sent.setdefault(position + 1, set()).add(enrollment)
    assert [s["sent"] for s in four] == [len(sent.get(n, ())) for n in (1, 2, 3, 4)]
    assert [s["replied"] for s in four] == [1, 1, 1, 0]  # A after step 1, B after 2, C after 3
    assert [s["unsubscribed"] for s in four] == [0, 1, 0, 0]  # E left between steps 2 and 3
    assert four[1]["share_of_replies"] == pytest.approx(1 / 3)
    two = sequences[second.sequence_id]["steps"]
    assert [(s["sent"], s["replied"]) for s in two] == [(3, 1), (2, 0)]


@pytest.mark.django_db
def test_the_page_shows_every_comparison_in_french(second, alice_client):
    html = alice_client.get("/insights/").content.decode()
    assert 'data-testid="nav-insights"' in html
    for by in ("sequence", "job", "recruiter", "segment", "month"):
        assert f'data-testid="breakdown-{by}"' in html
    assert "Nurture 4 étapes" in html and "Court" in html and "Data engineer" in html
    assert "mars 2026" in html and "mai 2026" in html
    assert "33 % · 1/3" in html  # the May campaign: one yes out of three contacted
    assert "Quelle relance vaut la peine" in html


@pytest.mark.django_db
def test_since_keeps_the_candidates_enrolled_from_then_on(second, alice_client):
    html = alice_client.get("/insights/?since=2026-05-01").content.decode()
    assert "Court" in html and "Nurture 4 étapes" not in html


@pytest.mark.django_db
def test_another_team_sees_none_of_it(second, client, charlie):
    client.force_login(charlie)
    html = client.get("/insights/").content.decode()
    assert "Court" not in html and "Nurture" not in html


@pytest.mark.django_db
def test_the_pages_tables_download_as_csv_and_xlsx(second, campaign, team, alice_client):
    from .test_exports import _csv, _xlsx

    html = alice_client.get("/insights/").content.decode()
    for key in ("steps", "sequence", "job", "recruiter", "segment", "month"):
        assert f"/insights/export/{key}.csv" in html and f"/insights/export/{key}.xlsx" in html
    months = _csv(alice_client.get("/insights/export/month.csv"))
    assert months[0][:3] == ["Groupe", "Contactés", "Ont répondu"]
    assert [(r[0], r[1], r[2]) for r in months[1:]] == [("mars 2026", "6", "3"), ("mai 2026", "3", "1")]
    book = _xlsx(alice_client.get("/insights/export/all.xlsx"))
    assert len(book.sheetnames) == 6
    steps = list(book.worksheets[0].iter_rows(values_only=True))
    four = [r for r in steps[1:] if r[0] == "Nurture 4 étapes"]
    sent = {}
    for position, enrollment in OutboundMessage.objects.filter(
        campaign=campaign, status__in=["sent", "bounced"]
    ).values_list("position", "enrollment_id"):
        sent.setdefault(position + 1, set()).add(enrollment)
    assert [(r[3], r[4]) for r in four] == [
        (len(sent.get(n, ())), k) for n, k in zip((1, 2, 3, 4), (1, 1, 1, 0), strict=True)
    ]
    assert [r[10] for r in four] == [0, 1, 0, 0]  # unsubscribed: E, between steps 2 and 3
    assert alice_client.get("/insights/export/all.csv").status_code == 404
    assert alice_client.get("/insights/export/nothing.xlsx").status_code == 404
