"""The first run in a browser, as a new customer lives it: the setup link creates the team and its admin; the
admin invites a recruiter; the invitation is read in the outbox; the recruiter accepts by its link and logs in.
In French and in English."""

import re

import pytest

from vivier.accounts.models import Membership, Team, User
from vivier.accounts.services import setup_token_issue

PASSWORD = "Une-phrase-de-passe-longue"
TEXT = {
    "fr": {
        "create": "Créer l’équipe",
        "invite": "Envoyer l’invitation",
        "join": "Créer mon compte et rejoindre",
    },
    "en": {
        "create": "Create the team",
        "invite": "Send the invitation",
        "join": "Create my account and join",
    },
}


@pytest.fixture
def browse(browser, live_server, settings):
    settings.EMAIL_BACKEND = "vivier.sequences.systemmail.OutboxEmailBackend"  # as without SMTP
    settings.VIVIER_MAIL_TRANSPORT = ""
    contexts = []

    def open_page(language):
        context = browser.new_context(base_url=live_server.url, locale=language, bypass_csp=True)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_setup_link_then_invitation_read_in_the_outbox_then_the_recruiter_logs_in(
    browse, transactional_db, language
):
    words = TEXT[language]
    token = setup_token_issue()
    page = browse(language)

    # Someone without the link gets nothing.
    page.goto("/accounts/setup/guessed-token/")
    assert page.get_by_test_id("link-refused").is_visible()

    page.goto(f"/accounts/setup/{token}/")
    page.fill("input[name=name]", "Alvéa RH")
    page.select_option("select[name=language]", language)
    page.fill("input[name=username]", "nadia")
    page.fill("input[name=email]", "nadia@alvea-rh.fr")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.get_by_role("button", name=words["create"]).click()
    page.wait_for_url("**/accounts/members/")
    assert page.get_by_test_id("member").count() == 1
    assert User.objects.get(username="nadia").memberships.get().role == Membership.Role.ADMIN
    assert Team.objects.get().language == language

    page.fill("input[name=email]", "remi@alvea-rh.fr")
    page.get_by_role("button", name=words["invite"]).click()
    page.wait_for_url("**/accounts/members/")
    assert page.get_by_test_id("invitation").count() == 1

    page.goto("/sequences/outbox/")
    page.get_by_test_id("message-link").first.click()
    body = page.get_by_test_id("message-body").inner_text()
    link = re.search(r"https?://\S+(/accounts/invitation/\S+/)", body).group(1)

    page.context.clear_cookies()
    page.goto(link)
    page.fill("input[name=username]", "remi")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.get_by_role("button", name=words["join"]).click()
    page.wait_for_url(lambda url: "/accounts/invitation/" not in url)
    assert page.get_by_test_id("team-name").inner_text() == "Alvéa RH"

    # The link worked once; the recruiter logs in with the new password.
    page.context.clear_cookies()
    page.goto(link)
    assert page.get_by_test_id("link-refused").is_visible()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "remi")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    assert page.get_by_test_id("team-name").inner_text() == "Alvéa RH"
    assert page.get_by_test_id("nav-team").count() == 0  # a recruiter, not an admin
    assert User.objects.get(username="remi").memberships.get().role == Membership.Role.RECRUITER
