"""Every HTML form's values arrive without control characters, value by value."""

import pytest

from vivier.jobs.models import Job


@pytest.mark.django_db
def test_a_form_value_with_control_characters_is_stored_without_them(alice_client, team):
    response = alice_client.post(
        "/jobs/new/",
        {"title": "Dév\x00eloppeuse\x07 Python", "company": "Alv\x1béa", "pitch": "Ligne 1\nLigne\x0c 2"},
    )
    assert response.status_code in (200, 302)
    job = Job.objects.get(team=team)
    assert (job.title, job.company, job.pitch) == ("Développeuse Python", "Alvéa", "Ligne 1\nLigne 2")


@pytest.mark.django_db
def test_a_password_is_left_as_typed(client, alice):
    from conftest import PASSWORD

    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD + "\x00"})
    assert response.status_code < 500
    assert "_auth_user_id" not in client.session
