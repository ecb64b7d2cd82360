import pytest
from django.db.models import Q

from vivier.pool.models import Candidate
from vivier.segments.query import FIELDS, QueryError, Term, compile_query, term_register
from vivier.segments.selectors import field_suggestions


@pytest.fixture
def mentor_term():
    """A term as a higher app would add it from its AppConfig.ready(): ``mentor:<first name>``."""
    term = Term("mentor", compile=lambda compiler, tok, value: Q(first_name__iexact=value))
    term_register(term)
    yield term
    FIELDS.pop("mentor")


def test_a_term_another_app_registers_selects_candidates(team, make_candidate, mentor_term):
    ana = make_candidate("Ana", "Lopez", jobs=["Backend"])
    make_candidate("Bruno", "Martin", jobs=["Backend"])

    matches = Candidate.objects.filter(team=team).filter(
        compile_query("job:backend mentor:ana|zoe", team=team)
    )

    assert list(matches) == [ana]


def test_a_term_another_app_registers_is_offered_in_the_builder(mentor_term):
    assert field_suggestions(prefix="men") == ["mentor"]


def test_an_unknown_field_lists_the_registered_terms(mentor_term):
    with pytest.raises(QueryError) as error:
        compile_query("mentr:ana", team=None)
    assert "mentor" in error.value.message


def test_a_second_term_of_the_same_name_is_refused():
    with pytest.raises(ValueError, match="already registered"):
        term_register(Term("within", compile=lambda compiler, tok, value: Q()))
