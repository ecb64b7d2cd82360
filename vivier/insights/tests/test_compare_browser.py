"""The insights page across campaigns in Chromium, in French and in English, reached from the main nav."""

import pytest


@pytest.mark.browser
@pytest.mark.parametrize(
    ("language", "title", "question", "first"),
    [
        ("fr", "Statistiques", "Quelle relance vaut la peine ?", "Premier message"),
        ("en", "Insights", "Which follow-up earns its keep?", "First message"),
    ],
)
def test_a_recruiter_compares_her_campaigns(page, login, alice, second, language, title, question, first):
    alice.language = language
    alice.save(update_fields=["language"])
    login(alice)
    page.goto("/pool/")
    page.click("[data-testid=nav-insights]")
    page.wait_for_url("**/insights/")
    assert title in page.locator("h1").inner_text()
    steps = page.locator("[data-testid=sequence-steps]")
    assert question in steps.inner_text()
    assert page.locator("[data-testid=sequence-steps-table]").count() == 2
    row = page.locator("[data-testid=sequence-step-row]").first
    assert first in row.inner_text()
    months = page.locator("[data-testid=breakdown-month] [data-testid=breakdown-row]")
    assert months.count() == 2
    assert [months.nth(i).get_attribute("data-contacted") for i in range(2)] == ["6", "3"]
    assert "33 % · 1/3" in months.nth(1).inner_text()
    page.fill("input[name=since]", "2026-05-01")
    page.click("[data-testid=since-form] button")
    page.wait_for_url("**/insights/?since=2026-05-01")
    assert page.locator("[data-testid=sequence-steps-table]").count() == 1
