import datetime as dt

import pytest

from vivier.lib.geo import place_lookup

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def make_candidate(team):
    """``make_candidate("Ana", "Lopez", skills=["Python"], jobs=["Backend"], place="Lyon", ...)``."""
    from vivier.pool.models import Candidate, CandidateSource
    from vivier.pool.services import candidate_refresh_search, email_add, name_key, tag_set

    def make(first, last, *, team=team, skills=(), jobs=(), tags=(), langs=(), contracts=(), sources=(),
             place=None, email=None, **fields):
        if place:
            fields["latitude"], fields["longitude"] = place_lookup(place)
            fields.setdefault("city", place)
        candidate = Candidate.objects.create(team=team, first_name=first, last_name=last,
                                             name_key=name_key(first, last), **fields)
        for kind, labels in (("skill", skills), ("job", jobs), ("tag", tags), ("lang", langs),
                             ("contract", contracts)):
            if labels:
                tag_set(candidate=candidate, kind=kind, labels=list(labels))
        for source in sources:
            CandidateSource.objects.create(candidate=candidate, kind="ats", name=source, first_seen_at=NOW)
        email_add(candidate=candidate, email=email or f"{first}.{last}@example.org".lower(), primary=True)
        candidate_refresh_search(candidate=candidate)
        return candidate

    return make


@pytest.fixture
def lyon_pool(make_candidate):
    """The demo's people: who is a senior backend developer near Lyon, and who is not."""
    months = dt.timedelta(days=30)
    return {
        "ana": make_candidate("Ana", "Lopez", jobs=["Backend"], skills=["Python", "Django"], place="Villeurbanne",
                              seniority=40, years_experience=8, country="FR", current_title="Développeuse backend"),
        "bruno": make_candidate("Bruno", "Marchal", jobs=["Backend"], skills=["Go"], place="Lyon", seniority=50,
                                country="FR", last_contacted_at=NOW - 8 * months, current_title="Lead dev"),
        "chloe": make_candidate("Chloé", "Roux", jobs=["Backend"], skills=["Java"], place="Lyon", seniority=40,
                                country="FR", last_contacted_at=NOW - 2 * months),
        "david": make_candidate("David", "Nguyen", jobs=["Backend"], skills=["Python"], place="Lyon", seniority=40,
                                country="FR", snoozed_until=NOW + 3 * months),
        "emma": make_candidate("Emma", "Petit", jobs=["Backend"], place="Lyon", seniority=20, country="FR"),
        "farid": make_candidate("Farid", "Benali", jobs=["Backend"], place="Grenoble", seniority=40, country="FR"),
        "gaelle": make_candidate("Gaëlle", "Morel", jobs=["Frontend"], skills=["React"], place="Lyon", seniority=40,
                                 country="FR"),
    }


DEMO_QUERY = ("job:backend within:30km:Lyon seniority>=senior (contacted:never OR last_contacted>6m) "
              "snoozed:false")


@pytest.fixture
def time_machine_now():
    """Pin the business clock to NOW so relative terms (6m, snoozed) read the fixtures as written."""
    from vivier.lib import clock

    with clock.frozen_at(NOW):
        yield NOW
