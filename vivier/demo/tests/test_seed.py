"""The demo seeding service, in process, on the test database (SQLite and PostgreSQL)."""

import pytest
from django.contrib.auth import authenticate

from vivier.accounts.models import Membership
from vivier.demo import seed
from vivier.demo.seed import DEMO_PASSWORD, demo_seed
from vivier.lib.normalize import normalize_phone
from vivier.pool.models import (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateProfile,
    DuplicateReview,
    TimelineEvent,
)


@pytest.mark.django_db
def test_the_demo_pool_is_believable_and_normalized():
    result = demo_seed(candidates=400, seed=11)

    team = result.team
    assert result.created and team.slug == "demo"
    assert Candidate.objects.filter(team=team).count() == 400
    assert DuplicateReview.objects.filter(team=team, status="open").count() == result.duplicates == 8
    # Phones are E.164 and emails can never reach a real person.
    for phone in CandidatePhone.objects.filter(team=team)[:200]:
        assert normalize_phone(phone.e164) == phone.e164
    assert not CandidateEmail.objects.filter(team=team).exclude(email__endswith=".example").exists()
    assert CandidateProfile.objects.filter(team=team, url__startswith="https://www.linkedin.com/in/").exists()
    # Coordinates for every city, French cities mostly, and a few abroad.
    assert not Candidate.objects.filter(team=team, latitude__isnull=True).exists()
    countries = set(Candidate.objects.filter(team=team).values_list("country", flat=True))
    assert "FR" in countries and len(countries) >= 4
    assert Candidate.objects.filter(team=team, country="FR").count() > 300
    # A consent record, with its timeline event, for those who gave consent; retention dates for everyone.
    consenting = Candidate.objects.filter(team=team, consent_basis="consent")
    assert consenting.exists()
    assert TimelineEvent.objects.filter(team=team, kind="consent").count() == consenting.count()
    assert not Candidate.objects.filter(team=team, consent_expires_at__isnull=True).exists()
    # Search text covers skills, so the pool's quick search finds "CACES".
    assert Candidate.objects.filter(team=team, search_text__contains="caces").exists()


@pytest.mark.django_db
def test_the_demo_users_log_in_with_the_printed_password_in_their_language():
    demo_seed(candidates=50, seed=2)

    demo = authenticate(username="demo", password=DEMO_PASSWORD)
    demo_en = authenticate(username="demo-en", password=DEMO_PASSWORD)

    assert demo.language == "fr" and demo_en.language == "en"
    assert demo.membership(Membership.objects.get(user=demo).team).role == Membership.Role.ADMIN


@pytest.mark.django_db
def test_the_demo_calls_the_parts_of_later_apps_once(monkeypatch):
    from . import fake_hook

    fake_hook.calls.clear()
    monkeypatch.setattr(seed, "HOOKS", (fake_hook.seed_demo,))

    result = demo_seed(candidates=20, seed=5)

    assert fake_hook.calls == [("demo", ["demo", "demo-en"])]
    assert result.hooks == ["vivier.demo.tests.fake_hook"]

    demo_seed(candidates=20, seed=5)  # exists already: no second call
    assert len(fake_hook.calls) == 1


@pytest.mark.django_db
def test_demo_developers_are_found_by_their_family_and_by_their_specialty():
    """The issue's own example, ``job:backend within:30km:Lyon ...``, has people to find in the demo."""
    from vivier.segments.selectors import count_members, segment_candidates

    team = demo_seed(candidates=600, seed=5).team

    backend = list(segment_candidates(team=team, query="job:backend"))
    assert backend and all(c.tags.filter(kind="job", value="software development").exists() for c in backend)
    titles = {c.current_title for c in backend}
    assert any("backend" in t.lower() for t in titles) and not any("front" in t.lower() for t in titles)
    dev = count_members(team=team, query='job:"software development"')
    assert 0 < len(backend) < dev
    assert count_members(team=team, query='job:"software development" OR job:backend') == dev
    # The other families carry no specialty they do not have.
    assert count_members(team=team, query='job:backend -job:"software development"') == 0
    assert count_members(team=team, query='job:"nursing and care" job:backend') == 0
