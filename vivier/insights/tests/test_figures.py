"""The figures of a campaign, counted from what the worker sent and what candidates answered."""

import pytest

from vivier.insights.selectors import campaign_figures, campaign_reply_hours, sequence_figures, team_figures
from vivier.replies.models import Reply
from vivier.sequences.tests.conftest import at


@pytest.mark.django_db
def test_it_attributes_each_first_human_reply_to_the_step_it_answers(replayed, campaign):
    figures = campaign_figures(campaign)
    assert [
        (s["step"], s["sent"], s["replied"], s["bounced"], s["unsubscribed"]) for s in figures["steps"]
    ] == [
        (1, 6, 1, 1, 0),
        (2, 4, 1, 0, 1),
        (3, 2, 1, 0, 0),
        (4, 1, 0, 0, 0),
    ]
    assert figures["steps"][0]["response_rate"] == pytest.approx(1 / 6)
    assert figures["steps"][3]["response_rate"] == 0.0


@pytest.mark.django_db
def test_out_of_office_and_bounces_are_not_replies_and_a_correction_counts_as_the_label(replayed, campaign):
    figures = campaign_figures(campaign)
    assert (figures["enrolled"], figures["contacted"], figures["replied"]) == (6, 6, 3)
    assert (figures["positive"], figures["negative"]) == (1, 2)
    assert figures["reasons"] == {"salary": 1, "location": 1}
    assert figures["response_rate"] == pytest.approx(0.5)
    assert figures["positive_share"] == pytest.approx(1 / 3)
    assert figures["negative_share"] == pytest.approx(2 / 3)
    assert figures["positive_rate"] == pytest.approx(1 / 6)
    assert Reply.objects.filter(intent__in=["out_of_office", "bounce"]).count() == 2


@pytest.mark.django_db
def test_time_to_reply_runs_from_the_step_answered(replayed, campaign):
    # A: 23.5 h after step 1; B: 23.5 h after step 2; C: 24.5 h after step 3.
    assert campaign_figures(campaign)["time_to_reply"] == {"median_hours": 23.5, "p75_hours": 24.0}


@pytest.mark.django_db
def test_every_rate_has_its_interval_and_says_when_the_sample_is_small(replayed, campaign):
    figures = campaign_figures(campaign)
    for name in ("response_rate", "positive_share", "negative_share", "positive_rate"):
        low, high = figures[f"{name}_ci"]
        assert low <= figures[name] <= high
        assert figures[f"{name}_small_sample"] is True
    assert figures["small_sample"] is True
    assert figures["funnel"] is None
    assert all(step["variants"] == [] and step["small_sample"] for step in figures["steps"])


@pytest.mark.django_db
def test_an_empty_campaign_has_null_rates_not_zeroes(campaign):
    figures = campaign_figures(campaign)
    assert figures["contacted"] == 0
    assert figures["response_rate"] is None and figures["response_rate_ci"] is None
    assert [s["step"] for s in figures["steps"]] == [1, 2, 3, 4]
    assert figures["time_to_reply"] == {"median_hours": None, "p75_hours": None}


@pytest.mark.django_db
def test_sequence_and_team_figures_add_up_the_campaigns(replayed, campaign, sequence, team):
    assert sequence_figures(sequence) == campaign_figures(campaign)
    assert team_figures(team) == campaign_figures(campaign)
    assert team_figures(team, since=at("2026-04-01 00:00 Europe/Paris"))["enrolled"] == 0


@pytest.mark.django_db
def test_replies_are_placed_by_weekday_and_hour_in_each_candidates_own_time_zone(replayed, campaign, team):
    team.time_zone = "Europe/Paris"
    team.save(update_fields=["time_zone"])
    montreal = replayed["C"]
    montreal.time_zone = "America/Montreal"
    montreal.save(update_fields=["time_zone"])
    grid = campaign_reply_hours(campaign)
    assert sum(map(sum, grid)) == 3  # the out-of-office and the bounce are not replies
    assert grid[1][9] == 1  # A, Tuesday 10 March 9:30 in Paris
    assert grid[3][9] == 1  # B, Thursday 12 March 9:30 in Paris
    assert grid[1][4] == 1  # C, Tuesday 17 March 9:30 in Paris: 4:30 in Montreal
