"""Launching from a saved segment in Chromium: the segment page's button, the wizard with the segment chosen,
the review's per-candidate preview and language warning, and "Launch" disabled when nobody would go."""

import pytest

from vivier.lib import clock
from vivier.segments.services import segment_create
from vivier.sequences.models import Campaign, Enrollment
from vivier.sequences.services import sequence_save

FRENCH_ONLY = [
    {"delay": 0, "subject_fr": "Bonjour", "body_fr": "Bonjour {{ candidate.first_name }}, un poste ?"}
]


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_campaign_launches_from_a_saved_segment(page, login, alice, team, make_candidate, language):
    alice.language = language
    alice.save()
    make_candidate(first_name="Anne", last_name="Roux", city="Lyon")
    make_candidate(first_name="Bruce", last_name="Wayne", city="Lyon", language="en")
    make_candidate(first_name="Chloé", last_name="Nantaise", city="Nantes")
    segment = segment_create(team=team, owner=alice, name="Lyonnais", query="city:lyon")
    sequence = sequence_save(team=team, name="Bonjour FR", steps=FRENCH_ONLY)
    login(alice)

    page.goto(f"/segments/{segment.public_id}/")
    page.get_by_test_id("member-link").filter(has_text="Anne Roux").click()
    page.wait_for_url("**/pool/c/**")
    page.go_back()
    page.click("[data-testid=segment-launch]")
    page.wait_for_url("**/sequences/launch/**")
    assert page.locator("[name=saved_segment]").input_value() == str(segment.public_id)
    page.select_option("[name=sequence]", str(sequence.public_id))
    page.click("[data-testid=to-review]")
    page.wait_for_url("**/review/")
    assert page.get_by_test_id("count-eligible").inner_text() == "2"
    warning = page.get_by_test_id("language-warning").inner_text()
    assert "Bruce Wayne" in warning and "Anne" not in warning
    assert ("English" in warning) if language == "en" else ("anglais" in warning)

    page.get_by_test_id("eligible-row").filter(has_text="Anne Roux").get_by_test_id("preview-first").click()
    assert "Bonjour Anne, un poste ?" in page.get_by_test_id("review-preview-body").inner_text()

    page.click("[data-testid=launch]")
    page.wait_for_url(lambda url: "/review/" not in url)
    campaign = Campaign.objects.get(sequence=sequence)
    assert campaign.segment_query == "city:lyon" and campaign.name.startswith("Lyonnais")
    enrolled = Enrollment.objects.filter(campaign=campaign).values_list("candidate__first_name", flat=True)
    assert sorted(enrolled) == ["Anne", "Bruce"]


@pytest.mark.browser
def test_launch_is_disabled_when_nobody_would_be_enrolled(page, login, alice, team, make_candidate):
    make_candidate(first_name="Anne", city="Lyon", unsubscribed_at=clock.now())
    segment = segment_create(team=team, owner=alice, name="Partis", query="city:lyon")
    sequence = sequence_save(team=team, name="Bonjour FR", steps=FRENCH_ONLY)
    login(alice)
    page.goto(f"/sequences/launch/?segment={segment.public_id}&sequence={sequence.public_id}")
    page.click("[data-testid=to-review]")
    page.wait_for_url("**/review/")
    assert page.get_by_test_id("count-eligible").inner_text() == "0"
    assert page.get_by_test_id("launch").is_disabled()
    assert page.get_by_test_id("nobody-to-launch").is_visible()
