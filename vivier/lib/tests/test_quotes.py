"""What a recruiter reads of a reply: the person's words, without the quoted thread, the attribution, the header
block or the signature, whatever the language of the mail client; never nothing when the person wrote something."""

import pytest

from vivier.lib.mailparse import visible_text

ANSWER = "Ja, gerne. Passt mir am Donnerstag."
QUOTE = "\n\n> Hallo, die Stelle ist wieder offen.\n> Anna"


@pytest.mark.parametrize(
    "attribution",
    [
        "Am Mi., 3. Jan. 2024 um 10:12 Uhr schrieb Anna Andersson <anna@example.de>:",
        "Am Mo., 15. Jan. 2025, 17:03 schrieb Anna Andersson <\nanna.andersson@example.com>:",
        "Op wo 3 jan 2024 om 10:12 schreef Anna <anna@example.nl>:",
        "Op 17-feb.-2015, om 13:18 heeft Julius Caesar <pantheon@rome.com> het volgende geschreven:",
        "W dniu 28 stycznia 2015 01:53 użytkownik Zoe <zoe@example.pl>\nnapisał:",
        "śr., 3 sty 2024 o 10:12 Anna <anna@example.pl> napisała:",
        "Em qua., 3 de jan. de 2024 às 10:12, Ana <ana@example.pt> escreveu:",
        "Em 10 de julho de 2017 às 16:32:35, John Doe - Stripe (\ncontact@stripe.com) escreveu:",
        "ср, 30 апр. 2025 г. в 15:19, John Doe <doe@example.com>:",
        '02.04.2012 14:20 пользователь "bob@example.com" <\nbob@example.com> написал:',
        "ср, 3 січ. 2024 р. о 10:12 Анна <anna@example.ua> пише:",
        "ons. 3. jan. 2024 kl. 10:12 skrev Anna <anna@example.no>:",
        "På 14 september 2015 på 02:23:18, Valentino Rudy (valentino@rudy.be) skrev:",
        "Den 24. nov. 2025 kl. 10.00 skrev Peter Petersen <peter@example.com>:",
        "El mié, 3 ene 2024 a las 10:12, Ana (<ana@example.es>) escribió:",
        "Il giorno mer 3 gen 2024 alle ore 10:12 Anna <anna@example.it> ha scritto:",
        "pe 20. lokakuuta 2017 klo 17.50 John Coe\n<john@example.fi> kirjoitti:",
        "Dne po 15. led. 2025 17:03 Anna Anderssonová <anna@example.cz>\nnapsal(a):",
        "---- On Mon, Nov 3, 2025 Alice wrote ----",
        "------On 12/29/1987 17:32 PM, Julius Caesar wrote-----",
        "2013/7/20 sam via Example <sam@example.com>",
        "Some One <someone@example.com> wrote:",
        "2016-03-03 17:21 GMT+01:00 Some One <someone@example.com>:",
        "2014-10-17 11:28 GMT+03:00 Postmaster <\npostmaster@example.org>:",
        "On Tue, Apr 11, 2017 at 10:07 PM John Smith\n\n<\nmailto:John Smith <johnsmith@example.com>\n> wrote:",
        "On 11-Apr-2011, at 6:54 PM, Roman Tkachenko <romant@example.com> sent:",
    ],
)
def test_an_attribution_line_in_any_client_language_ends_the_reply(attribution):
    assert visible_text(f"{ANSWER}\n\n{attribution}{QUOTE}") == ANSWER


