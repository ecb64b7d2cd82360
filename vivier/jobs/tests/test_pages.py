"""Job pages: list, create, edit; another team's job is a 404."""

import pytest
from django.urls import reverse

from vivier.jobs.models import Job
from vivier.jobs.services import job_create

FORM = {
    "title": "Développeuse Python",
    "company": "Alvéa",
    "location": "Lyon",
    "salary_min": "45000",
    "salary_max": "55000",
    "salary_currency": "EUR",
    "pitch": "Une équipe de 6, du Django.",
    "url": "",
}


@pytest.fixture
def job(team):
    return job_create(team=team, title="Data engineer", company="Alvéa", salary_min=50000)


def test_it_creates_a_job_with_its_pitch(alice_client, team):
    response = alice_client.post(reverse("jobs:new"), FORM)
    assert response.status_code == 302
    job = Job.objects.get(team=team)
    assert (job.title, job.location, job.salary, job.pitch) == (
        "Développeuse Python",
        "Lyon",
        "45k–55k EUR",
        "Une équipe de 6, du Django.",
    )
    page = alice_client.get(reverse("jobs:list")).content.decode()
    assert "Développeuse Python" in page and "45k–55k EUR" in page


def test_it_edits_a_job_and_keeps_its_slug(alice_client, job):
    slug = job.slug
    response = alice_client.post(
        reverse("jobs:edit", args=[job.public_id]), dict(FORM, title="Data engineer senior")
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.title == "Data engineer senior" and job.slug == slug and job.salary_max == 55000


def test_an_upside_down_salary_range_is_refused(alice_client, team):
    response = alice_client.post(reverse("jobs:new"), dict(FORM, salary_min="60000", salary_max="40000"))
    assert response.status_code == 400
    assert not Job.objects.filter(team=team).exists()


def test_charlie_cannot_see_or_edit_alices_job(client, charlie, job):
    client.force_login(charlie)
    assert client.get(reverse("jobs:edit", args=[job.public_id])).status_code == 404
    assert (
        client.post(reverse("jobs:edit", args=[job.public_id]), dict(FORM, title="Piraté")).status_code == 404
    )
    assert "Data engineer" not in client.get(reverse("jobs:list")).content.decode()
    job.refresh_from_db()
    assert job.title == "Data engineer"
