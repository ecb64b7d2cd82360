import pytest

from vivier.lib import clock
from vivier.sequences.models import Enrollment

from .conftest import FOUR_STEPS


@pytest.mark.django_db
def test_a_campaign_runs_through_the_api(api, team, make_candidate, now_at, charlie):
    now_at("2026-03-09 08:00 Europe/Paris")
    job = api.post("/api/jobs/", {"title": "Data engineer", "company": "Alvéa", "pitch": "Du Spark."}).json()
    seq = api.post("/api/sequences/", {"name": "API seq", "steps": FOUR_STEPS}).json()
    assert [s["position"] for s in seq["steps"]] == [0, 1, 2, 3]
    hélène, nameless = make_candidate(), make_candidate(first_name="")
    preview = api.post(
        f"/api/sequences/{seq['id']}/preview", {"candidate": str(hélène.public_id), "job": job["slug"]}
    ).json()
    assert preview["body"].startswith("Bonjour Hélène,\n\nDu Spark.")
    body = {
        "sequence": seq["id"],
        "job": job["slug"],
        "candidates": [str(hélène.public_id), str(nameless.public_id)],
    }
    refused = api.post("/api/sequences/campaigns", body)
    assert refused.status_code == 409
    assert refused.json()["review"]["missing"][0]["problems"][0] == "step 1: missing candidate.first_name"
    launched = api.post("/api/sequences/campaigns", {**body, "allow_missing": True}).json()
    assert launched["eligible"] == 1
    paused = api.post(f"/api/sequences/campaigns/{launched['id']}/pause").json()
    assert paused["status"] == "paused" and paused["enrollments"] == {"active": 1}
    enrollment = Enrollment.objects.get()
    assert api.post(f"/api/sequences/enrollments/{enrollment.public_id}/stop").json()["state"] == "ended"
    clock.set_now(None)


@pytest.mark.django_db
def test_another_teams_campaign_is_not_found(api, other_team, make_candidate):
    from vivier.sequences.services import campaign_create, sequence_save

    seq = sequence_save(team=other_team, name="Theirs", steps=FOUR_STEPS)
    theirs = campaign_create(team=other_team, name="Theirs", sequence=seq)
    assert api.get(f"/api/sequences/campaigns/{theirs.public_id}").status_code == 404
    assert api.post(f"/api/sequences/campaigns/{theirs.public_id}/pause").status_code == 404
    assert api.get(f"/api/sequences/{seq.public_id}").status_code == 404


@pytest.mark.django_db
def test_a_bad_sequence_payload_gets_a_clear_error(api):
    response = api.post("/api/sequences/", {"name": "Bad", "steps": [{"delay": 0, "body_fr": "{% if %}"}]})
    assert response.status_code == 400 and "template error" in response.json()["detail"]
    response = api.post(
        "/api/sequences/",
        {"name": "Bad", "steps": [{"channel": "fax", "body_fr": "x"}]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400 and "channel must be one of" in response.json()["detail"]


@pytest.mark.django_db
def test_mailbox_passwords_never_leave_the_server(api):
    box = api.post(
        "/api/mail/mailboxes",
        {"address": "alice@alvea-rh.fr", "smtp_host": "smtp.example.org", "smtp_password": "hunter2-secret"},
    )
    assert box.status_code == 200
    listing = api.get("/api/mail/mailboxes").content.decode()
    assert "hunter2" not in listing and '"has_password": true' in listing