@pytest.mark.parametrize(
    "block",
    [
        "Von: Anna <anna@example.de>\nGesendet: Mittwoch, 3. Januar 2024 10:12\nAn: Bob\nBetreff: Stelle",
        "De : Anna <anna@example.fr>\nEnvoyé : mercredi 3 janvier 2024 10:12\nÀ : Bob\nObjet : Poste",
        "Da: Anna <anna@example.it>\nData: mercoledì 3 gennaio 2024 10:12\nA: Bob\nOggetto: Posizione",
        "Da: Anna <anna@example.it>\nInviato: mercoledì 3 gennaio 2024 10:12\nA: Bob\nOggetto: Posizione",
        "Från: Anno Sportel [mailto:anno@example.se]\nSkickat: den 26 augusti 2015 14:45\nTill: Leif\nÄmne: RE: v36",
        "Fra: somebody@example.dk\nSendt: 19. marts 2011 12:10\nTil: Somebody\nEmne: Loop",
        "Od: Jan <jan@example.pl>\nWysłano: środa, 1 marca 2023 12:00\nDo: Anna\nTemat: Re: Test",
        "-----Oprindelig meddelelse-----\nFra: somebody@example.dk",
        "-----Ursprüngliche Nachricht-----\nVon: Anna",
        "*-------- Original Message --------*\nSubject: Re: job",
        "Date: Wed, 16 May 2012 00:15:02 -0600\nTo: bob@example.com",
    ],
)
def test_an_outlook_header_block_or_separator_in_any_language_ends_the_reply(block):
    assert visible_text(f"{ANSWER}\n\n{block}\n\nHallo Bob, die Stelle ist offen.") == ANSWER


def test_an_answer_written_below_an_attribution_at_the_top_is_kept():
    text = "On 04/19/2011 07:10 AM, Roman Tkachenko wrote:\n\n>\n> Test\nYes, call me on Thursday."
    assert visible_text(text) == "Yes, call me on Thursday."


def test_an_answer_written_below_a_header_block_at_the_top_is_kept():
    text = (
        "Od: Jan <jan@example.pl>\nWysłano: środa, 1 marca 2023 12:00\nDo: Anna\nTemat: Re: Test\n\n"
        "Cześć Anno,\n\nChętnie porozmawiam.\n\nPozdrawiam,\nJan\n\n"
        "Dnia 28 lutego 2023 14:00 Anna <anna@example.pl> napisał(a):\n> Cześć Janie,"
    )
    assert visible_text(text) == "Cześć Anno,\n\nChętnie porozmawiam."


def test_an_answer_on_the_same_line_as_the_attribution_is_kept():
    text = "sounds good--- On Wed, Apr 4, 2012 at 3:59 PM, me@example.com wrote:\n> Hi"
    assert visible_text(text) == "sounds good"


def test_a_forward_with_nothing_written_above_keeps_the_forwarded_text():
    text = (
        "---------- Forwarded message ----------\nFrom: Bob <bob@example.com>\n\nI am interested in the role."
    )
    assert "I am interested in the role." in visible_text(text)


@pytest.mark.parametrize(
    "sign_off",
    [
        "Viele Grüße\nB",
        "Groet\nB",
        "/B",
        "S pozdravem,\nB",
        "Med venlig hilsen\nAnders",
        "Pozdrawiam,\nJan",
        "Saludos,\nAna",
    ],
)
def test_a_sign_off_in_any_language_goes_with_the_name_under_it(sign_off):
    assert visible_text(f"{ANSWER}\n\n{sign_off}") == ANSWER


def test_a_gmail_tracking_mark_before_the_signature_dashes_goes():
    assert visible_text(f"{ANSWER}\n\u1427\n--\nBob Martin\nData Engineer") == ANSWER


def test_the_writers_own_sentences_starting_like_an_attribution_stay():
    text = (
        "Le poste me plaît mais à 38 K€ ce n'est pas envisageable.\n\nFlorian\n\n"
        "Le mer. 18 mars 2026 à 14:22, Maxime <maxime@example.fr> a écrit :\n> Bonjour Florian,"
    )
    assert visible_text(text) == "Le poste me plaît mais à 38 K€ ce n'est pas envisageable.\n\nFlorian"
    assert visible_text(
        "le 1er 👍\n\nLe lun. 6 avr. 2026 à 19:02, Maxime <m@example.fr> a écrit :\n> Salut"
    ) == ("le 1er 👍")
    assert visible_text("Blah-blah-blah\nOn blah-blah-blah") == "Blah-blah-blah\nOn blah-blah-blah"
