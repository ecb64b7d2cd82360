"""A new user imports their own pool in Chromium: a French Excel CSV and LinkedIn's Connections.csv (its
notes paragraph included) that overlap, reads the preview's cells, and finds the imported developers with
the segment chips."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from vivier.pool.models import Candidate

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"


def upload(page, name):
    page.goto("/pool/import/")
    page.set_input_files("input[name=file]", str(FIXTURES / name))
    page.get_by_role("button", name="Aperçu").click()
    expect(page.get_by_test_id("mapping")).to_be_visible()


def cells(locator) -> list[str]:
    return [text.strip() for text in locator.all_text_contents()]


def import_and_wait(page):
    page.get_by_role("button", name="Importer", exact=True).click()
    status = page.get_by_test_id("import-status")
    expect(status).to_have_attribute("data-status", re.compile("done|failed"), timeout=30_000)
    expect(status).to_have_attribute("data-status", "done")


def test_a_new_user_imports_two_overlapping_files_and_finds_the_developers(page, login, alice, team):
    login(alice)

    upload(page, "excel_fr_pool.csv")
    mapping = page.get_by_test_id("mapping")
    first_column = mapping.locator("tbody tr").first
    assert cells(first_column.locator("td").nth(0)) == ["Prénom"]
    assert cells(first_column.locator("td").nth(1).locator("div")) == ["Élodie", "Karim", "Julie"]
    title_row = mapping.locator("tbody tr").filter(has_text="Intitulé de poste")
    assert cells(title_row.locator("td").nth(1).locator("div")) == [
        "Développeuse backend Python",
        "Lead Dev",
        "Infirmière DE",
    ]
    sample = page.locator("table.sample")
    assert cells(sample.locator("thead th"))[:3] == ["Prénom", "Nom", "E-mail"]
    assert cells(sample.locator("tbody tr").first.locator("td")) == [
        "Élodie",
        "Marchand",
        "elodie.marchand@gmail.com",
        "06 11 22 33 44",
        "Lyon",
        "Développeuse backend Python",
        "Doctolib",
        "8",
    ]
    expect(sample.locator("tbody tr")).to_have_count(5)
    expect(sample).not_to_contain_text("{")
    import_and_wait(page)
    expect(page.get_by_test_id("import-created")).to_have_text("5")

    upload(page, "linkedin_Connections.csv")
    sample = page.locator("table.sample")
    assert cells(sample.locator("thead th")) == [
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Position",
        "Connected On",
    ]
    assert cells(sample.locator("tbody tr").nth(1).locator("td"))[:3] == [
        "Karim",
        "Benali",
        "https://www.linkedin.com/in/karimbenali",
    ]
    expect(page.locator("select[name=map_2]")).to_have_value("linkedin")
    import_and_wait(page)
    expect(page.get_by_test_id("import-created")).to_have_text("3")
    expect(page.get_by_test_id("import-merged")).to_have_text("1")  # Élodie, by her email
    assert Candidate.objects.filter(team=team).count() == 8

    page.goto("/segments/new/")
    count = page.get_by_test_id("live-count")
    page.get_by_test_id("field").select_option("job")
    page.get_by_test_id("value").fill("backend")
    page.get_by_test_id("add-term").click()
    expect(page.get_by_test_id("chip")).to_have_count(1)
    page.get_by_test_id("field").select_option("seniority")
    page.get_by_test_id("op").select_option(">=")
    page.get_by_test_id("value").fill("senior")
    page.get_by_test_id("value").press("Enter")
    expect(page.get_by_test_id("chip")).to_have_count(2)
    expect(count).to_have_text("1")
    expect(page.get_by_test_id("preview")).to_contain_text("Élodie Marchand")

    page.get_by_test_id("query").fill("job:développeur")
    expect(count).to_have_text("5")
    expect(page.get_by_test_id("preview")).to_contain_text("Thomas Girard")
