"""Parsing mail as real clients write it: kind, sender, threading ids, visible text, return date, bounce."""

import json
from datetime import date

import pytest

from vivier.lib.mailparse import MailParseError, parse_message, visible_text

from .conftest import FIXTURES

EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
PARSABLE = sorted(name for name, exp in EXPECTED.items() if "error" not in exp)


@pytest.mark.parametrize("name", PARSABLE)
def test_it_reads_each_client_fixture_as_expected(name, eml):
    result = parse_message(eml(name)).as_json(name)
    for key, value in EXPECTED[name].items():
        assert result[key] == value, f"{name}: {key}"


def test_every_fixture_names_its_expected_result():
    files = {p.name for p in FIXTURES.glob("*.eml")}
    assert files == set(EXPECTED)
    assert len(files) >= 20


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"   \r\n",
        b"PK\x03\x04\x14\x00\x06\x00 zip bytes",
        b"just some words, no headers at all\nsecond line\n",
        b"Subject: only a subject\n\nand a body\n",
    ],
)
def test_it_refuses_bytes_that_are_not_mail(raw):
    with pytest.raises(MailParseError):
        parse_message(raw)


def test_the_garbage_fixture_is_refused(eml):
    with pytest.raises(MailParseError):
        parse_message(eml("garbage.eml"))


def mail(headers: str, body: str, charset: str = "utf-8") -> bytes:
    base = (
        "From: Jean Dupont <jean@exemple.fr>\nTo: alice@alvea-rh.fr\nDate: Mon, 3 Nov 2025 10:00:00 +0100\n"
    )
    text = base + headers.strip("\n") + ("\n" if headers.strip() else "") + "\n" + body
    return text.replace("\n", "\r\n").encode(charset)


def test_a_message_without_message_id_parses_with_no_id(eml):
    parsed = parse_message(eml("no_message_id.eml"))
    assert parsed.message_id is None
    assert parsed.kind == "reply"


def test_auto_submitted_no_is_a_person():
    parsed = parse_message(mail("Subject: Re: poste\nAuto-Submitted: no\n", "Oui, appelez-moi demain.\n"))
    assert parsed.kind == "reply"


@pytest.mark.parametrize(
    "header",
    [
        "Auto-Submitted: auto-replied",
        "X-Autoreply: yes",
        "X-Autorespond: Vacation",
        "Precedence: auto_reply",
        "Precedence: bulk",
        "Precedence: junk",
        "X-Auto-Response-Suppress: All",
    ],
)
def test_automatic_reply_headers_make_an_auto_reply(header):
    parsed = parse_message(mail(f"Subject: Re: poste\n{header}\n", "Merci pour votre message.\n"))
    assert parsed.kind == "auto_reply"


def test_out_of_office_wording_alone_makes_an_auto_reply_with_its_return_date():
    body = (
        "Bonjour,\n\nJe suis absent(e) du 20 décembre au 4 janvier inclus, sans accès à ma messagerie.\n"
        "En cas d'urgence, contactez le standard.\n\nCordialement,\nJean\n"
    )
    parsed = parse_message(mail("Subject: Absence\n", body).replace(b"3 Nov 2025", b"19 Dec 2025"))
    assert parsed.kind == "auto_reply"
    assert parsed.return_date == date(2026, 1, 5)


def test_english_out_of_office_until_a_weekday_and_date():
    body = "I am out of the office until Monday 16 March with limited access to email.\n"
    raw = mail("Subject: Out of Office: Data engineer\nAuto-Submitted: auto-replied\n", body)
    parsed = parse_message(raw.replace(b"3 Nov 2025", b"10 Mar 2026"))
    assert parsed.kind == "auto_reply"
    assert parsed.return_date == date(2026, 3, 17)


def test_a_person_mentioning_holidays_in_a_quoted_reply_stays_a_reply():
    body = (
        "Je suis en congés en ce moment, recontactez-moi le 12 janvier svp.\n\n"
        "Le lun. 3 nov. 2025 à 10:12, Alice <alice@alvea-rh.fr> a écrit :\n> Bonjour Jean,\n> Un poste...\n"
    )
    parsed = parse_message(mail("Subject: Re: poste\n", body))
    assert parsed.kind == "reply"
    assert parsed.visible_text == "Je suis en congés en ce moment, recontactez-moi le 12 janvier svp."


def test_a_dsn_with_auto_submitted_is_a_bounce_not_an_out_of_office(eml):
    parsed = parse_message(eml("postfix_dsn.eml"))
    assert parsed.kind == "bounce"
    assert parsed.return_date is None


