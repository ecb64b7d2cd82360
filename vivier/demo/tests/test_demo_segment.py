"""Issue 3's "Done when", in the demo: a recruiter builds "backend developers within 30 km of Lyon, senior,
never contacted or not in the last 6 months, not snoozed" chip by chip, sees the count change, saves it and
exports it; the same string gives the same members through the CLI and the API.
"""

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from vivier.accounts.models import User
from vivier.accounts.services import api_token_create
from vivier.demo.seed import DEMO_PASSWORD, demo_seed
from vivier.segments.selectors import count_members, segment_candidates
from vivier.segments.tests.test_browser import add_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHIPS = [
    "job:backend",
    "within:30km:Lyon",
    "seniority>=senior",
    "(contacted:never OR last_contacted>6m)",
    "snoozed:false",
]
QUERY = " ".join(CHIPS)


def test_in_the_demo_the_backend_lyon_segment_is_built_chip_by_chip_saved_exported_and_the_same_everywhere(
    page, login, client
):
    # Seed 2 of a 1,200-candidate demo leaves one such person: the running demo campaign has already
    # contacted most senior developers around Lyon.
    team = demo_seed(candidates=1200, seed=2).team
    expected = [count_members(team=team, query=" ".join(CHIPS[: i + 1])) for i in range(len(CHIPS))]
    assert expected[0] > expected[1] > expected[2] >= expected[-1] >= 1
    members = {c.public_id.hex for c in segment_candidates(team=team, query=QUERY)}
    emails = sorted(
        c.primary_email for c in segment_candidates(team=team, query=QUERY).prefetch_related("emails")
    )

    login(User.objects.get(username="demo"), DEMO_PASSWORD)
    page.goto("/segments/new/")
    count = page.get_by_test_id("live-count")
    add_term(page, "job", "back", pick="backend")  # suggested from the demo's own job families
    expect(count).to_have_text(str(expected[0]))
    add_term(page, "within", "30km:Lyon")
    expect(count).to_have_text(str(expected[1]))
    add_term(page, "seniority", "senior", op=">=")
    expect(count).to_have_text(str(expected[2]))
    query = page.get_by_test_id("query")
    query.press("End")
    query.press_sequentially(" (contacted:never OR last_contacted>6m)")
    expect(count).to_have_text(str(expected[3]))
    add_term(page, "snoozed", "false")
    expect(count).to_have_text(str(expected[4]))
    expect(page.get_by_test_id("chip")).to_have_count(5)

    page.get_by_test_id("segment-name").fill("Backends seniors Lyon")
    page.get_by_test_id("save-segment").click()
    page.wait_for_url(re.compile(r"/segments/[0-9a-f-]{36}/$"))
    expect(page.get_by_test_id("segment-query")).to_have_text(QUERY)
    expect(page.get_by_test_id("member-count")).to_have_text(str(expected[-1]))
    with page.expect_download() as download:
        page.get_by_test_id("export-csv").click()
    with open(download.value.path(), encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["email"] for r in rows) == emails
    assert {r["id"].replace("-", "") for r in rows} == members

    out = io.StringIO()
    call_command("segment", "list", QUERY, "--json", stdout=out)
    assert {r["id"].replace("-", "") for r in json.loads(out.getvalue())} == members

    _, token = api_token_create(user=User.objects.get(username="demo"), team=team, name="done-when")
    body = client.get("/api/candidates", {"q": QUERY}, headers={"Authorization": f"Bearer {token}"}).json()
    assert body["count"] == expected[-1]
    assert {r["id"].replace("-", "") for r in body["results"]} == members
