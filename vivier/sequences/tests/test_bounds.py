"""Numbers from the API, the editor and a YAML file are bounded where they enter, with a clear message."""

import pytest
from django.utils import translation

from vivier.sequences.services import sequence_import_yaml

STEP = {"body_fr": "Bonjour"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "step",
    [
        {"delay": 1_000_000_000_000},
        {"delay": 2**63},
        {"delay": -1},
        {"delay": 100_000, "delay_unit": "hours"},
        {"delay": 5000, "delay_unit": "business_days"},
        {"window_weekdays": [7]},
    ],
)
def test_an_absurd_step_number_is_refused_by_the_api(api, step):
    response = api.post("/api/sequences/", {"name": "Big", "steps": [{**STEP, **step}]})
    assert response.status_code in (400, 422), response.content
    assert response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value", [("end_wait_days", 10**12), ("end_wait_days", -1), ("snooze_months", 2**70)]
)
def test_an_absurd_sequence_number_is_refused_by_the_api(api, field, value):
    response = api.post("/api/sequences/", {"name": "Big", "steps": [STEP], field: value})
    assert response.status_code in (400, 422), response.content


@pytest.mark.django_db
def test_the_longest_delays_are_accepted(api):
    steps = [
        {**STEP, "delay": 730},
        {**STEP, "delay": 730 * 24, "delay_unit": "hours"},
        {**STEP, "delay": 520, "delay_unit": "business_days"},
    ]
    assert api.post("/api/sequences/", {"name": "Long", "steps": steps}).status_code == 200


@pytest.mark.django_db
def test_a_yaml_sequence_with_an_absurd_delay_is_refused_with_the_step(team):
    text = "name: Big\nsteps:\n  - delay: 1000000000000 days\n    body_fr: Bonjour\n"
    with translation.override("en"), pytest.raises(ValueError, match="step 1: a delay is at most 730 days"):
        sequence_import_yaml(team=team, text=text)


@pytest.mark.django_db
def test_the_editor_refuses_an_absurd_delay(team):
    from vivier.sequences.forms import StepForm

    form = StepForm(data={"delay": "1000000000000", "delay_unit": "days", "channel": "email", "body_fr": "x"})
    assert not form.is_valid() and "delay" in form.errors
