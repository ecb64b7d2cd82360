"""Intents and decline reasons, French and English, on sentences written for these tests."""

from datetime import datetime

import pytest

from vivier.replies.understanding import classify

RECEIVED = datetime.fromisoformat("2026-04-14T09:30:00+02:00")


def understand(text, **kwargs):
    kwargs.setdefault("received_at", RECEIVED)
    return classify(text=text, **kwargs)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("Oui, je suis partant pour en discuter. Appelez-moi jeudi.", "interested"),
        ("Je ne dis pas non, on peut s'appeler demain midi ?", "interested"),
        ("Pourquoi pas ! Je vous laisse mon numéro : 06 12 34 56 78.", "interested"),
        ("Yes, happy to chat. I'm free on Wednesday afternoon.", "interested"),
        ("Why not - send me an invite for next week.", "interested"),
        ("I'm not uninterested. Let's talk.", "interested"),
        ("Quel est le package proposé et combien de jours de télétravail ?", "more_info"),
        ("Pourriez-vous m'envoyer la fiche de poste avant qu'on en parle ?", "more_info"),
        ("Je ne suis pas contre, mais c'est pour quelle entreprise ?", "more_info"),
        ("What's the base salary and is the role hybrid?", "more_info"),
        ("Sounds interesting, but who is the client?", "more_info"),
        ("Non merci, ça ne m'intéresse pas.", "not_interested"),
        ("Je ne suis pas intéressée, bonne continuation.", "not_interested"),
        ("Thanks, but I'm not interested.", "not_interested"),
        ("I'll pass, good luck with the search.", "not_interested"),
        ("Pas pour le moment, mais recontactez-moi dans quelques mois.", "later"),
        ("Pas maintenant ; revenez vers moi à la rentrée.", "later"),
        ("Not right now, but feel free to reach out again next year.", "later"),
        ("Merci de me retirer de votre fichier et de supprimer mes données.", "unsubscribe"),
        ("Ne me contactez plus.", "unsubscribe"),
        ("Please take me off your mailing list.", "unsubscribe"),
        ("Under GDPR I ask you to erase all the personal data you hold about me.", "unsubscribe"),
        (
            "Pas pour moi, mais ma collègue Inès cherche justement ce poste, je lui transfère votre mail.",
            "referral",
        ),
        ("Not for me, but my friend Leo would be a great fit - his email is leo@example.org.", "referral"),
        ("Merci.", "other"),
        ("Thanks for your note.", "other"),
        ("Vous vous êtes trompé de personne, je suis boulanger.", "other"),
        ("Peter left the company last year, sorry.", "other"),
    ],
)
def test_it_reads_the_intent_of_a_reply(text, intent):
    assert understand(text).intent == intent


def test_it_tells_an_out_of_office_from_a_person_on_holiday():
    auto = understand(
        "Je suis absente jusqu'au 20 avril inclus, sans accès à mes e-mails.",
        subject="Réponse automatique : Poste de comptable",
    )
    assert auto.intent == "out_of_office"
    person = understand(
        "Je suis en vacances, mais le poste m'intéresse : recontactez-moi en mai svp.",
        subject="Re: Poste de comptable",
    )
    assert person.intent == "later"


def test_it_reads_an_english_out_of_office():
    u = understand(
        "I am out of the office until 24 April with no access to email. For urgent matters contact hr@acme.io.",
        subject="Automatic reply: Opportunity",
    )
    assert (u.intent, u.lang) == ("out_of_office", "en")


def test_an_unsubscribe_wins_over_a_decline_in_the_same_reply():
    assert understand("Not interested, and stop emailing me please.").intent == "unsubscribe"
    assert understand("Non merci, et ne m'écrivez plus jamais.").intent == "unsubscribe"


