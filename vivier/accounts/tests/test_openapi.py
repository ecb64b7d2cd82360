"""The published OpenAPI schema describes what the API answers."""

import pytest


@pytest.fixture
def schema(client):
    return client.get("/api/openapi.json").json()


def _ref(schema, media):
    name = media["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    return schema["components"]["schemas"][name]


@pytest.mark.django_db
def test_the_pool_and_the_segment_candidate_lists_are_documented_each_with_their_own_fields(schema, api):
    pool_page = _ref(schema, schema["paths"]["/api/pool/candidates"]["get"]["responses"]["200"])
    segment_page = _ref(schema, schema["paths"]["/api/candidates"]["get"]["responses"]["200"])
    assert set(pool_page["properties"]) == set(api.get("/api/pool/candidates").json())
    assert set(segment_page["properties"]) == set(api.get("/api/candidates").json())
    assert pool_page != segment_page


@pytest.mark.django_db
def test_a_422_is_documented_with_the_shape_it_returns(schema, api):
    response = api.post("/api/jobs/", {"salary_min": "many"})
    assert response.status_code == 422
    documented = schema["paths"]["/api/jobs/"]["post"]["responses"]["422"]
    body = documented["content"]["application/json"]["schema"]
    names = [r["$ref"].rsplit("/", 1)[1] for r in body.get("anyOf", [body])]
    shapes = [schema["components"]["schemas"][n] for n in names]
    detail = response.json()["detail"]
    assert any(s["properties"]["detail"].get("type") == type_name(detail) for s in shapes)


def type_name(value):
    return {list: "array", str: "string", dict: "object"}[type(value)]


@pytest.mark.django_db
def test_404_and_422_are_documented_on_the_routes_that_return_them(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if "{" in path:
                assert "404" in responses, (method, path)
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in responses, (method, path)
