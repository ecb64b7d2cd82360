import csv
import re

import pytest
from playwright.sync_api import expect

from vivier.segments.services import segment_create

pytestmark = pytest.mark.browser


def add_term(page, field, value, op=":", pick=None):
    page.get_by_test_id("field").select_option(field)
    page.get_by_test_id("op").select_option(op)
    page.get_by_test_id("value").fill(value)
    if pick:
        page.get_by_test_id("suggestion").filter(has_text=re.compile(f"^{pick}$")).click()
    else:
        page.get_by_test_id("add-term").click()


def test_the_done_when_demo_build_count_per_chip_save_and_export(
    page, login, alice, lyon_pool, time_machine_now
):
    """Backend developers within 30 km of Lyon, senior, never contacted or not in the last 6 months, not snoozed."""
    login(alice)
    page.goto("/segments/")
    expect(page.get_by_test_id("no-segments")).to_be_visible()
    page.get_by_test_id("new-segment").click()
    count = page.get_by_test_id("live-count")

    add_term(page, "job", "back", pick="backend")  # autocomplete offers the pool's values
    expect(page.get_by_test_id("chip")).to_have_count(1)
    expect(count).to_have_text("6")

    add_term(page, "within", "30km:Lyon")
    expect(count).to_have_text("5")  # Farid in Grenoble is out

    page.get_by_test_id("field").select_option("seniority")
    page.get_by_test_id("op").select_option(">=")
    page.get_by_test_id("value").fill("senior")
    page.get_by_test_id("value").press("Enter")
    expect(count).to_have_text("4")  # Emma is junior

    query = page.get_by_test_id("query")
    query.press("End")
    query.press_sequentially(" (contacted:never OR last_contacted>6m)")
    expect(count).to_have_text("3")  # Chloé was contacted two months ago

    add_term(page, "snoozed", "false")
    expect(count).to_have_text("2")  # David is snoozed
    expect(page.get_by_test_id("chip")).to_have_count(5)
    expect(page.get_by_test_id("preview")).to_contain_text("Ana Lopez")

    page.get_by_test_id("segment-name").fill("Backends seniors Lyon")
    page.get_by_test_id("save-segment").click()
    page.wait_for_url(re.compile(r"/segments/[0-9a-f-]{36}/$"))
    expect(page.get_by_test_id("member-count")).to_have_text("2")
    expect(page.get_by_test_id("member")).to_have_count(2)
    expect(page.get_by_test_id("members")).to_contain_text("Bruno Marchal")

    with page.expect_download() as download:
        page.get_by_test_id("export-csv").click()
    with open(download.value.path(), encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["email"] for r in rows) == ["ana.lopez@example.org", "bruno.marchal@example.org"]

    page.goto("/segments/")
    expect(page.get_by_test_id("segment-list")).to_contain_text("Backends seniors Lyon")
    expect(page.get_by_test_id("segment-count")).to_have_text("2")


def test_a_typing_mistake_shows_where_the_query_is_wrong_and_removing_a_chip_recounts(
    page, login, alice, lyon_pool, time_machine_now
):
    login(alice)
    page.goto("/segments/new/")
    query = page.get_by_test_id("query")
    query.fill("job:backend (seniority>=senior")
    expect(page.get_by_test_id("query-error")).to_contain_text("30")
    query.press_sequentially(")")
    expect(page.get_by_test_id("live-count")).to_have_text("5")
    page.get_by_test_id("remove-chip").first.click()  # drop job:backend
    expect(page.get_by_test_id("chip")).to_have_count(1)
    expect(page.get_by_test_id("live-count")).to_have_text("6")  # Gaëlle (frontend) comes in


def test_editing_and_deleting_a_saved_segment(page, login, alice, team, lyon_pool, time_machine_now):
    segment = segment_create(team=team, owner=alice, name="Backends", query="job:backend")
    login(alice)
    page.goto(f"/segments/{segment.public_id}/")
    expect(page.get_by_test_id("member-count")).to_have_text("6")
    page.get_by_test_id("edit-segment").click()
    query = page.get_by_test_id("query")
    query.press("End")
    query.press_sequentially(" city:Grenoble")
    expect(page.get_by_test_id("live-count")).to_have_text("1")
    page.get_by_test_id("save-segment").click()
    expect(page.get_by_test_id("segment-query")).to_have_text("job:backend city:Grenoble")
    expect(page.get_by_test_id("member")).to_have_count(1)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("delete-segment").click()
    expect(page.get_by_test_id("no-segments")).to_be_visible()
