"""The Results tab in Chromium, in French and in English."""

import pytest


@pytest.mark.browser
@pytest.mark.parametrize(
    ("language", "results", "first", "no_pixel"),
    [
        ("fr", "Résultats", "Premier message", "pixel"),
        ("en", "Results", "First message", "pixel"),
    ],
)
def test_a_recruiter_reads_her_campaign_results(
    page, login, alice, replayed, campaign, language, results, first, no_pixel
):
    alice.language = language
    alice.save(update_fields=["language"])
    login(alice)
    page.goto(f"/sequences/campaigns/{campaign.public_id}/")
    page.click("[data-testid=campaign-results]")
    page.wait_for_url(f"**/insights/campaigns/{campaign.public_id}/")
    assert results in page.locator("h1").inner_text()
    rows = page.locator("[data-testid=step-row]")
    assert rows.count() == 4
    assert first in rows.nth(0).inner_text() and "17 % · 1/6" in rows.nth(0).inner_text()
    assert no_pixel in page.locator("[data-testid=no-pixel]").inner_text()
    assert page.locator("[data-testid=small-sample]").is_visible()
    assert page.locator("[data-testid=reason-row]").count() == 2
    assert page.locator("svg[role=img]").count() == 5


@pytest.mark.browser
@pytest.mark.parametrize(
    ("language", "heading"), [("fr", "Motif du refus : Salaire"), ("en", "Reason for no: Salary")]
)
def test_a_recruiter_opens_the_words_behind_a_decline_reason_and_downloads_them(
    page, login, alice, replayed, campaign, language, heading
):
    alice.language = language
    alice.save(update_fields=["language"])
    login(alice)
    page.goto(f"/insights/campaigns/{campaign.public_id}/")
    page.click("[data-testid=reason-row][data-reason=salary] [data-testid=reason-link]")
    page.wait_for_url(f"**/insights/campaigns/{campaign.public_id}/reasons/salary/")
    assert heading in page.locator("h1").inner_text()
    rows = page.locator("[data-testid=verbatim-row]")
    assert rows.count() == 1
    assert "le salaire est trop bas" in rows.nth(0).inner_text()
    with page.expect_download() as download:
        page.click("[data-testid=verbatims-xlsx]")
    assert download.value.suggested_filename == f"reasons-{campaign.public_id}-salary.xlsx"
    page.click("[data-testid=verbatim-candidate]")
    page.wait_for_url(f"**/pool/c/{replayed['B'].public_id}/")
