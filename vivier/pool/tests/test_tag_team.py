"""Every path that writes tag rows copies the candidate's team onto them (segments count tags by team)."""

from pathlib import Path

import pytest
from django.db.models import F

from vivier.pool.importing import import_run
from vivier.pool.models import Candidate, CandidateTag
from vivier.pool.services import candidate_create, candidate_merge, candidate_update, tag_set

FIXTURES = Path(__file__).parent / "fixtures"


def assert_tags_carry_their_team(team):
    rows = CandidateTag.objects.filter(candidate__team=team)
    assert rows.exists()
    assert not rows.exclude(team_id=F("candidate__team_id")).exists()
    assert not CandidateTag.objects.exclude(team_id=F("candidate__team_id")).exists()


def test_manual_add_edit_and_tag_set_write_the_team(team, other_team, alice):
    ana = candidate_create(
        team=team,
        by=alice,
        first_name="Ana",
        last_name="Lopez",
        tags={"skill": ["Python"], "job": ["Backend"], "lang": ["Anglais"]},
    )
    candidate_update(candidate=ana, by=alice, tags={"skill": ["Python", "Django"], "contract": ["cdi"]})
    other = Candidate.objects.create(team=other_team, first_name="Zoé", last_name="Vasco")
    tag_set(candidate=other, kind="skill", labels=["Python"])
    assert set(ana.tags.values_list("team_id", "value")) >= {(team.id, "python"), (team.id, "django")}
    assert list(other.tags.values_list("team_id", flat=True)) == [other_team.id]
    assert_tags_carry_their_team(team)


def test_a_merge_keeps_the_tags_in_the_team(team, alice):
    keep = candidate_create(
        team=team,
        by=alice,
        first_name="Hélène",
        last_name="Dupré",
        emails=["h@example.fr"],
        tags={"skill": ["Pédiatrie"]},
    )
    other = candidate_create(
        team=team,
        by=alice,
        first_name="Hélène",
        last_name="Dupré",
        emails=["helene@gmail.com"],
        tags={"skill": ["Pédiatrie", "Urgences"]},
    )
    merged = candidate_merge(keep=keep, other=other, by=alice)
    assert set(merged.tags.values_list("team_id", "value")) == {(team.id, "pediatrie"), (team.id, "urgences")}
    assert_tags_carry_their_team(team)


def test_an_import_writes_the_team_on_new_and_updated_candidates_tags(team, alice):
    import_run(team=team, paths=[FIXTURES / "lever_candidates.csv"], by=alice)
    import_run(team=team, paths=[FIXTURES / "linkedin_Candidates.csv"], by=alice)  # updates some of them
    assert_tags_carry_their_team(team)


@pytest.mark.django_db
def test_the_demo_seed_writes_the_team():
    from vivier.demo.seed import demo_seed

    result = demo_seed(candidates=60, seed=3)
    assert_tags_carry_their_team(result.team)
