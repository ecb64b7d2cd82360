"""The pool list's filters, sort and bulk actions, and the candidate page's actions, in Chromium."""

import csv
import io
import json
import os

import pytest

from vivier.pool.models import Candidate, CandidateTag
from vivier.pool.tests.factories import candidate_make
from vivier.segments.services import segment_create
from vivier.sequences.models import Enrollment
from vivier.sequences.services import campaign_create, campaign_start, sequence_save


@pytest.fixture
def running(team, alice):
    sequence = sequence_save(
        team=team, name="Simple", steps=[{"delay": 3, "body_fr": "Bonjour {{ candidate.first_name }}"}]
    )
    campaign = campaign_create(team=team, name="Relance Lyon", sequence=sequence, owner=alice)
    campaign_start(campaign=campaign, candidates=[])
    return campaign


@pytest.fixture
def people(team):
    return {
        name: candidate_make(
            team=team, first_name=name, last_name=last, city=city, email=f"{name.lower()}@example.org"
        )
        for name, last, city in (
            ("Anne", "Roux", "Lyon"),
            ("Bruno", "Moreau", "Paris"),
            ("Chloé", "Blanc", "Lyon"),
        )
    }


def names(page) -> list[str]:
    return [r.locator("td").nth(1).inner_text().split("\n")[0] for r in page.get_by_test_id("pool-row").all()]


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pool_list_filters_sorts_and_acts_on_a_selection(
    page, login, alice, team, people, running, language
):
    alice.language = language
    alice.save()
    segment_create(team=team, owner=alice, name="Lyonnais", query="city:lyon")
    login(alice)
    page.goto("/pool/")
    assert len(names(page)) == 3
    page.get_by_test_id("saved-filter").filter(has_text="Lyonnais").click()
    page.wait_for_url("**filter=city*")
    assert sorted(names(page)) == ["Anne Roux", "Chloé Blanc"]
    if os.environ.get("VIVIER_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['VIVIER_SCREENSHOTS']}/pool-{language}.png", full_page=True)
    page.select_option("[data-testid=pool-sort]", "name")
    page.click("[data-testid=pool-apply]")
    page.wait_for_url("**sort=name*")
    assert names(page) == ["Chloé Blanc", "Anne Roux"]  # by last name

    # Tag every candidate of the page.
    page.get_by_test_id("check-all").check()
    page.get_by_test_id("bulk-tag").fill("Vivier 2026")
    page.get_by_test_id("bulk-tag-add").click()
    page.wait_for_selector(".messages")
    assert ("Tag added" in page.locator(".messages").inner_text()) == (language == "en")
    tagged = CandidateTag.objects.filter(kind="tag", label="Vivier 2026").values_list(
        "candidate__first_name", flat=True
    )
    assert sorted(tagged) == ["Anne", "Chloé"]
    assert "sort=name" in page.url and "filter=" in page.url  # back to the same list

    # Add Chloé to the running campaign, snooze Anne.
    page.get_by_test_id("pool-row").filter(has_text="Chloé").get_by_test_id("pick").check()
    page.select_option("[data-testid=bulk-campaign]", str(running.public_id))
    page.get_by_test_id("bulk-enroll").click()
    page.wait_for_selector(".messages")
    assert list(
        Enrollment.objects.filter(campaign=running).values_list("candidate__first_name", flat=True)
    ) == ["Chloé"]
    page.get_by_test_id("pool-row").filter(has_text="Anne").get_by_test_id("pick").check()
    page.get_by_test_id("bulk-snooze").click()
    page.wait_for_selector(".messages")
    assert Candidate.objects.get(pk=people["Anne"].pk).snoozed_until is not None
    assert Candidate.objects.get(pk=people["Chloé"].pk).snoozed_until is None

    # Export the ticked ones.
    page.get_by_test_id("pool-row").filter(has_text="Anne").get_by_test_id("pick").check()
    with page.expect_download() as download:
        page.get_by_test_id("bulk-export").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    assert [r["first_name"] for r in rows] == ["Anne"]


@pytest.mark.browser
def test_a_wrong_filter_is_shown_and_the_pool_stays_listed(page, login, alice, people):
    login(alice)
    page.goto("/pool/?filter=colour:blue")
    assert page.get_by_test_id("filter-error").inner_text()
    assert len(names(page)) == 3


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_candidate_page_snoozes_enrolls_exports_unsubscribes_and_deletes(
    page, login, alice, team, people, running, language
):
    alice.language = language
    alice.save()
    anne, bruno = people["Anne"], people["Bruno"]
    login(alice)
    page.goto(f"/pool/c/{anne.public_id}/")
    if os.environ.get("VIVIER_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['VIVIER_SCREENSHOTS']}/candidate-{language}.png", full_page=True)
    page.select_option("[data-testid=enroll-campaign]", str(running.public_id))
    page.get_by_test_id("enroll").click()
    page.wait_for_selector(".messages")
    assert Enrollment.objects.filter(campaign=running, candidate=anne, state="active").exists()
    page.select_option("[data-testid=snooze-months]", "6")
    page.get_by_test_id("snooze").click()
    page.wait_for_selector("[data-testid=snoozed-until]")
    assert Candidate.objects.get(pk=anne.pk).snoozed_until is not None
    with page.expect_download() as download:
        page.get_by_test_id("candidate-export").click()
    held = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert held["pool"]["candidate"]["first_name"] == "Anne" and "sequences" in held
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("unsubscribe").click()
    page.wait_for_selector(".badge.bad")
    anne.refresh_from_db()
    assert anne.unsubscribed_at is not None
    assert Enrollment.objects.get(campaign=running, candidate=anne).state == "unsubscribed"
    assert not page.get_by_test_id("unsubscribe").count()

    page.goto(f"/pool/c/{bruno.public_id}/")
    page.get_by_test_id("candidate-delete").click()
    page.wait_for_url("**/pool/")
    assert not Candidate.objects.filter(pk=bruno.pk).exists()
    assert ("deleted" in page.locator(".messages").inner_text()) == (language == "en")


def test_another_team_can_neither_see_nor_act_on_the_candidate(client, charlie, people, running):
    from django.urls import reverse

    client.force_login(charlie)
    anne = people["Anne"]
    assert client.get(reverse("pool:export", args=[anne.public_id])).status_code == 404
    assert client.post(reverse("pool:delete", args=[anne.public_id])).status_code == 404
    for op in ("snooze", "unsubscribe", "enroll"):
        response = client.post(
            reverse("sequences:candidate_action", args=[anne.public_id]),
            {"op": op, "months": "3", "campaign": str(running.public_id)},
        )
        assert response.status_code == 404
    client.post(reverse("pool:bulk"), {"ids": [str(anne.public_id)], "op": "tag", "tag": "x"})
    client.post(
        reverse("sequences:candidates_action"),
        {"ids": [str(anne.public_id)], "op": "snooze", "months": "3"},
    )
    anne.refresh_from_db()
    assert Candidate.objects.filter(pk=anne.pk).exists() and anne.snoozed_until is None
    assert anne.unsubscribed_at is None and not CandidateTag.objects.filter(candidate=anne).exists()
    assert not Enrollment.objects.filter(candidate=anne).exists()
