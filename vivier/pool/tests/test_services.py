import pytest

from vivier.pool.models import (
    Candidate,
    CandidateTag,
    CustomField,
    DuplicateReview,
    Note,
    TimelineEvent,
)
from vivier.pool.services import (
    CandidateExists,
    CandidateInvalid,
    candidate_create,
    candidate_merge,
    candidate_set_owner,
    candidate_update,
    duplicate_dismiss,
    note_add,
)


def make(team, alice, **kw):
    kw.setdefault("first_name", "Hélène")
    kw.setdefault("last_name", "Dupré")
    return candidate_create(team=team, by=alice, **kw)


def test_it_normalizes_what_the_recruiter_types(team, alice):
    c = make(
        team,
        alice,
        emails=[" Helene.Dupre@Example.FR ", "h.dupre@gmail.com"],
        phones=["06 12 34 56 78"],
        profiles=["fr.linkedin.com/in/Helene-Dupre/?trk=x"],
        city="Lyon",
        current_title="  Infirmière  ",
        tags={"skill": ["Soins intensifs", "Pédiatrie"]},
    )
    assert c.primary_email == "helene.dupre@example.fr"
    assert [p.e164 for p in c.phones.all()] == ["+33612345678"]
    assert [p.url for p in c.profiles.all()] == ["https://www.linkedin.com/in/helene-dupre"]
    assert c.latitude and c.longitude
    assert c.current_title == "Infirmière"
    assert "helene dupre" in c.search_text and "pediatrie" in c.search_text
    assert c.timeline.get().kind == TimelineEvent.Kind.CREATED
    assert c.sources.get().kind == "manual"


def test_it_rejects_a_malformed_email_with_a_field_error(team, alice):
    with pytest.raises(CandidateInvalid) as exc:
        make(team, alice, emails=["not-an-email"], phones=["12"])
    assert set(exc.value.message_dict) == {"emails", "phones"}
    assert not Candidate.objects.exists()


def test_it_refuses_an_email_already_in_the_pool_and_points_to_the_candidate(team, alice):
    first = make(team, alice, emails=["helene@example.fr"])
    with pytest.raises(CandidateExists) as exc:
        make(team, alice, first_name="Autre", emails=["HELENE@example.fr"])
    assert exc.value.existing == first
    assert "emails" in exc.value.message_dict


def test_the_same_email_may_exist_in_another_teams_pool(team, other_team, alice, charlie):
    make(team, alice, emails=["helene@example.fr"])
    assert make(other_team, charlie, emails=["helene@example.fr"]).team == other_team


def test_it_refuses_a_linkedin_url_already_in_the_pool(team, alice):
    make(team, alice, profiles=["https://www.linkedin.com/in/hdupre"])
    with pytest.raises(CandidateExists):
        make(team, alice, first_name="X", profiles=["linkedin.com/in/HDupre/"])


def test_an_edit_records_old_and_new_values(team, alice):
    c = make(team, alice, current_title="Infirmière", emails=["a@example.fr"])
    candidate_update(
        candidate=c,
        by=alice,
        current_title="Cadre de santé",
        emails=["b@example.fr"],
        tags={"skill": ["Management"]},
    )
    event = c.timeline.get(kind=TimelineEvent.Kind.EDITED)
    assert event.params["changes"]["current_title"] == ["Infirmière", "Cadre de santé"]
    assert event.params["changes"]["emails"] == [["a@example.fr"], ["b@example.fr"]]
    assert event.params["changes"]["tags.skill"] == [[], ["Management"]]
    assert event.actor == alice
    assert "cadre de sante" in Candidate.objects.get(pk=c.pk).search_text


def test_an_edit_that_changes_nothing_records_nothing(team, alice):
    c = make(team, alice, current_title="Infirmière")
    candidate_update(candidate=c, by=alice, current_title="Infirmière")
    assert not c.timeline.filter(kind=TimelineEvent.Kind.EDITED).exists()


