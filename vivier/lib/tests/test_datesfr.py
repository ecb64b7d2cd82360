"""Return dates in French and English, resolved against the message's date."""

from datetime import date

import pytest

from vivier.lib.datesfr import extract_return_date, first_business_day, resolve

REF = date(2025, 11, 21)  # a Friday


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Je serai de retour le 12 janvier.", "fr", date(2026, 1, 12)),  # year rollover
        ("Je suis absente du 20 décembre au 3 janvier.", "fr", date(2026, 1, 4)),
        ("Je suis absent jusqu'au vendredi 28 novembre inclus.", "fr", date(2025, 11, 29)),
        (
            "Absent jusqu'au 28/11, de retour le lundi 1er décembre.",
            "fr",
            date(2025, 12, 1),
        ),  # return cue wins
        ("I am out of the office until Monday 24 November.", "en", date(2025, 11, 25)),
        ("I will be back on November 3rd.", "en", date(2026, 11, 3)),
        ("Back on the 3rd of December.", "en", date(2025, 12, 3)),
        ("Je reviens lundi 1er.", "fr", date(2025, 12, 1)),  # "lundi 1": the next 1st that is a Monday
        ("de retour lundi 3", "fr", date(2026, 8, 3)),
        ("de retour le 3/12", "fr", date(2025, 12, 3)),
        ("back 12/3", "en", date(2025, 12, 3)),
        ("je reviens le 2025-12-15", "fr", date(2025, 12, 15)),
        # The labelled sets' convention (January 1st); sending resumes on the first business day after it.
        ("de retour après les fêtes", "fr", date(2026, 1, 1)),
        ("back after the summer", "en", date(2026, 9, 1)),
        ("en congé maternité jusqu'en septembre", "fr", date(2026, 9, 1)),
        ("in a mission until the end of the month", "en", date(2025, 12, 1)),
        ("recontactez-moi dans 6 mois", "fr", date(2026, 5, 21)),
        ("de retour lundi prochain", "fr", date(2025, 11, 24)),
        ("back next Tuesday", "en", date(2025, 11, 25)),
        ("de retour demain", "fr", date(2025, 11, 22)),
        ("à partir de mi-janvier", "fr", date(2026, 1, 15)),
        ("jusqu'à fin février", "fr", date(2026, 3, 1)),
    ],
)
def test_it_finds_the_return_date(text, lang, expected):
    assert extract_return_date(text, REF, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Je suis actuellement absent et ne consulte pas mes mails.",
        "I am currently out of the office.",
        "Le lun. 3 nov. 2025 à 10:12, Alice Martin a écrit :",  # a past date: the quoted thread
        "",
    ],
)
def test_it_returns_none_without_a_future_date(text):
    assert extract_return_date(text, REF, None) is None


def test_a_slot_ordinal_is_not_a_date():
    assert extract_return_date("Je prends le 2e créneau, merci.", REF, "fr") is None


def test_a_day_alone_is_the_next_such_day():
    assert extract_return_date("de retour le 16", REF, "fr") == date(2025, 12, 16)
    assert extract_return_date("je suis de retour le 25", REF, "fr") == date(2025, 11, 25)


def test_a_year_alone_is_its_first_day():
    assert extract_return_date("Recontactez-moi début 2027.", REF, "fr") == date(2027, 1, 1)


def test_fifteen_days_is_read_in_words():
    assert extract_return_date("De retour dans quinze jours.", REF, "fr") == date(2025, 12, 6)


def test_a_numeric_date_is_month_first_in_english_only():
    assert extract_return_date("back on 12/3", REF, "en") == date(2025, 12, 3)
    assert extract_return_date("de retour le 12/3", REF, "fr") == date(2026, 3, 12)
    assert extract_return_date("back on 7/20", REF, "fr") == date(2026, 7, 20)  # only one reading is a date


def test_the_same_reader_serves_folded_text():
    assert resolve("je reviens le 2025-12-15", REF) == extract_return_date("Je reviens le 2025-12-15", REF)
    assert resolve("de retour lundi 1er", REF) == date(2025, 12, 1)


@pytest.mark.parametrize(
    "text, day_back, business_day_back",
    [
        # The day an away message names is a day away: the person is back the day after it.
        ("Hi, I'm off Friday 17 July. I'll reply when I'm back.", date(2026, 7, 18), date(2026, 7, 20)),
        ("Hello, I am away July 10-17 with no access to email.", date(2026, 7, 18), date(2026, 7, 20)),
        ("Hello, I am away July 10-31 with no access to email.", date(2026, 8, 1), date(2026, 8, 3)),
        ("I'm on leave from 10th to 17th July inclusive.", date(2026, 7, 18), date(2026, 7, 20)),
        ("Out of office, back Monday 20.", date(2026, 7, 20), date(2026, 7, 20)),
    ],
)
def test_an_away_message_resolves_to_the_first_day_back(text, day_back, business_day_back):
    received = date(2026, 7, 8)  # a Wednesday
    assert extract_return_date(text, received, "en") == day_back
    assert first_business_day(extract_return_date(text, received, "en")) == business_day_back


def test_the_first_business_day_skips_weekends_and_office_closures():
    assert first_business_day(date(2026, 7, 18)) == date(2026, 7, 20)
    assert first_business_day(date(2026, 12, 25)) == date(2026, 12, 28)
    assert first_business_day(date(2026, 7, 21)) == date(2026, 7, 21)
