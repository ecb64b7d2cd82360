import json

from .conftest import DEMO_QUERY


def test_the_api_searches_candidates_with_the_segment_language_paged(api, lyon_pool, time_machine_now):
    response = api.get("/api/candidates", data={"q": DEMO_QUERY})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert sorted(r["first_name"] for r in body["results"]) == ["Ana", "Bruno"]
    page2 = api.get("/api/candidates", data={"q": "job:backend", "page": 2, "page_size": 4}).json()
    assert page2["count"] == 6 and len(page2["results"]) == 2


def test_a_bad_query_gets_a_400_with_the_position(api, team):
    response = api.get("/api/candidates", data={"q": "skill:python OR"})
    assert response.status_code == 400
    assert response.json()["position"] == 15


def test_segments_crud_and_count(api, lyon_pool, time_machine_now):
    created = api.post("/api/segments", json.dumps({"name": "Backends Lyon", "query": DEMO_QUERY}))
    assert created.status_code == 201, created.content
    sid = created.json()["id"]
    assert api.get(f"/api/segments/{sid}/count").json() == {"count": 2}
    members = api.get(f"/api/segments/{sid}/candidates").json()
    assert sorted(r["first_name"] for r in members["results"]) == ["Ana", "Bruno"]
    assert [s["name"] for s in api.get("/api/segments").json()] == ["Backends Lyon"]
    patched = api.patch(f"/api/segments/{sid}", json.dumps({"query": "job:frontend"}))
    assert patched.status_code == 200
    assert api.get(f"/api/segments/{sid}/count").json() == {"count": 1}
    bad = api.patch(f"/api/segments/{sid}", json.dumps({"query": "job:"}))
    assert bad.status_code == 400 and bad.json()["field"] == "query"
    duplicate = api.post("/api/segments", json.dumps({"name": "Backends Lyon", "query": "job:x"}))
    assert duplicate.status_code == 400 and duplicate.json()["field"] == "name"
    assert api.delete(f"/api/segments/{sid}").status_code == 204
    assert api.get(f"/api/segments/{sid}").status_code == 404


def test_another_teams_segment_is_a_404(api, other_team, charlie):
    from vivier.segments.services import segment_create

    theirs = segment_create(team=other_team, owner=charlie, name="Theirs", query="job:backend")
    assert api.get(f"/api/segments/{theirs.public_id}").status_code == 404
    assert api.get(f"/api/segments/{theirs.public_id}/count").status_code == 404
    assert api.delete(f"/api/segments/{theirs.public_id}").status_code == 404
