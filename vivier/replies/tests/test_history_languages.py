"""One history, read by a French and an English recruiter: each reads it in their own language, every kind."""

import re

import pytest
from django.utils import translation

from vivier.lib import clock
from vivier.pool import timeline
from vivier.pool.models import Candidate
from vivier.pool.services import timeline_add
from vivier.sequences.history import task_text
from vivier.sequences.models import Task

pytestmark = pytest.mark.django_db

# What each writer records (the params of every kind and variant); values are French, as a French pool's are,
# so that an English word in the French reading can only come from a sentence.
EVENTS = [
    ("created", {"how": "manual"}),
    ("imported", {"file": "candidats.csv", "source": "Salon Lyon", "row": 4}),
    ("imported", {"source": "Salon Lyon", "job": "Infirmière de bloc", "referrer": "Marie Curie"}),
    ("merged", {"file": "b.csv", "source": "Salon Lyon", "row": 7, "added": {"emails": ["h@exemple.fr"]}}),
    ("merged", {"other": "x", "other_name": "Hélène Dupré", "conflicts": []}),
    ("edited", {"changes": {"current_title": ["Infirmière", "Cadre de santé"]}}),
    ("note", {"note": "x", "body": "Très motivée"}),
    ("conflict", {"field": "current_title", "current": "Infirmière", "incoming": "Cadre de santé", "row": 4}),
    ("conflict", {"field": "current_company", "kept": "CHU Lyon", "other": "Clinique du Parc"}),
    ("consent", {"via": "formulaire"}),
    ("message_out", {"subject": "Poste à Lyon"}),
    ("message_out", {"status": "bounced", "to": "h@exemple.fr", "error": "550 5.1.1"}),
    ("message_out", {"status": "unknown", "subject": "Poste à Lyon"}),
    ("enrollment", {"campaign_name": "Printemps", "state": "active"}),
    ("enrollment", {"campaign_name": "Printemps", "state": "ended", "reason": "stopped by hand"}),
    ("enrollment", {"campaign_name": "Printemps", "state": "bounced", "reason": "bounced: h@exemple.fr"}),
    ("enrollment", {"campaign_name": "Printemps", "state": "replied"}),
    ("enrollment", {"campaign_name": "Printemps", "state": "snoozed"}),
    ("enrollment", {"campaign_name": "Printemps", "state": "completed"}),
    ("enrollment", {"campaign_name": "Printemps", "state": "unsubscribed", "reason": "one-click"}),
    ("task", {"task_kind": "reply", "task_params": {"name": "Hélène", "intent": "interested"}}),
    (
        "task",
        {
            "task_kind": "call",
            "task_params": {"name": "Hélène", "campaign_name": "Printemps", "step": 2},
            "done": True,
        },
    ),
    ("unsubscribed", {"via": "reply"}),
    (
        "snoozed",
        {"until": "2026-06-01T07:00:00+00:00", "reason": "after campaign", "campaign_name": "Printemps"},
    ),
    ("message_in", {"intent": "more_info", "text": "Quel est le salaire ?"}),
    ("message_in", {"intent": "bounce", "text": "Adresse inconnue"}),
    ("message_in", {"intent": "out_of_office", "text": "Absente"}),
    ("relabelled", {"from": "more_info", "to": "not_interested"}),
    ("reply_to_check", {"intent": "unsubscribe", "paused": True}),
    ("reply_to_check", {"intent": "slot_choice", "slot": None, "paused": False}),
    ("reply_checked", {"from": "not_interested", "to": "not_interested", "confirmed": True}),
    ("reply_checked", {"from": "unsubscribe", "to": "later", "confirmed": False, "resumed": True}),
    ("message_written", {"from": "alice@alvea-rh.fr", "subject": "Python Lyon", "message_id": "<a@b>"}),
    ("message_found_sent", {"mailbox": "alice@alvea-rh.fr", "subject": "Python Lyon", "folder": "Sent"}),
]
TASKS = [
    ("linkedin", {"name": "Hélène", "campaign_name": "Printemps", "step": 1}),
    ("call", {"name": "Hélène", "campaign_name": "Printemps", "step": 2}),
    ("reminder", {"name": "Hélène", "reason": "asked to be contacted later"}),
    ("reminder", {"name": "Hélène", "reason": "after campaign", "campaign_name": "Printemps"}),
    ("reply", {"name": "Hélène", "intent": "interested", "campaign_name": "Printemps"}),
    ("reply", {"name": "Hélène", "intent": "more_info"}),
    ("reply", {"name": "Hélène", "intent": "slot_choice"}),
    ("referral", {"name": "Hélène", "campaign_name": "Printemps"}),
]
ENGLISH = re.compile(
    r"\b(added|by hand|imported|from|row|merged|edited|conflicting|kept|profile|consent|recorded|email|sent|"
    r"refused|possibly|enrolled|campaign|stopped|replied|bounced|completed|ended|snoozed|until|after|done|"
    r"reply|received|now|said|yes|asks|information|chose|slot|follow|recommended|relabelled|interested|"
    r"delivery|failure|automatic|unsubscribed|linkedin message|call|step|get back|touch|later|"
    r"application|referred|current title)\b",
    re.IGNORECASE,
)
FRENCH = re.compile(
    r"\b(ajout|importé|depuis|ligne|fusionné|modifié|conservé|consentement|envoyé|inscrit|campagne|"
    r"arrêtée|terminée|veille|jusqu|fait|réponse|reçue|maintenant|dit oui|demande|créneau|recommandée|"
    r"reclassée|intéressé|désinscrit|appeler|étape|reprendre|candidature|coopté)",
    re.IGNORECASE,
)


def test_every_registered_kind_is_in_the_history_read_below():
    assert {kind for kind, _ in EVENTS} == set(timeline.kinds())
    assert {kind for kind, _ in TASKS} == {k for k, _ in Task.Kind.choices} - {"other"}


def test_one_history_reads_in_french_for_alice_and_in_english_for_bob(team, alice, bob, client):
    helene = Candidate.objects.create(team=team, first_name="Hélène", last_name="Dupré")
    at = clock.now()
    for kind, params in EVENTS:
        timeline_add(candidate=helene, kind=kind, params=params, at=at)
    readings = {}
    for user in (alice, bob):
        client.force_login(user)
        page = client.get(f"/pool/c/{helene.public_id}/").content.decode()
        api = client.get(f"/api/pool/candidates/{helene.public_id}/timeline").json()
        readings[user.language] = [e["summary"] for e in api]
        shown = page.replace("&#x27;", "'").replace("&quot;", '"')
        for text, (kind, _) in zip(readings[user.language], EVENTS, strict=True):
            # An edit is shown on the page as its table of changes.
            assert text and (kind == "edited" or text in shown), text
    for fr, en, (kind, _params) in zip(readings["fr"], readings["en"], EVENTS, strict=True):
        assert fr != en or kind == "note", kind  # a note reads as its author wrote it
        assert not ENGLISH.search(fr), (kind, fr)
        assert not FRENCH.search(en), (kind, en)
    assert "Répondre maintenant : Hélène a dit oui" in readings["fr"]
    assert not any("more_info" in t or "not_interested" in t for t in readings["fr"] + readings["en"])
    assert "Reply relabelled: More information → Not interested" in readings["en"]


@pytest.mark.parametrize("kind,params", TASKS)
def test_a_task_title_reads_in_the_readers_language(kind, params):
    with translation.override("fr"):
        fr = task_text(kind, params)
    with translation.override("en"):
        en = task_text(kind, params)
    assert fr and en and fr != en
    assert not ENGLISH.search(fr), fr
    assert not FRENCH.search(en), en
