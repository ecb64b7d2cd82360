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
