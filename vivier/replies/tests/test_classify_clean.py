"""What the person wrote, without the quoted thread and the signature."""

from vivier.replies.understanding.clean import visible_text


def test_it_cuts_a_gmail_french_quote():
    text = "Oui volontiers.\n\nLe mar. 10 mars 2026 à 09:02, Julie Martin <julie@acme.fr> a écrit :\n> Bonjour,\n> Intéressé ?"
    assert visible_text(text) == "Oui volontiers."


def test_it_cuts_a_wrapped_gmail_header():
    text = "Sure.\n\nOn Tue, Mar 10, 2026 at 9:02 AM Julie Martin <\njulie@acme.fr> wrote:\n> Interested?"
    assert visible_text(text) == "Sure."


def test_it_cuts_an_outlook_block_in_french_and_english():
    fr = "Non merci.\n\nDe : Julie <j@acme.fr>\nEnvoyé : mardi 10 mars 2026 09:02\nÀ : Paul\nObjet : Poste\n\nBonjour"
    en = "No thanks.\n\nFrom: Julie <j@acme.fr>\nSent: Tuesday, March 10, 2026 9:02 AM\nTo: Paul\nSubject: Role\n\nHi"
    assert visible_text(fr) == "Non merci."
    assert visible_text(en) == "No thanks."


def test_it_cuts_original_message_markers_and_mobile_footers():
    assert visible_text("Ok pour moi\n-----Message d'origine-----\nDe : x") == "Ok pour moi"
    assert visible_text("Oui\n\nEnvoyé de mon iPhone\n\n> Intéressé ?") == "Oui"
    assert visible_text("Yes\n\nSent from my iPhone") == "Yes"


def test_it_drops_quoted_lines_greeting_and_signature():
    text = (
        "Bonjour Julie,\n\nJe suis intéressé.\n\nCordialement,\nPaul Durand\n06 12 34 56 78\n> vieux message"
    )
    assert visible_text(text) == "Je suis intéressé."


def test_it_keeps_a_one_word_reply():
    assert visible_text("Merci") == "Merci"
    assert visible_text("?") == "?"


def test_it_drops_a_signature_block_without_sign_off_and_a_legal_footer():
    text = (
        "Non merci.\nJean Dupont\nResponsable Commercial | ACME\nTél : 01 23 45 67 89\n\n"
        "Ce message et ses pièces jointes sont confidentiels."
    )
    assert visible_text(text) == "Non merci."
    assert (
        visible_text("Yes interested\nJohn Smith\nSenior Data Engineer\nwww.acme.com\n+44 7700 900123")
        == "Yes interested"
    )


def test_a_short_answer_on_its_own_line_is_not_taken_for_a_name():
    assert visible_text("Je suis dispo\nJeudi") == "Je suis dispo\nJeudi"
    assert visible_text("Merci\nOption B") == "Merci\nOption B"
