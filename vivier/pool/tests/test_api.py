import pytest

from vivier.pool.models import TimelineEvent
from vivier.pool.services import candidate_create


def test_the_api_creates_reads_updates_and_lists_candidates(api, team):
    created = api.post(
        "/api/pool/candidates",
        {
            "first_name": "Julien",
            "last_name": "Moreau",
            "emails": ["Julien.Moreau@Example.fr"],
            "phones": ["06 11 22 33 44"],
            "current_title": "Technicien de maintenance",
            "city": "Nantes",
            "tags": {"skill": ["Électrotechnique"]},
            "source_name": "salon",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["emails"] == [{"email": "julien.moreau@example.fr", "is_primary": True, "invalid": False}]
    assert body["phones"] == ["+33611223344"]
    assert body["sources"][0]["name"] == "salon"
    cid = body["id"]

    patched = api.patch(f"/api/pool/candidates/{cid}", {"current_company": "Airbus"})
    assert patched.status_code == 200 and patched.json()["current_company"] == "Airbus"
    assert patched.json()["current_title"] == "Technicien de maintenance"

    listed = api.get("/api/pool/candidates?q=electro").json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == cid
    assert api.get("/api/pool/candidates?q=nobody").json()["count"] == 0


def test_the_api_explains_a_bad_payload_and_a_duplicate(api, team):
    bad = api.post("/api/pool/candidates", {"first_name": "X", "emails": ["nope"]})
    assert bad.status_code == 422 and "emails" in bad.json()["errors"]
    wrong_type = api.post("/api/pool/candidates", {"first_name": "X", "years_experience": "many"})
    assert wrong_type.status_code == 422
    first = api.post("/api/pool/candidates", {"first_name": "A", "emails": ["a@x.fr"]}).json()
    dup = api.post("/api/pool/candidates", {"first_name": "B", "emails": ["A@x.fr"]})
    assert dup.status_code == 409 and dup.json()["existing"] == first["id"]


def test_notes_and_timeline_through_the_api(api, team, alice):
    c = candidate_create(team=team, by=alice, first_name="Nora", last_name="Benali")
    assert (
        api.post(f"/api/pool/candidates/{c.public_id}/notes", {"body": "Rappeler en juin"}).status_code == 201
    )
    assert api.post(f"/api/pool/candidates/{c.public_id}/notes", {"body": "  "}).status_code == 422
    notes = api.get(f"/api/pool/candidates/{c.public_id}/notes").json()
    assert [n["body"] for n in notes] == ["Rappeler en juin"]
    timeline = api.get(f"/api/pool/candidates/{c.public_id}/timeline").json()
    assert [e["kind"] for e in timeline] == [TimelineEvent.Kind.CREATED, TimelineEvent.Kind.NOTE]


def test_another_teams_candidate_is_a_404_in_the_api(api, other_team, charlie):
    theirs = candidate_create(team=other_team, by=charlie, first_name="Secret", emails=["s@vasco.fr"])
    assert api.get(f"/api/pool/candidates/{theirs.public_id}").status_code == 404
    assert api.patch(f"/api/pool/candidates/{theirs.public_id}", {"first_name": "Y"}).status_code == 404
    assert api.post(f"/api/pool/candidates/{theirs.public_id}/notes", {"body": "x"}).status_code == 404
    assert api.get(f"/api/pool/candidates/{theirs.public_id}/timeline").status_code == 404
    assert api.get("/api/pool/candidates/not-a-uuid").status_code == 404
    assert api.get("/api/pool/candidates").json()["count"] == 0


def test_tokens_are_created_listed_and_revoked_through_the_api(api, client):
    created = api.post("/api/accounts/tokens", {"name": "ATS sync"})
    assert created.status_code == 201
    raw = created.json()["token"]
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/accounts/me", headers=headers).json()["username"] == "alice"
    names = [t["name"] for t in api.get("/api/accounts/tokens").json()]
    assert "ATS sync" in names and "token" not in api.get("/api/accounts/tokens").json()[0]
    assert api.delete(f"/api/accounts/tokens/{created.json()['id']}").status_code == 204
    assert client.get("/api/accounts/me", headers=headers).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value",
    [
        ("years_experience", 40000),
        ("notice_period_days", 2**40),
        ("salary_amount", 2**63),
        ("max_commute_km", -1),
    ],
)
def test_an_absurd_candidate_number_is_a_422(api, field, value):
    response = api.post("/api/pool/candidates", {"first_name": "Ana", field: value})
    assert response.status_code == 422
