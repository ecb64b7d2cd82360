import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [-1, 2**64])
def test_a_negative_or_huge_replies_limit_is_a_4xx(api, limit):
    response = api.get("/api/replies/", data={"limit": limit})
    assert 400 <= response.status_code < 500