def test_a_delayed_delivery_is_a_temporary_bounce():
    raw = b"""From: MAILER-DAEMON@mx.alvea-rh.fr (Mail Delivery System)
To: alice@alvea-rh.fr
Subject: Delayed Mail (still being retried)
Date: Mon, 3 Nov 2025 10:00:00 +0100
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

This is the mail system. Your message could not be delivered for 4 hours. It will be retried until it is 5 days old.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.alvea-rh.fr

Final-Recipient: rfc822; lent@exemple.fr
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.exemple.fr[192.0.2.1]:25: Connection timed out

--B--
""".replace(b"\n", b"\r\n")
    parsed = parse_message(raw)
    assert parsed.kind == "bounce"
    assert parsed.bounce.as_dict() == {"recipient": "lent@exemple.fr", "status": "4.4.1", "permanent": False}


def test_utf8_bytes_declared_as_latin1_are_read_as_utf8():
    raw = mail(
        "Subject: Re: poste\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n",
        "Très intéressé, à bientôt.\n",
    )
    assert parse_message(raw).visible_text == "Très intéressé, à bientôt."


def test_an_unknown_charset_falls_back_to_detection():
    raw = mail(
        "Subject: Re: poste\nContent-Type: text/plain; charset=x-unknown-charset\nContent-Transfer-Encoding: 8bit\n",
        "Bonjour, je suis très intéressée par ce poste d'ingénieure qualité à Besançon, "
        "pouvez-vous m'en dire plus sur l'équipe et la rémunération ?\n",
        charset="cp1252",
    )
    assert "très intéressée" in parse_message(raw).visible_text


def test_raw_8bit_latin1_headers_are_decoded():
    raw = mail("Subject: Re: Poste de chargée RH\n", "Oui.\n", charset="latin-1")
    assert parse_message(raw).subject == "Re: Poste de chargée RH"


def test_html_only_outlook_web_drops_everything_after_the_reply_marker():
    html = (
        '<div>Bonjour,</div><div>Je suis partante pour un échange.</div><div id="appendonsend"></div>'
        '<hr><div id="divRplyFwdMsg"><b>De :</b> Alice</div><div>Le message d\'origine</div>'
    )
    raw = mail("Subject: RE: poste\nContent-Type: text/html; charset=utf-8\n", html)
    assert parse_message(raw).visible_text == "Bonjour,\nJe suis partante pour un échange."


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Oui !\n\nOn Mon, Nov 3, 2025 at 10:12 AM Alice Martin <\nalice@alvea-rh.fr> wrote:\n\n> Hi\n",
            "Oui !",
        ),
        (
            "Yes please.\n\nSent from my iPhone\n\n> On 3 Nov 2025, at 10:12, Alice wrote:\n> Hi\n",
            "Yes please.",
        ),
        ("Avec plaisir.\n\n-- \nJean Dupont\n06 00 00 00 00\n", "Avec plaisir."),
        ("Merci, je regarde.\n\nCordialement,\nJean Dupont\nIngénieur\n", "Merci, je regarde."),
        (
            "Bonjour,\n\n> Seriez-vous disponible mardi ?\nOui, mardi me va.\n> Et jeudi ?\nJeudi non.\n",
            "Bonjour,\n\nOui, mardi me va.\nJeudi non.",
        ),
        ("Oui\n\n-----Original Message-----\nFrom: Alice\nSent: Monday\nTo: Jean\nSubject: poste\n", "Oui"),
        (
            "Non merci.\n\n*From:* Alice Martin <alice@alvea-rh.fr>\n*Sent:* Monday, November 3, 2025\n*To:* Jean\n",
            "Non merci.",
        ),
        ("Ok\n\nDe : Alice Martin\nDate : lundi 3 novembre 2025 à 10:12\nÀ : Jean\nObjet : poste\n", "Ok"),
        ("Cordialement,\nJean", "Cordialement,\nJean"),
    ],
)
def test_visible_text_keeps_only_what_the_person_wrote(text, expected):
    assert visible_text(text) == expected


def test_a_read_receipt_is_automatic_not_a_reply():
    raw = b"""From: Jean Dupont <jean@exemple.fr>
To: alice@alvea-rh.fr
Subject: Lu : Poste de technicien
Date: Mon, 3 Nov 2025 10:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification; boundary="R"

--R
Content-Type: text/plain; charset=utf-8

Votre message a \xc3\xa9t\xc3\xa9 lu le lundi 3 novembre 2025 10:00.

--R
Content-Type: message/disposition-notification

Final-Recipient: rfc822;jean@exemple.fr
Disposition: automatic-action/MDN-sent-automatically; displayed

--R--
""".replace(b"\n", b"\r\n")
    parsed = parse_message(raw)
    assert parsed.kind == "auto_reply"
    assert parsed.bounce is None


