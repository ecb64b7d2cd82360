"""Hostile or absurd input to the query language and the paged lists: a 4xx with a message, never a 500."""

import json

import pytest

from vivier.segments.query import MAX_DEPTH, MAX_TERMS


@pytest.mark.parametrize("q", ["last_contacted>2026y", "last_reply<5000y", "contacted>99999999999d"])
def test_a_duration_out_of_the_calendar_is_a_400_pointing_at_the_value(api, team, q):
    response = api.get("/api/candidates", data={"q": q})
    assert response.status_code == 400
    body = response.json()
    assert body["position"] == q.index(">") + 1 if ">" in q else q.index("<") + 1
    assert body["detail"]


@pytest.mark.parametrize("q", ["(" * 400 + "skill:python" + ")" * 400, "NOT " * 400 + "skill:python"])
def test_deep_nesting_is_a_400_not_a_recursion_error(api, team, q):
    response = api.get("/api/candidates", data={"q": q})
    assert response.status_code == 400
    assert response.json()["position"] is not None


def test_a_query_of_too_many_terms_is_refused_at_save(api, team):
    query = " ".join(f"skill:s{i}" for i in range(MAX_TERMS + 1))
    created = api.post("/api/segments", json.dumps({"name": "Huge", "query": query}))
    assert created.status_code == 400 and created.json()["field"] == "query"
    assert api.get("/api/candidates", data={"q": query}).status_code == 400


def test_the_longest_allowed_query_counts_and_pages(api, team, make_candidate):
    make_candidate("Ana", "Lopez", skills=["Python"])
    query = " ".join(["skill:python"] + [f"NOT skill:s{i}" for i in range(MAX_TERMS - 1)])
    nested = "(" * (MAX_DEPTH - 1) + "skill:python" + ")" * (MAX_DEPTH - 1)
    for q in (query, nested):
        created = api.post("/api/segments", json.dumps({"name": f"Long {len(q)}", "query": q}))
        assert created.status_code == 201, created.content
        sid = created.json()["id"]
        assert api.get(f"/api/segments/{sid}/count").json() == {"count": 1}
        assert api.get(f"/api/segments/{sid}/candidates").json()["count"] == 1


@pytest.mark.parametrize("path", ["/api/candidates", "/api/pool/candidates"])
def test_a_huge_page_number_is_a_4xx(api, team, path):
    response = api.get(path, data={"page": 9223372036854775808})
    assert 400 <= response.status_code < 500
    assert api.get(path, data={"page": 2}).status_code == 200


def test_a_huge_page_of_a_segment_is_a_4xx(api, team):
    sid = api.post("/api/segments", json.dumps({"name": "All", "query": "skill:python"})).json()["id"]
    response = api.get(f"/api/segments/{sid}/candidates", data={"page": 2**63})
    assert 400 <= response.status_code < 500
