import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("salary", [{"salary_min": -1}, {"salary_min": 2**63}, {"salary_max": 10**12}])
def test_an_absurd_salary_is_a_4xx(api, salary):
    response = api.post("/api/jobs/", {"title": "Data engineer", **salary})
    assert response.status_code in (400, 422), response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "data:text/html,x"]
)
def test_a_script_job_url_is_refused(api, url):
    response = api.post("/api/jobs/", {"title": "Data engineer", "url": url})
    assert response.status_code in (400, 422)


@pytest.mark.django_db
def test_a_web_job_url_is_kept(api):
    response = api.post("/api/jobs/", {"title": "Data engineer", "url": "https://alvea.fr/jobs/1"})
    assert response.json()["url"] == "https://alvea.fr/jobs/1"
