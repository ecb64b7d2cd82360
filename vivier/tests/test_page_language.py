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
    pages += [(f"pool:detail ({kind})", url) for kind, url in history.items()]
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
