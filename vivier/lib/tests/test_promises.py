import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from vivier.lib import promises
from vivier.lib.tests.promise_cases import WRITTEN_AT, load, score

PARIS = ZoneInfo("Europe/Paris")


def find(text):
    return promises.find(text, written_at=WRITTEN_AT, tz="Europe/Paris")


@pytest.mark.parametrize(
    "text, due",
    [
        ("Je reviens vers vous demain à 16h.", dt.datetime(2026, 12, 8, 16, 0, tzinfo=PARIS)),
        ("Je vous envoie la fiche de poste d'ici vendredi.", dt.datetime(2026, 12, 11, 18, 0, tzinfo=PARIS)),
        ("I'll call you Thursday morning.", dt.datetime(2026, 12, 10, 12, 0, tzinfo=PARIS)),
        ("I'll call you back at 2:30pm.", dt.datetime(2026, 12, 7, 14, 30, tzinfo=PARIS)),
        ("Je m'engage à vous répondre sous 48h.", dt.datetime(2026, 12, 9, 10, 0, tzinfo=PARIS)),
    ],
)
def test_a_dated_first_person_promise_is_read_with_its_due_time(text, due):
    (promise,) = find(text)
    assert promise.due == due and promise.text == text


@pytest.mark.parametrize(
    "text",
    [
        "Pouvez-vous me rappeler demain à 16h ?",
        "Le manager vous appellera jeudi.",
        "Je vous ai envoyé la fiche de poste hier.",
        "Je pourrais peut-être vous appeler jeudi.",
        "Je ne pourrai pas vous appeler demain.",
        "Je reviens vers vous rapidement.",
        "If the client agrees, I'll call you tomorrow.",
        "I'll keep you posted.",
    ],
)
def test_questions_third_persons_past_conditional_negated_and_undated_sentences_are_not_promises(text):
    assert find(text) == []


def test_only_the_promise_sentences_of_a_message_are_returned():
    text = "Merci pour votre retour !\nJe vous envoie le contrat ce soir. Le manager vous appellera jeudi."
    assert [p.text for p in find(text)] == ["Je vous envoie le contrat ce soir."]


def test_a_time_already_past_when_written_is_not_a_promise():
    late = dt.datetime(2026, 12, 7, 17, 0, tzinfo=PARIS)
    assert promises.find("Je vous rappelle à 14h30.", written_at=late, tz="Europe/Paris") == []


def test_the_dev_block_of_the_labelled_sentences():
    right, tp, fp, labelled = score([c for c in load() if c.block == "dev"], find)
    assert fp == 0 and tp / labelled >= 0.9 and right == tp


def test_the_held_out_block_keeps_its_measured_precision_and_recall():
    cases = [c for c in load() if c.block == "heldout"]
    assert len(load()) >= 150
    right, tp, fp, labelled = score(cases, find)
    assert tp / (tp + fp) >= 0.95
    assert tp / labelled >= 0.80
    assert right / tp >= 0.90
