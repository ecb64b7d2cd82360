"""Which offered interview slot a candidate picks."""

from datetime import UTC, datetime

import pytest

from vivier.replies.understanding import classify

# Thursday 15 January 10:00 and Friday 16 January 14:30
SLOTS = [
    datetime.fromisoformat("2026-01-15T10:00:00+01:00"),
    datetime.fromisoformat("2026-01-16T14:30:00+01:00"),
]
RECEIVED = datetime.fromisoformat("2026-01-12T18:00:00+01:00")


@pytest.mark.parametrize(
    "text, chosen",
    [
        ("Jeudi 10h, parfait.", 1),
        ("Vendredi me convient mieux.", 2),
        ("14h30 c'est top pour moi", 2),
        ("Le premier créneau me va.", 1),
        ("Je prends le deuxième.", 2),
        ("Option 2 please.", 2),
        ("The first one works for me.", 1),
        ("The second one, thanks!", 2),
        ("Thursday works.", 1),
        ("Friday at 2:30pm is fine.", 2),
        ("Jeudi je ne peux pas, par contre vendredi c'est bon.", 2),
        ("Thursday is impossible for me, Friday works.", 2),
        ("Le 15 à 10h, ça me va.", 1),
        ("Les deux me vont, mais je préfère le plus tard.", 2),
        ("Aucun des deux ne me convient, pourriez-vous proposer d'autres dates ?", None),
        ("Neither works, sorry. Could we do next week instead?", None),
    ],
)
def test_it_reads_the_chosen_slot(text, chosen):
    u = classify(text=text, received_at=RECEIVED, offered_slots=SLOTS)
    assert u.intent == "slot_choice"
    assert u.chosen_slot == chosen


def test_a_decline_with_slots_offered_stays_a_decline():
    u = classify(
        text="Merci pour les créneaux, mais après réflexion je préfère ne pas donner suite : le salaire est trop bas.",
        received_at=RECEIVED,
        offered_slots=SLOTS,
    )
    assert (u.intent, u.reason, u.chosen_slot) == ("not_interested", "salary", None)


def test_without_offered_slots_there_is_no_slot_choice():
    u = classify(text="Jeudi 10h c'est parfait pour un appel.", received_at=RECEIVED, offered_slots=None)
    assert u.intent != "slot_choice"
    assert u.chosen_slot is None


def test_slots_stored_in_utc_are_read_as_the_local_time_the_message_showed():
    utc_slots = [s.astimezone(UTC) for s in SLOTS]  # 09:00Z and 13:30Z = 10h and 14h30 in Paris
    u = classify(text="14h30 me va très bien.", received_at=RECEIVED, offered_slots=utc_slots)
    assert (u.intent, u.chosen_slot) == ("slot_choice", 2)


# Tuesday 10:00, Wednesday 14:00, Thursday 11:00, Friday 16:30 (the week of 12 January 2026)
FOUR = [
    datetime.fromisoformat("2026-01-13T10:00:00+01:00"),
    datetime.fromisoformat("2026-01-14T14:00:00+01:00"),
    datetime.fromisoformat("2026-01-15T11:00:00+01:00"),
    datetime.fromisoformat("2026-01-16T16:30:00+01:00"),
]


@pytest.mark.parametrize(
    "text, chosen",
    [
        ("Le troisième me convient.", 3),
        ("Je prends le quatrième créneau.", 4),
        ("The third one works for me.", 3),
        ("Option D please.", 4),
        ("Le dernier, merci !", 4),
        ("The last one, thanks.", 4),
        ("jeudi 11h me convient", 3),
        ("Friday at 4:30pm is perfect.", 4),
        ("mercredi après-midi, parfait", 2),
    ],
)
def test_it_reads_a_choice_among_more_than_two_slots(text, chosen):
    u = classify(text=text, received_at=RECEIVED, offered_slots=FOUR)
    assert u.intent == "slot_choice"
    assert u.chosen_slot == chosen


@pytest.mark.parametrize(
    "text",
    [
        "Plutôt mercredi matin si possible ?",
        "Could we do Tuesday afternoon instead?",
    ],
)
def test_a_half_day_that_no_offered_slot_has_is_a_counter_proposal(text):
    u = classify(text=text, received_at=RECEIVED, offered_slots=FOUR)
    assert u.intent == "slot_choice"
    assert u.chosen_slot is None


