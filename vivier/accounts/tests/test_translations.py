"""The French catalogue is complete, and each page speaks its reader's language (Alice French, Bob English).

scripts/i18n.sh refreshes the catalogue from the code; these tests fail until every new string is translated
and the .mo is compiled again.
"""

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse

from vivier.lib.signing import unsubscribe_token
from vivier.pool.models import Candidate

PO = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def catalogue() -> list[dict]:
    """Entries of the .po file: {"flags", "msgid", "msgid_plural", "msgstr": [..]} (the header left out)."""
    entries = []
    for block in PO.read_text(encoding="utf-8").strip().split("\n\n"):
        entry = {"flags": "", "msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": []}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                value = ast.literal_eval(line)
                if key == "msgstr":
                    entry["msgstr"][-1] += value
                else:
                    entry[key] += value
            else:
                key, _, value = line.partition(" ")
                if key.startswith("msgstr"):
                    key = "msgstr"
                    entry["msgstr"].append(ast.literal_eval(value))
                else:
                    entry[key] = ast.literal_eval(value)
        if entry["msgid"]:
            entries.append(entry)
    return entries


def test_the_french_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = catalogue()
    assert len(entries) > 500
    untranslated = [e["msgid"] for e in entries if not e["msgstr"] or not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == [], "translate these in django.po, then run scripts/i18n.sh"
    assert fuzzy == [], "check these translations and remove their fuzzy flag"


def test_every_translation_keeps_the_placeholders_of_its_source():
    wrong = []
    for e in catalogue():
        wanted = sorted(PLACEHOLDER.findall(e["msgid"] + (e["msgid_plural"] or "")))
        for msgstr in e["msgstr"]:
            got = PLACEHOLDER.findall(msgstr)
            if sorted(set(got)) != sorted(set(wanted)):
                wrong.append((e["msgid"], msgstr))
    assert wrong == []


def test_the_compiled_catalogue_matches_the_po_file():
    # The tests (and a fresh install) read the committed .mo: compile after editing the .po.
    from django.utils.translation import gettext, override, pgettext

    def compiled(e):
        return pgettext(e["msgctxt"], e["msgid"]) if e["msgctxt"] else gettext(e["msgid"])

    with override("fr"):
        stale = [
            e["msgid"] for e in catalogue() if e["msgid_plural"] is None and compiled(e) != e["msgstr"][0]
        ]
    assert stale == [], "django.mo is stale: run scripts/i18n.sh"


PAGES = [
    # (url name, French words, English words)
    (
        "segments:list",
        ["Nouveau segment", "Aucun segment enregistré"],
        ["New segment", "No saved segment yet"],
    ),
    (
        "sequences:list",
        ["Séquences", "Nouvelle séquence", "Importer une séquence (YAML)"],
        ["Sequences", "New sequence", "Import a sequence (YAML)"],
    ),
    ("sequences:campaigns", ["Campagnes", "Lancer une campagne"], ["Campaigns", "Launch a campaign"]),
    ("sequences:outbox", ["Boîte d’envoi", "Toutes les campagnes"], ["Outbox", "All campaigns"]),
    ("sequences:tasks", ["Tâches", "Rien à faire."], ["Tasks", "Nothing to do."]),
    ("jobs:list", ["Postes", "Nouveau poste"], ["Jobs", "New job"]),
    (
        "sequences:launch",
        ["Lancer une campagne", "Rien n’est envoyé avant l’étape 3."],
        ["Launch a campaign", "Nothing is sent before step 3."],
    ),
    ("segments:new", ["Enregistrer le segment", "Langage de requête"], ["Save segment", "Query language"]),
    ("replies:inbox", ["Boîte de réception", "Non rattachés"], ["Inbox", "Unmatched"]),
    ("replies:unmatched", ["Aucun message non rattaché."], ["No unmatched message."]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "french", "english"), PAGES, ids=[p[0] for p in PAGES])
def test_alice_reads_the_pages_in_french_and_bob_in_english(client, alice, bob, name, french, english):
    client.force_login(alice)
    page = client.get(reverse(name)).content.decode()
    assert all(words in page for words in french), [w for w in french if w not in page]
    assert not any(words in page for words in english[1:])
    client.force_login(bob)
    page = client.get(reverse(name)).content.decode()
    assert all(words in page for words in english), [w for w in english if w not in page]
    assert not any(words in page for words in french[1:])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "Ne plus recevoir ces messages ?"), ("en", "Stop receiving these messages?")],
)
def test_the_unsubscribe_page_speaks_the_candidates_language(client, team, language, words):
    candidate = Candidate.objects.create(team=team, first_name="Inès", preferred_language=language)
    # The browser says otherwise: the candidate's own language wins.
    other = "en" if language == "fr" else "fr"
    response = client.get(
        reverse("mail:unsubscribe", args=[unsubscribe_token(str(candidate.public_id), "m1")]),
        HTTP_ACCEPT_LANGUAGE=other,
    )
    assert response.status_code == 200 and words in response.content.decode()
    assert response["Content-Language"] == language


@pytest.mark.django_db
def test_an_unsubscribe_link_that_names_nobody_answers_in_french(client):
    response = client.get(reverse("mail:unsubscribe", args=["not-a-token"]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and "Ce lien n’est pas valide." in response.content.decode()
