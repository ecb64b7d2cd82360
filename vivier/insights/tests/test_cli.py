"""`vivier insights campaign|sequence|team`: names resolve like `vivier campaign show`, JSON or text."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from vivier.insights.selectors import campaign_figures
from vivier.sequences.services import campaign_create


def insights(*args):
    out = io.StringIO()
    call_command("insights", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_campaign_figures_by_name_or_id_print_one_json_object(replayed, campaign):
    expected = json.loads(json.dumps(campaign_figures(campaign)))
    assert json.loads(insights("campaign", "Python Lyon", "--json")) == expected
    assert json.loads(insights("campaign", str(campaign.public_id)[:8], "--json")) == expected


@pytest.mark.django_db
def test_the_text_reads_like_the_recruiters_own_sheet(replayed, campaign):
    text = insights("campaign", "Python Lyon")
    assert "Premier message : 17 % · 1/6" in text
    assert "1re relance : 25 % · 1/4" in text
    assert "Taux de réponse global (toute réponse confondue) : 50 % · 3/6" in text
    assert "Taux de réponse négative (dans le taux global) : 67 % · 2/3" in text
    assert "moins de 20 personnes" in text


@pytest.mark.django_db
def test_sequence_and_team_figures_from_the_command_line(replayed, sequence):
    assert json.loads(insights("sequence", "Nurture 4 étapes", "--json"))["replied"] == 3
    assert json.loads(insights("team", "--json"))["contacted"] == 6
    assert json.loads(insights("team", "--since", "2026-04-01", "--json"))["enrolled"] == 0


@pytest.mark.django_db
def test_an_ambiguous_or_unknown_name_is_refused_with_a_json_error(campaign, team, sequence, alice):
    campaign_create(team=team, name="Python Lyon", sequence=sequence, owner=alice)
    out = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("insights", "campaign", "Python Lyon", "--json", stdout=out)
    assert refused.value.returncode == 1
    assert json.loads(out.getvalue())["error"] == "refused"
    out = io.StringIO()
    with pytest.raises(CommandError) as missing:
        call_command("insights", "sequence", "Nope", "--json", stdout=out)
    assert missing.value.returncode == 1
    assert json.loads(out.getvalue())["error"] == "not_found"


@pytest.mark.django_db
def test_a_since_that_is_not_a_date_is_a_usage_error(team):
    with pytest.raises(CommandError) as refused:
        call_command("insights", "team", "--since", "last week")
    assert refused.value.returncode == 2