def test_an_out_of_office_without_date_header_resolves_against_the_clock():
    import time_machine

    raw = b"From: a@exemple.fr\r\nTo: alice@alvea-rh.fr\r\nSubject: Absence\r\nAuto-Submitted: auto-replied\r\n\r\nDe retour le 12 janvier.\r\n"
    with time_machine.travel("2025-12-20 10:00:00+00:00", tick=False):
        parsed = parse_message(raw)
    assert parsed.date is None
    assert parsed.return_date == date(2026, 1, 12)


def test_a_legal_footer_and_a_forward_marker_end_the_visible_text():
    assert (
        visible_text("Oui, appelez-moi.\n\nCe message et ses pièces jointes sont confidentiels.")
        == "Oui, appelez-moi."
    )
    assert visible_text("FYI\n\nBegin forwarded message:\n\nFrom: Alice") == "FYI"
    assert visible_text("Voir ci-dessous\n\nDébut du message réexpédié :\n\nDe : Alice") == "Voir ci-dessous"


def test_the_strict_reading_also_drops_the_greeting_and_a_bare_signature():
    text = "Bonjour Julie,\n\nJe suis intéressé.\nPaul Durand\n06 12 34 56 78"
    assert visible_text(text) == "Bonjour Julie,\n\nJe suis intéressé.\nPaul Durand\n06 12 34 56 78"
    assert visible_text(text, strict=True) == "Je suis intéressé."


def test_control_characters_never_reach_the_stored_text():
    from vivier.lib.mailparse import parse_message

    raw = (
        b"From: =?utf-8?q?H=C3=A9l=00=C3=A8ne?= <helene@exemple.fr>\r\nTo: alice@alvea-rh.fr\r\n"
        b"Subject: Re: poste\x01 data\r\nMessage-ID: <x1@exemple.fr>\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"Oui=00, =1Bmerci.\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.from_name == "Hélène"
    assert parsed.subject == "Re: poste data"
    assert parsed.visible_text == "Oui, merci."


def test_a_multipart_without_its_boundary_keeps_its_visible_text():
    from vivier.lib.mailparse import parse_message

    raw = (
        b"From: Julien <julien@exemple.fr>\r\nTo: alice@alvea-rh.fr\r\nSubject: Re: poste\r\n"
        b"Message-ID: <nb1@exemple.fr>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative\r\n\r\n"
        b"--XyZ\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOui, le poste m'int\xc3\xa9resse.\r\n"
        b"--XyZ\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Oui, le poste m'int\xc3\xa9resse.</p>\r\n"
        b"--XyZ--\r\n"
    )
    assert parse_message(raw).visible_text == "Oui, le poste m'intéresse."


def test_a_multipart_without_any_boundary_line_keeps_its_text():
    from vivier.lib.mailparse import parse_message

    raw = (
        b"From: Julien <julien@exemple.fr>\r\nTo: alice@alvea-rh.fr\r\nSubject: Re: poste\r\n"
        b"Message-ID: <nb2@exemple.fr>\r\nContent-Type: multipart/mixed\r\n\r\nOui, volontiers.\r\n"
    )
    assert parse_message(raw).visible_text == "Oui, volontiers."


@pytest.mark.parametrize("charset", ["x-unknown", "utf-9", "klingon"])
def test_an_unknown_charset_falls_back_to_detection(charset):
    from vivier.lib.mailparse import parse_message

    text = "Bonjour Alice, je suis très intéressé par le poste à Besançon, merci beaucoup."
    raw = (
        (
            "From: Julien <julien@exemple.fr>\r\nTo: alice@alvea-rh.fr\r\nSubject: Re: poste\r\n"
            f"Message-ID: <cs-{charset}@exemple.fr>\r\nContent-Type: text/plain; charset={charset}\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n"
        ).encode()
        + text.encode("utf-8")
        + b"\r\n"
    )
    assert parse_message(raw).visible_text == text


@pytest.mark.parametrize("value", ["=?x-unknown?q?J=E9r=F4me?=", "=?unknown-8bit?q?J=E9r=F4me?="])
def test_a_short_header_in_an_unknown_charset_is_read_as_western_text(value):
    from vivier.lib.mailparse.mime import decode_header_text

    assert decode_header_text(value) == "Jérôme"