def test_a_weekday_and_time_answer_is_a_slot_choice_not_just_interest():
    u = classify(
        text="jeudi 14h me convient",
        received_at=RECEIVED,
        offered_slots=SLOTS[:1] + [datetime.fromisoformat("2026-01-15T14:00:00+01:00")],
    )
    assert (u.intent, u.chosen_slot) == ("slot_choice", 2)


def test_a_pick_read_from_a_half_day_alone_waits_for_a_check_a_named_slot_does_not():
    # Thursday 10:00 is the only morning of the two slots.
    vague = classify(text="Le matin de préférence.", received_at=RECEIVED, offered_slots=SLOTS)
    named = classify(text="Le troisième me convient.", received_at=RECEIVED, offered_slots=FOUR)
    assert (vague.intent, vague.chosen_slot) == ("slot_choice", 1)
    assert vague.needs_check()
    assert not named.needs_check()


@pytest.mark.parametrize(
    "text",
    [
        "Les deux me vont.",
        "Both work for me.",
        "N'importe lequel, je m'adapte.",
        "Either is fine, you choose.",
        "Peu importe, dites-moi.",
    ],
)
def test_any_slot_would_do_picks_none_and_waits_for_a_check(text):
    u = classify(text=text, received_at=RECEIVED, offered_slots=SLOTS)
    assert (u.intent, u.chosen_slot) == ("slot_choice", None)
    assert u.needs_check()  # which slot to book is the recruiter's call


def test_any_of_more_slots_would_do_too():
    three = SLOTS + [datetime.fromisoformat("2026-01-19T09:00:00+01:00")]
    for text in ("Tous les créneaux me conviennent.", "All three would work for me.", "Any of them is fine."):
        u = classify(text=text, received_at=RECEIVED, offered_slots=three)
        assert (u.intent, u.chosen_slot, u.needs_check()) == ("slot_choice", None, True), text


def test_a_preference_among_slots_that_all_suit_is_a_pick():
    u = classify(
        text="Les deux me vont, mettons le premier pour aller plus vite.",
        received_at=RECEIVED,
        offered_slots=SLOTS,
    )
    assert u.chosen_slot == 1


# Monday 2 February 9:00 and 15:00, Wednesday 4 11:30, Thursday 5 17:00, Friday 6 10:00.
FIVE = [
    datetime.fromisoformat(s)
    for s in (
        "2026-02-02T09:00:00+01:00",
        "2026-02-02T15:00:00+01:00",
        "2026-02-04T11:30:00+01:00",
        "2026-02-05T17:00:00+01:00",
        "2026-02-06T10:00:00+01:00",
    )
]


@pytest.mark.parametrize(
    "slots, text, chosen",
    [
        (FIVE, "Le cinquième.", 5),
        (FIVE, "The fifth one, please.", 5),
        (FIVE, "Slot 5 works.", 5),
        (FIVE[:3], "4/02 ok", 3),  # a numeric date, day first
        (FIVE[:3], "Tous me vont sauf lundi matin.", None),  # two remain: the recruiter picks
        (FIVE[:1], "Ok pour moi.", 1),  # one slot offered: a plain yes books it
        (FIVE[:1], "Sounds good, see you then.", 1),
        (FIVE[:1], "Lundi je ne peux pas, auriez-vous autre chose ?", None),
    ],
)
def test_ranks_past_four_a_single_slot_and_exceptions(slots, text, chosen):
    u = classify(text=text, received_at=RECEIVED, offered_slots=slots)
    assert (u.intent, u.chosen_slot) == ("slot_choice", chosen)


# Tuesday 10 March 12:00, Thursday 12 March 14:00, Friday 13 March 16:30; the reply is written on Monday 9.
MARCH = [
    datetime.fromisoformat(s)
    for s in ("2026-03-10T12:00:00+01:00", "2026-03-12T14:00:00+01:00", "2026-03-13T16:30:00+01:00")
]


@pytest.mark.parametrize(
    "text, chosen",
    [
        ("Demain midi, parfait.", 1),  # tomorrow is Tuesday
        ("Tomorrow works for me.", 1),
        ("Noon is fine.", 1),
        ("Vendredi en fin d'après-midi.", 3),  # "après-midi" is no noon
        ("Tuesday's out, Friday's good.", 3),
        ("I'm only free on Wednesdays.", None),  # a day none of the slots has
    ],
)
def test_relative_days_noon_and_plural_weekdays(text, chosen):
    u = classify(text=text, received_at="2026-03-09T10:00:00+01:00", offered_slots=MARCH)
    assert (u.intent, u.chosen_slot) == ("slot_choice", chosen)
