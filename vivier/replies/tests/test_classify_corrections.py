"""Recruiters' corrections become training data that changes later predictions."""

from datetime import datetime

from vivier.replies.understanding import Classifier, classifier_with_corrections, classify, load_examples

RECEIVED = datetime.fromisoformat("2026-05-04T10:00:00+02:00")
# A reply no rule names: the default classifier cannot know it means "later".
AMBIGUOUS = "Affaire à suivre."
SIMILAR = "affaire à suivre !"


def test_a_correction_changes_the_prediction_on_a_similar_reply():
    before = classify(text=SIMILAR, received_at=RECEIVED)
    assert before.intent != "later"
    clf = classifier_with_corrections([{"text": AMBIGUOUS, "intent": "later"}])
    after = clf.classify(text=SIMILAR, received_at=RECEIVED)
    assert after.intent == "later"


def test_corrections_teach_the_model_new_words():
    corrections = [
        {"text": "Ciao, j'suis ok chaud patate", "intent": "interested"},
        {"text": "chaud patate pour un call", "intent": "interested"},
        {"text": "grave chaud patate", "intent": "interested"},
    ]
    clf = classifier_with_corrections(corrections)
    proba = clf.intent_model.predict_proba(["chaud", "patate"])
    base = Classifier().intent_model.predict_proba(["chaud", "patate"])
    assert proba["interested"] > base["interested"]


def test_a_corrected_decline_reason_is_learnt():
    text = "Le poste est en open space, je ne supporte plus ça, non merci."
    clf = classifier_with_corrections([{"text": text, "intent": "not_interested", "reason": "other"}])
    u = clf.classify(text=text, received_at=RECEIVED)
    assert (u.intent, u.reason) == ("not_interested", "other")


def test_malformed_corrections_are_ignored_not_fatal():
    clf = classifier_with_corrections(
        [{"text": "", "intent": "interested"}, {"text": "x", "intent": "maybe"}, {}]
    )
    assert clf.classify(text="Oui !", received_at=RECEIVED).intent == "interested"


def test_the_bundled_training_corpus_covers_every_intent_and_reason():
    rows = load_examples()
    assert len(rows) >= 300
    assert {r["intent"] for r in rows} >= {
        "interested",
        "more_info",
        "not_interested",
        "later",
        "out_of_office",
        "unsubscribe",
        "referral",
        "other",
    }
    reasons = {r["reason"] for r in rows if r["intent"] == "not_interested"}
    assert reasons >= {
        "salary",
        "location",
        "timing",
        "role",
        "company",
        "contract",
        "remote",
        "happy",
        "other",
        None,
    }
    assert {r["lang"] for r in rows} == {"fr", "en"}


def test_corrections_shift_the_model_on_differently_worded_replies():
    # Several recruiters label the same regional idiom; a new reply using it (not a near-duplicate) follows.
    idiom = [
        {"text": "Banco, on se cale un créneau ?", "intent": "interested"},
        {"text": "Franchement banco, rappelez-moi.", "intent": "interested"},
        {"text": "Banco, je suis partant.", "intent": "interested"},
    ]
    reply = "Bon, banco alors."
    assert classify(text=reply, received_at=RECEIVED).intent != "interested"
    clf = classifier_with_corrections(idiom)
    assert clf.near_correction(reply.lower()) is None  # not memorized: learnt
    before = Classifier().intent_model.predict_proba(["banco"])["interested"]
    after = clf.intent_model.predict_proba(["banco"])["interested"]
    assert after > before
    assert clf.classify(text=reply, received_at=RECEIVED).intent == "interested"


def test_train_is_the_same_as_classifier_with_corrections():
    from vivier.replies.understanding import train

    clf = train([{"text": AMBIGUOUS, "intent": "later"}])
    assert clf.classify(text=SIMILAR, received_at=RECEIVED).intent == "later"


def test_the_shipped_training_corpus_is_what_scripts_build_train_writes():
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[3] / "scripts" / "build_train.py"
    spec = importlib.util.spec_from_file_location("build_train", script)
    build_train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_train)
    assert build_train.TRAIN.read_text(encoding="utf-8") == build_train.render()
