"""Headers and limits every page and API call gets: CSP, offline API docs, token language, rate limits."""

import pytest


@pytest.mark.django_db
def test_api_errors_speak_the_token_users_language(client, alice, alice_token, settings):
    settings.LANGUAGE_CODE = "fr"
    alice.language = "en"
    alice.save()
    response = client.post(
        "/api/jobs/",
        {"title": "Data", "url": "javascript:alert(1)"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {alice_token}"},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "A job link must be a web address (http or https)."
    asked = client.post(
        "/api/jobs/",
        {"title": "Data", "url": "javascript:alert(1)"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {alice_token}", "Accept-Language": "fr"},
    )
    assert asked.json()["detail"].startswith("Le lien")


@pytest.mark.django_db
def test_the_api_docs_load_their_assets_from_the_server(client):
    page = client.get("/api/docs").content.decode()
    assert "cdn" not in page.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/", "/api/docs"])
def test_every_page_has_a_content_security_policy_without_inline_scripts(alice_client, path):
    response = alice_client.get(path, follow=True)
    policy = response.headers["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_and_htmx_work_under_the_content_security_policy(browser, live_server, alice):
    from playwright.sync_api import expect

    from conftest import PASSWORD

    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", alice.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    page.goto("/segments/new/")
    page.get_by_test_id("query").press_sequentially("skill:python")
    expect(page.get_by_test_id("live-count")).to_have_text("0")
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui .info")).to_be_visible()
    context.close()
    assert violations == []


def _login(client, ip, username="alice", password="nope"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_strangers_cannot_lock_a_recruiter_out_of_her_usual_address(client, alice):
    from conftest import PASSWORD

    assert _login(client, "192.0.2.10", password=PASSWORD).status_code == 302
    client.logout()
    for i in range(60):  # a botnet: many addresses, a few tries each
        _login(client, f"198.51.100.{i // 3}")
    assert _login(client, "198.51.100.200", password=PASSWORD).status_code == 429  # a new address is held
    assert _login(client, "192.0.2.10", password=PASSWORD).status_code == 302  # her usual one is not


@pytest.mark.django_db
def test_one_address_guessing_is_stopped_per_account_and_per_address(client, alice, bob):
    from conftest import PASSWORD

    for _ in range(5):
        assert _login(client, "203.0.113.5").status_code == 400
    assert _login(client, "203.0.113.5", password=PASSWORD).status_code == 429
    assert (
        _login(client, "192.0.2.99", password=PASSWORD).status_code == 302
    )  # the account itself is not locked
    client.logout()
    for i in range(20):
        _login(client, "203.0.113.6", username=f"someone{i}")
    assert _login(client, "203.0.113.6", username="bob", password=PASSWORD).status_code == 429


@pytest.mark.django_db
def test_an_api_token_hammering_the_api_gets_429_with_retry_after(api, settings):
    settings.VIVIER_API_RATE_PER_MINUTE = 3
    assert [api.get("/api/jobs/").status_code for _ in range(3)] == [200, 200, 200]
    refused = api.get("/api/jobs/")
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60


@pytest.mark.django_db
def test_a_script_hammering_the_unsubscribe_page_gets_429_with_retry_after(client, settings):
    settings.VIVIER_PUBLIC_RATE_PER_MINUTE = 5
    answers = [client.get(f"/mail/unsubscribe/bad-token-{i}/").status_code for i in range(5)]
    assert 429 not in answers
    refused = client.get("/mail/unsubscribe/bad-token-x/")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    other = client.get("/mail/unsubscribe/bad-token-y/", REMOTE_ADDR="192.0.2.50")
    assert other.status_code != 429
