"""Headers and limits every page and API call gets: CSP, offline API docs, token language, rate limits."""

import pytest


@pytest.mark.django_db
def test_api_errors_speak_the_token_users_language(client, alice, alice_token):
    alice.language = "en"
    alice.save()
    response = client.post(
        "/api/jobs/",
        {"title": "Data", "url": "javascript:alert(1)"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {alice_token}", "Accept-Language": "fr"},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "A job link must be a web address (http or https)."


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
def test_pages_and_htmx_work_under_the_content_security_policy(page, alice, login):
    from playwright.sync_api import expect

    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    login(alice)
    page.goto("/segments/new/")
    page.get_by_test_id("query").press_sequentially("skill:python")
    expect(page.get_by_test_id("live-count")).to_have_text("0")
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui .info")).to_be_visible()
    assert violations == []
