"""Every page speaks its reader's language: the French UI shows no English word, the English UI no French one.

The pages come from the URL configuration (``vivier.tests.pages``), filled by a team that uses every
feature; the words to look for are in ``data/foreign_words.json``. What people typed (names, titles,
messages, templates) is in its author's language and is left out; codes, reasons and labels are not.
"""

import json
from pathlib import Path

import pytest
from django.test import Client

from vivier.pool.timeline import kinds
from vivier.tests.pages import full_team, page_text, page_urls, timeline_pages, user_words, where, words

WORDS = json.loads((Path(__file__).parent / "data" / "foreign_words.json").read_text(encoding="utf-8"))


# Timeline kinds no page of the fixture's team can show yet (nothing in the product writes them there).
MISSING_KINDS: set[str] = set()


def _forbidden(lang: str) -> set[str]:
    other = WORDS["en" if lang == "fr" else "fr"]
    return {w for word in other for w in (word, word.capitalize())}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_page_shows_a_word_of_the_other_language(lang):
    team, users = full_team()
    user = next(u for u in users if u.language == lang)
    client = Client()
    client.force_login(user)
    typed = user_words(team)
    forbidden = _forbidden(lang) - typed
    pages = page_urls(client, team=team)
    assert not [name for name, url in pages if not url], "no object of the fixture opens these pages"
    assert len(pages) >= 25
    history = timeline_pages(team)
    assert set(kinds()) - set(history) <= MISSING_KINDS, "give the fixture an event of each kind"
    pages += [(f"{url} ({kind})", url) for kind, url in history.items()]
    found = {}
    for name, url in pages:
        text = page_text(client.get(url).content.decode(), lang)
        wrong = words(text) & forbidden
        if wrong:
            found[name] = [f"{word} («{where(text, word)}»)" for word in sorted(wrong)]
    assert not found, "\n".join(f"{name}: {' '.join(said)}" for name, said in found.items())


def test_the_word_lists_hold_no_word_of_both_languages():
    assert not set(WORDS["en"]) & set(WORDS["fr"])
    assert all(w == w.lower() for w in WORDS["en"] + WORDS["fr"])


def test_in_the_browser_the_same_history_reads_in_french_then_in_english(
    transactional_db, browser, live_server
):
    from vivier.demo import DEMO_PASSWORD
    from vivier.pool.models import Candidate

    team, users = full_team(candidates=30)
    user = next(u for u in users if u.language == "fr")
    typed = user_words(team)
    candidate = Candidate.objects.filter(team=team, timeline__kind="relabelled").first()
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    urls = [f"/pool/c/{candidate.public_id}/", "/replies/", "/sequences/tasks/"]
    for lang in ("fr", "en"):
        for url in urls:
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == lang
            text = page_text(page.content(), lang)
            wrong = words(text) & (_forbidden(lang) - typed)
            assert not wrong, [where(text, word) for word in sorted(wrong)]
        # The history of the relabelled reply says which labels, in the reader's words.
        page.goto(urls[0])
        relabel = page.get_by_test_id("timeline").get_by_text("→").first.inner_text()
        assert ("Pas intéressé" if lang == "fr" else "Not interested") in relabel
        page.get_by_test_id("switch-language").click()
        page.wait_for_load_state()
    context.close()
