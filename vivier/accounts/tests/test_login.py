import pytest

from conftest import PASSWORD


def test_a_recruiter_logs_in_and_sees_the_pool(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/pool/").status_code == 200


def test_login_is_throttled_after_repeated_failures(client, alice):
    for _ in range(5):
        assert client.post("/accounts/login/", {"username": "alice", "password": "nope"}).status_code == 400
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert client.get("/pool/").status_code == 302  # still not logged in


def test_passwords_are_hashed_with_argon2(alice):
    assert alice.password.startswith("argon2")


def test_the_ui_speaks_each_users_language(client, alice, bob):
    client.force_login(alice)  # Alice chose French
    french = client.get("/pool/").content.decode()
    assert "Vivier de talents" in french and "Se déconnecter" in french and "Talent pool" not in french
    client.force_login(bob)  # Bob chose English, in the same browser session
    english = client.get("/pool/").content.decode()
    assert "Talent pool" in english and "Log out" in english and "Vivier de talents" not in english


def test_the_login_page_is_translated(client):
    assert (
        "Connexion à Vivier"
        in client.get("/accounts/login/", headers={"Accept-Language": "fr"}).content.decode()
    )
    assert (
        "Log in to Vivier"
        in client.get("/accounts/login/", headers={"Accept-Language": "en"}).content.decode()
    )


def test_switching_language_is_remembered_on_the_user(client, alice):
    client.force_login(alice)
    client.post("/accounts/language/", {"language": "en", "next": "/pool/"})
    alice.refresh_from_db()
    assert alice.language == "en"
    client.logout()
    client.force_login(alice)
    assert "Talent pool" in client.get("/pool/").content.decode()


def test_an_api_token_authenticates_and_a_bad_one_is_refused(client, api):
    assert api.get("/api/openapi.json").status_code == 200
    assert client.get("/api/pool/candidates", headers={"Authorization": "Bearer nope"}).status_code in (
        401,
        404,
    )


@pytest.mark.browser
def test_login_page_in_a_browser(page, alice, login):
    login(alice)
    assert page.locator("h1").inner_text()


def test_the_settings_page_changes_the_language(client, bob):
    client.force_login(bob)
    assert "Personal API tokens" in client.get("/accounts/settings/").content.decode()
    response = client.post("/accounts/settings/", {"action": "language", "language": "fr"}, follow=True)
    assert "Jetons d’API personnels" in response.content.decode()
    bob.refresh_from_db()
    assert bob.language == "fr"


def test_the_openapi_schema_lists_the_pool_and_token_endpoints(api):
    paths = api.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/pool/candidates",
        "/api/pool/candidates/{public_id}",
        "/api/pool/candidates/{public_id}/notes",
        "/api/pool/candidates/{public_id}/timeline",
        "/api/accounts/tokens",
        "/api/accounts/me",
    ):
        assert path in paths