def test_an_invalid_choice_is_a_field_error(team, alice):
    c = make(team, alice)
    with pytest.raises(CandidateInvalid) as exc:
        candidate_update(candidate=c, by=alice, remote_preference="moon")
    assert "remote_preference" in exc.value.message_dict


def test_custom_fields_are_typed(team, alice):
    CustomField.objects.create(team=team, key="permis", label="Permis B", type="bool")
    CustomField.objects.create(team=team, key="dispo", label="Dispo", type="date")
    CustomField.objects.create(
        team=team, key="service", label="Service", type="choice", choices=["urgences", "bloc"]
    )
    c = make(team, alice, custom_fields={"permis": "oui", "dispo": "2027-01-15", "service": "bloc"})
    assert c.custom_fields == {"permis": True, "dispo": "2027-01-15", "service": "bloc"}
    with pytest.raises(CandidateInvalid) as exc:
        candidate_update(
            candidate=c, by=alice, custom_fields={"dispo": "demain", "service": "cuisine", "x": 1}
        )
    assert len(exc.value.message_dict["custom_fields"]) == 3


def test_a_merge_moves_everything_and_keeps_conflicts_on_the_timeline(team, alice, bob):
    keep = make(team, alice, emails=["h@example.fr"], current_company="CHU Lyon", city="Lyon")
    other = make(
        team,
        alice,
        emails=["helene@gmail.com"],
        phones=["0612345678"],
        current_company="Clinique du Parc",
        current_title="Infirmière",
        tags={"skill": ["Pédiatrie"]},
    )
    note_add(candidate=other, body="Disponible en mars", author=bob)
    review = DuplicateReview.objects.create(
        team=team, first=keep, second=other, reason="same name", created_at=keep.created_at
    )
    merged = candidate_merge(keep=keep, other=other, by=alice)
    assert not Candidate.objects.filter(pk=other.pk).exists()
    assert sorted(e.email for e in merged.emails.all()) == ["h@example.fr", "helene@gmail.com"]
    assert merged.primary_email == "h@example.fr"
    assert merged.phones.get().e164 == "+33612345678"
    assert merged.current_title == "Infirmière"
    assert merged.current_company == "CHU Lyon"
    assert merged.tags.filter(kind=CandidateTag.Kind.SKILL).count() == 1
    assert Note.objects.get().candidate == merged
    assert merged.sources.count() == 2
    kinds = list(merged.timeline.values_list("kind", flat=True))
    assert kinds.count("created") == 2 and "note" in kinds and "merged" in kinds
    conflict = merged.timeline.get(kind=TimelineEvent.Kind.CONFLICT)
    assert conflict.params == {"field": "current_company", "kept": "CHU Lyon", "other": "Clinique du Parc"}
    assert not DuplicateReview.objects.filter(pk=review.pk, status="open").exists()


def test_a_merge_never_undoes_an_unsubscribe(team, alice):
    keep, other = make(team, alice, emails=["a@x.fr"]), make(team, alice, emails=["b@x.fr"])
    Candidate.objects.filter(pk=other.pk).update(unsubscribed_at=other.created_at)
    other.refresh_from_db()
    assert candidate_merge(keep=keep, other=other, by=alice).unsubscribed_at == other.created_at


def test_dismissing_a_possible_duplicate_closes_the_review(team, alice):
    a, b = make(team, alice, emails=["a@x.fr"]), make(team, alice, emails=["b@x.fr"])
    review = DuplicateReview.objects.create(
        team=team, first=a, second=b, reason="same name", created_at=a.created_at
    )
    duplicate_dismiss(review=review, by=alice)
    review.refresh_from_db()
    assert review.status == "dismissed" and review.resolved_by == alice
    assert Candidate.objects.count() == 2


def test_the_owner_must_belong_to_the_team(team, alice, bob, charlie):
    c = make(team, alice)
    candidate_set_owner(candidate=c, owner=bob, by=alice)
    assert Candidate.objects.get(pk=c.pk).owner == bob
    with pytest.raises(CandidateInvalid):
        candidate_set_owner(candidate=c, owner=charlie, by=alice)