@pytest.mark.parametrize(
    "text, negated, plain",
    [
        ("Je ne suis pas intéressé.", "not_interested", None),
        ("Je suis intéressé.", None, "interested"),
        ("I'm not interested.", "not_interested", None),
        ("I'm interested.", None, "interested"),
    ],
)
def test_negation_flips_the_meaning(text, negated, plain):
    assert understand(text).intent == (negated or plain)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Le salaire proposé est bien en dessous de ce que je touche actuellement, je décline.", "salary"),
        ("The pay is well below my current salary, so no.", "salary"),
        ("C'est trop loin de chez moi, 1h30 de trajet par jour, non merci.", "location"),
        ("I'm not willing to relocate, thanks anyway.", "location"),
        (
            "J'ai un préavis de trois mois, ça ne collera pas avec la date de démarrage. Je passe mon tour.",
            "timing",
        ),
        ("I just started a new job last month, so I'll pass.", "timing"),
        ("Je ne veux plus faire de management, je reste sur un poste d'expert technique. Non merci.", "role"),
        ("It's a junior position and I have twelve years of experience, not a fit.", "role"),
        ("Je ne travaille pas dans l'industrie du tabac, par principe. Non merci.", "company"),
        ("Not interested in the gambling sector, sorry.", "company"),
        ("Je cherche uniquement un CDI, pas de mission en freelance. Non merci.", "contract"),
        ("I only do contract work, not looking for a permanent role.", "contract"),
        ("Sans télétravail, c'est non pour moi.", "remote"),
        ("Four days in the office is a dealbreaker for me.", "remote"),
        ("Je suis très bien dans mon poste actuel, pas en recherche. Merci.", "happy"),
        ("I'm very happy where I am and not looking. Thanks.", "happy"),
        ("Je pars à la retraite en juin, donc non merci.", "other"),
        ("I'm starting my own company, so I'll pass on salaried roles.", "other"),
        ("Non merci.", None),
        ("No thanks.", None),
    ],
)
def test_it_gives_the_reason_of_a_decline(text, reason):
    u = understand(text)
    assert u.intent == "not_interested"
    assert u.reason == reason


def test_reason_date_and_slot_are_null_outside_their_intents():
    u = understand("Yes, I'm interested, call me tomorrow.", offered_slots=None)
    assert (u.reason, u.recontact_after, u.chosen_slot) == (None, None, None)
    u = understand("Pas pour le moment, recontactez-moi dans 3 mois.")
    assert u.reason is None and u.chosen_slot is None


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Bonjour, oui ça m'intéresse, merci.", "fr"),
        ("Hi, yes I am interested, thanks.", "en"),
        ("Non merci", "fr"),
        ("No thanks", "en"),
    ],
)
def test_it_detects_the_language(text, lang):
    assert understand(text).lang == lang


def test_it_ignores_the_quoted_recruiter_message():
    text = (
        "Non merci.\n\nLe lun. 13 avr. 2026 à 10:00, Julie <julie@acme.fr> a écrit :\n"
        "> Seriez-vous intéressée ? Quel est votre salaire actuel ?\n> Julie"
    )
    u = understand(text)
    assert u.intent == "not_interested"
    assert u.reason is None


def test_it_is_deterministic():
    text = "Bonjour, pourquoi pas, mais quel est le salaire ? Et c'est en remote ?"
    results = {understand(text) for _ in range(5)}
    assert len(results) == 1


def test_confidence_is_a_probability():
    u = understand("Oui !")
    assert 0.0 < u.confidence <= 1.0


def test_it_copes_with_empty_and_huge_replies():
    assert understand("").intent == "other"
    assert understand(None).intent == "other"
    huge = "Oui, ça m'intéresse.\n" + ("bla " * 200_000)
    assert understand(huge).intent == "interested"


def test_a_reply_without_received_date_is_read_against_the_clock():
    from vivier.lib.clock import frozen_at

    with frozen_at(datetime.fromisoformat("2026-06-15T10:00:00+00:00")):
        u = classify(text="Pas pour le moment, recontactez-moi dans 2 mois.")
    assert u.recontact_after.isoformat() == "2026-08-15"


def test_a_person_saying_they_are_away_is_not_an_automatic_reply():
    u = understand(
        "Je suis en congés jusqu'au 12 mai, je regarde votre proposition à mon retour, elle m'intéresse.",
        subject="Re: Poste de comptable",
    )
    assert u.intent == "later"
    assert u.recontact_after.isoformat() == "2026-05-13"


def test_a_delivery_failure_is_not_an_out_of_office():
    u = understand(
        "Delivery has failed to these recipients: jean@example.fr. The recipient's mailbox is full.",
        subject="Undeliverable: Poste de comptable",
    )
    assert u.intent == "other"


def test_an_answer_written_in_the_subject_line_counts():
    assert understand("", subject="Re: STOP").intent == "unsubscribe"


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Je ne souhaite pas quitter Lyon.", "location"),
        ("I've only been here three months, so I'll pass.", "timing"),
        ("I'm retiring next year, so no.", "other"),
    ],
)
def test_decline_reasons_named_by_a_city_a_tenure_or_a_retirement(text, reason):
    u = classify(text=text, received_at="2026-03-10T10:00:00+01:00")
    assert (u.intent, u.reason) == ("not_interested", reason)
