"""The Results tab and the JSON API show the same figures as the selectors, to the campaign's team only."""

import json

import pytest

from vivier.insights.selectors import campaign_figures, sequence_figures, team_figures
from vivier.sequences.services import campaign_create


@pytest.mark.django_db
def test_the_api_returns_the_campaign_sequence_and_team_figures(replayed, campaign, sequence, team, api):
    got = api.get(f"/api/insights/campaigns/{campaign.public_id}")
    assert got.status_code == 200
    assert got.json() == json.loads(json.dumps(campaign_figures(campaign)))
    assert api.get(f"/api/insights/sequences/{sequence.public_id}").json() == json.loads(
        json.dumps(sequence_figures(sequence))
    )
    assert api.get("/api/insights/team").json()["replied"] == team_figures(team)["replied"]
    assert api.get("/api/insights/team?since=2026-04-01").json()["enrolled"] == 0


@pytest.mark.django_db
def test_another_teams_campaign_is_not_found(api, other_team, charlie):
    from vivier.sequences.services import sequence_save

    seq = sequence_save(team=other_team, name="Theirs", steps=[{"delay": 0, "body_fr": "Bonjour"}])
    theirs = campaign_create(team=other_team, name="Theirs", sequence=seq, owner=charlie)
    assert api.get(f"/api/insights/campaigns/{theirs.public_id}").status_code == 404
    assert api.get(f"/api/insights/sequences/{seq.public_id}").status_code == 404


@pytest.mark.django_db
def test_the_results_tab_shows_each_step_as_rate_and_count_with_its_interval(
    replayed, campaign, alice_client
):
    detail = alice_client.get(f"/sequences/campaigns/{campaign.public_id}/").content.decode()
    assert f"/insights/campaigns/{campaign.public_id}/" in detail
    html = alice_client.get(f"/insights/campaigns/{campaign.public_id}/").content.decode()
    assert "Premier message" in html and "17 % · 1/6" in html
    assert "1re relance" in html and "25 % · 1/4" in html
    assert "intervalle à 95 %" in html
    assert "pixel" in html  # replies measured, not opens
    assert 'data-reason="salary"' in html and 'data-reason="location"' in html
    assert html.count("<svg") == 5


@pytest.mark.django_db
def test_the_results_tab_of_another_team_is_not_found(client, charlie, campaign):
    client.force_login(charlie)
    assert client.get(f"/insights/campaigns/{campaign.public_id}/").status_code == 404
