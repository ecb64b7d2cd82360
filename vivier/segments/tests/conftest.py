import pytest

from vivier.pool.tests.factories import candidate_make

from .factories import NOW, seed_lyon_pool


@pytest.fixture
def make_candidate(team):
    """``make_candidate("Ana", "Lopez", skills=["Python"], jobs=["Backend"], place="Lyon", ...)``."""

    def make(first, last, **kw):
        kw.setdefault("team", team)
        return candidate_make(first_name=first, last_name=last, **kw)

    return make


@pytest.fixture
def lyon_pool(team):
    return seed_lyon_pool(team)


__all__ = ["NOW", "DEMO_QUERY"]

DEMO_QUERY = (
    "job:backend within:30km:Lyon seniority>=senior (contacted:never OR last_contacted>6m) snoozed:false"
)


@pytest.fixture
def time_machine_now():
    """Pin the business clock to NOW so relative terms (6m, snoozed) read the fixtures as written."""
    from vivier.lib import clock

    with clock.frozen_at(NOW):
        yield NOW
