"""Recontact and return dates, resolved against the day the reply arrived."""

from datetime import date, datetime

import pytest

from vivier.lib.datesfr import resolve
from vivier.replies.understanding import classify
from vivier.replies.understanding.clean import fold


@pytest.mark.parametrize(
    "text, received, expected",
    [
        ("de retour le 12 janvier", date(2026, 11, 20), date(2027, 1, 12)),  # year rollover
        ("je serai de retour le 12 janvier 2026", date(2026, 1, 5), date(2026, 1, 12)),
        ("absente jusqu'au 3 mars", date(2026, 2, 20), date(2026, 3, 4)),  # until: the day after
        (
            "absent jusqu'au vendredi 3 juillet inclus, retour le lundi 6 juillet",
            date(2026, 6, 29),
            date(2026, 7, 6),
        ),
        ("recontactez-moi dans 6 mois", date(2026, 3, 10), date(2026, 9, 10)),
        ("reach out again in three months", date(2026, 3, 31), date(2026, 6, 30)),
        ("dans deux semaines", date(2026, 3, 10), date(2026, 3, 24)),
        ("a la rentree", date(2026, 6, 15), date(2026, 9, 1)),
        ("after the summer", date(2026, 5, 2), date(2026, 9, 1)),
        ("apres l'ete", date(2026, 10, 2), date(2027, 9, 1)),
        ("debut 2027", date(2026, 10, 2), date(2027, 1, 1)),
        ("next year", date(2026, 10, 2), date(2027, 1, 1)),
        ("in q2", date(2026, 1, 15), date(2026, 4, 1)),
        ("in q1", date(2026, 11, 15), date(2027, 1, 1)),
        ("mi-avril", date(2026, 2, 25), date(2026, 4, 15)),
        ("revenez vers moi en mai", date(2026, 2, 18), date(2026, 5, 1)),
        ("recontactez-moi en avril prochain", date(2026, 9, 24), date(2027, 4, 1)),
        ("until the end of april", date(2026, 2, 9), date(2026, 5, 1)),
        ("de retour lundi prochain", date(2026, 10, 14), date(2026, 10, 19)),  # a Wednesday -> next Monday
        ("back next tuesday", date(2026, 3, 25), date(2026, 3, 31)),
        ("back on the 20th", date(2026, 8, 11), date(2026, 8, 20)),
        ("de retour le 16", date(2026, 2, 20), date(2026, 3, 16)),  # the 16th has passed: next month
        ("back 7/20", date(2026, 7, 13), date(2026, 7, 20)),
        ("de retour le 12/01", date(2026, 1, 6), date(2026, 1, 12)),
        ("will be back on jan 4th", date(2026, 11, 9), date(2027, 1, 4)),
        ("absente du 3 au 16 aout inclus", date(2026, 8, 12), date(2026, 8, 17)),
    ],
)
def test_it_resolves_dates(text, received, expected):
    assert resolve(fold(text), received) == expected


def test_no_date_stated_gives_none():
    assert resolve(fold("Pas maintenant, peut-être plus tard."), date(2026, 3, 3)) is None
    assert resolve(fold("I am out of the office with limited access to email."), date(2026, 3, 3)) is None


def test_a_later_reply_carries_its_recontact_date():
    u = classify(
        text="Pas pour le moment. Recontactez-moi dans 6 mois svp.",
        received_at=datetime.fromisoformat("2026-03-10T09:00:00+01:00"),
    )
    assert (u.intent, u.recontact_after) == ("later", date(2026, 9, 10))


def test_an_out_of_office_carries_its_return_date():
    u = classify(
        text="Thank you for your email. I'm on annual leave, returning on 8th June.",
        subject="Out of Office: Data role",
        received_at=datetime.fromisoformat("2026-05-29T10:00:00+01:00"),
    )
    assert (u.intent, u.recontact_after) == ("out_of_office", date(2026, 6, 8))


def test_a_date_in_the_quoted_message_is_not_the_candidates():
    text = (
        "Pas pour le moment, merci.\n\nLe 2 mars 2026, Paul <paul@x.fr> a écrit :\n"
        "> Prise de poste le 15 avril, qu'en pensez-vous ?"
    )
    u = classify(text=text, received_at=datetime.fromisoformat("2026-03-03T09:00:00+01:00"))
    assert u.recontact_after is None


