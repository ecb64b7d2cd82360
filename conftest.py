"""Shared fixtures: personas (Alice and Bob in one team, Charlie in another), API client, browser.

Run on PostgreSQL with ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/vivier pytest``; tests marked
``postgres`` are skipped on SQLite.
"""

import os
import shutil
import tempfile

import pytest

os.environ.setdefault("VIVIER_DATA_DIR", tempfile.mkdtemp(prefix="vivier-test-"))
# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run beside one
# unless told that this is a test process where that is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-staple"


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def team(db):
    from vivier.accounts.services import team_create

    return team_create(name="Alvéa RH", slug="alvea")


@pytest.fixture
def other_team(db):
    from vivier.accounts.services import team_create

    return team_create(name="Cabinet Vasco", slug="vasco")


@pytest.fixture
def alice(team):
    from vivier.accounts.models import Membership
    from vivier.accounts.services import user_create

    return user_create(
        username="alice",
        password=PASSWORD,
        team=team,
        role=Membership.Role.ADMIN,
        email="alice@alvea-rh.fr",
        first_name="Alice",
        last_name="Martin",
        language="fr",
    )


@pytest.fixture
def bob(team):
    from vivier.accounts.services import user_create

    return user_create(
        username="bob",
        password=PASSWORD,
        team=team,
        email="bob@alvea-rh.fr",
        first_name="Bob",
        last_name="Durand",
        language="en",
    )


@pytest.fixture
def charlie(other_team):
    from vivier.accounts.services import user_create

    return user_create(
        username="charlie",
        password=PASSWORD,
        team=other_team,
        email="charlie@vasco.fr",
        first_name="Charlie",
        last_name="Petit",
        language="en",
    )


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def alice_token(alice, team):
    from vivier.accounts.services import api_token_create

    _, raw = api_token_create(user=alice, team=team, name="tests")
    return raw


@pytest.fixture
def api(client, alice_token):
    """A Django test client that sends Alice's API token."""

    class Api:
        def __init__(self, raw):
            self.headers = {"Authorization": f"Bearer {raw}"}

        def get(self, path, **kw):
            return client.get(path, headers=self.headers, **kw)

        def post(self, path, data=None, **kw):
            return client.post(path, data=data, content_type="application/json", headers=self.headers, **kw)

        def put(self, path, data=None, **kw):
            return client.put(path, data=data, content_type="application/json", headers=self.headers, **kw)

        def patch(self, path, data=None, **kw):
            return client.patch(path, data=data, content_type="application/json", headers=self.headers, **kw)

        def delete(self, path, **kw):
            return client.delete(path, headers=self.headers, **kw)

    return Api(alice_token)


# --- Browser tests ----------------------------------------------------------------------------

CHROMIUM = os.environ.get("VIVIER_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run the README's test command (it installs it)")
    from playwright.sync_api import expect

    # Assertions wait as long as actions do: on a loaded 2-core machine an htmx round trip can pass 5 s.
    expect.set_options(timeout=10_000)
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    # Tests evaluate strings in the page (wait_for_function), which the Content-Security-Policy forbids;
    # accounts/tests/test_hardening.py checks the pages under the policy in a context of its own.
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Log a persona in through the real login form: ``login(alice)``."""

    def do(user, password=PASSWORD):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login" not in url)
        return page

    return do
