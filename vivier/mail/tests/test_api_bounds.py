import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value",
    [
        ("daily_limit", -1),
        ("daily_limit", 2**63),
        ("smtp_port", 70000),
        ("min_gap_seconds", -5),
        ("jitter_seconds", 2**40),
    ],
)
def test_an_absurd_mailbox_number_is_a_4xx(api, field, value):
    body = {"address": "alice@alvea-rh.fr", "smtp_host": "smtp.example", field: value}
    response = api.post("/api/mail/mailboxes", body)
    assert response.status_code in (400, 422), response.content


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [-1, -(2**63), 2**64])
def test_a_negative_or_huge_outbox_limit_is_a_4xx(api, limit):
    response = api.get("/api/mail/outbox", data={"limit": limit})
    assert 400 <= response.status_code < 500
    assert api.get("/api/mail/outbox", data={"limit": 5000}).status_code == 200


def test_the_api_takes_the_imap_side_and_never_returns_a_secret(api):
    response = api.post(
        "/api/mail/mailboxes",
        {
            "address": "alice@alvea-rh.fr",
            "kind": "outbox",
            "imap_host": "imap.alvea-rh.fr",
            "imap_username": "alice",
            "imap_password": "s3cret-imap",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["imap_host"] == "imap.alvea-rh.fr" and body["has_imap_password"] is True
    assert body["imap_error"] == "" and body["imap_sent"] == "Sent"
    listed = api.get("/api/mail/mailboxes").content.decode()
    assert "s3cret" not in listed and "imap.alvea-rh.fr" in listed