@pytest.mark.parametrize(
    "text, received, expected",
    [
        # Away until Friday 12 June inclusive: back on Monday 15, not on Saturday 13.
        (
            "Bonjour, je suis absent jusqu'au vendredi 12 juin inclus.",
            "2026-06-08T09:00:00+02:00",
            date(2026, 6, 15),
        ),
        # Until 31 July: Saturday 1 August is no working day, the sequence resumes Monday 3.
        (
            "Je suis absente jusqu'au 31 juillet. Votre message ne sera pas transféré.",
            "2026-07-08T09:00:00+02:00",
            date(2026, 8, 3),
        ),
        (
            "I am out of the office until 31 December and will reply on my return.",
            "2026-12-21T09:00:00+00:00",
            date(2027, 1, 4),
        ),
    ],
)
def test_an_out_of_office_return_date_is_the_first_business_day_back(text, received, expected):
    u = classify(text=text, subject="Réponse automatique", received_at=received)
    assert u.intent == "out_of_office"
    assert u.recontact_after == expected


def test_a_later_date_on_a_weekend_is_kept_as_said():
    # "dans 6 mois" from Friday 10 April 2026 is Saturday 10 October: a person asked for that date.
    u = classify(text="Pas maintenant, recontactez-moi dans 6 mois.", received_at="2026-04-10T09:00:00+02:00")
    assert u.intent == "later"
    assert u.recontact_after == date(2026, 10, 10)


@pytest.mark.parametrize(
    "text, received, expected",
    [
        # The day named in an away message is a day away, not the day back.
        (
            "Hi, I'm off Friday 19 July. I'll reply when I'm back.",
            "2024-07-18T10:00:00+01:00",
            date(2024, 7, 22),
        ),
        (
            "Hello, I am away July 10-31 with no access to email.",
            "2024-07-09T10:00:00+01:00",
            date(2024, 8, 1),
        ),
        ("I'm on leave from 10th to 21st August inclusive.", "2026-08-07T10:00:00+01:00", date(2026, 8, 24)),
        ("Out of office, back Monday 22.", "2024-07-18T10:00:00+01:00", date(2024, 7, 22)),
    ],
)
def test_an_away_span_resolves_to_the_first_day_back(text, received, expected):
    u = classify(text=text, subject="Automatic reply: Senior developer", received_at=received)
    assert u.intent == "out_of_office"
    assert u.recontact_after == expected


@pytest.mark.parametrize(
    "text, received, expected",
    [
        ("recontactez-moi d'ici une quinzaine de jours", date(2026, 2, 10), date(2026, 2, 24)),
        ("please get back to me in a fortnight", date(2026, 2, 10), date(2026, 2, 24)),
        ("relancez-moi dans un mois et demi", date(2026, 2, 10), date(2026, 3, 25)),
        ("let's talk in a year and a half", date(2026, 2, 10), date(2027, 8, 10)),
        ("ping me once the summer's over", date(2026, 2, 10), date(2026, 9, 1)),
        ("recontactez-moi au second semestre", date(2026, 2, 10), date(2026, 7, 1)),
        # A range of two full dates names the last day away: back the day after.
        ("on leave from 13/07 to 24/07", date(2026, 7, 10), date(2026, 7, 25)),
        ("away from july 13th through july 24th", date(2026, 7, 10), date(2026, 7, 25)),
        ("absente du lundi 13 juillet au vendredi 24 juillet", date(2026, 7, 10), date(2026, 7, 25)),
        ("available again from 3rd march", date(2026, 2, 10), date(2026, 3, 3)),
        # How long someone is away, counted from the message.
        ("i'm away for the next two weeks", date(2026, 8, 5), date(2026, 8, 19)),
        ("absente pour deux semaines", date(2026, 8, 5), date(2026, 8, 19)),
        ("reach out again in half a year", date(2026, 8, 5), date(2027, 2, 5)),
    ],
)
def test_spans_and_ranges_people_write(text, received, expected):
    assert resolve(fold(text), received) == expected
