import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from vivier.lib import slots

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC


def paris(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)


def rules(**kw) -> slots.Rules:
    base = dict(
        hours=slots.parse_hours("mon-thu 09:00-12:00,14:00-18:00; fri 09:00-12:00"),
        tz="Europe/Paris",
        length=dt.timedelta(minutes=45),
        buffer=dt.timedelta(minutes=15),
        notice=dt.timedelta(hours=0),
        horizon=dt.timedelta(days=7),
    )
    base.update(kw)
    return slots.Rules(**base)


def test_it_reads_weekly_hours_in_english_and_french_day_names():
    hours = slots.parse_hours("mon-thu 09:00-12:00,14:00-18:00; fri 09:00-12:00")
    assert hours[0] == [(dt.time(9), dt.time(12)), (dt.time(14), dt.time(18))]
    assert hours[4] == [(dt.time(9), dt.time(12))]
    assert 5 not in hours and 6 not in hours
    assert slots.parse_hours("lun-ven 9h00-17h30") == {d: [(dt.time(9), dt.time(17, 30))] for d in range(5)}
    assert slots.parse_hours(slots.format_hours(hours)) == hours


@pytest.mark.parametrize(
    "text",
    [
        "mon 9-12",
        "xyz 09:00-12:00",
        "fri-mon 09:00-12:00",
        "mon 12:00-09:00",
        "mon 09:00-12:00,11:00-13:00",
        "mon",
        "mon 25:00-26:00",
    ],
)
def test_unreadable_hours_say_what_is_wrong(text):
    with pytest.raises(slots.HoursError):
        slots.parse_hours(text)


def test_slots_fit_inside_working_hours_and_keep_the_buffer_around_busy_times():
    monday = paris(2026, 12, 7, 8, 0)
    busy = [(paris(2026, 12, 7, 10, 0), paris(2026, 12, 7, 11, 0))]
    found = list(slots.free_slots(rules(), now=monday, busy=busy))
    mondays = [s for s in found if s[0].astimezone(PARIS).date() == dt.date(2026, 12, 7)]
    starts = [s[0].astimezone(PARIS).strftime("%H:%M") for s in mondays]
    # 9:00 ends 9:45 + 15 min buffer = 10:00: allowed; 9:15 would end 10:00 and its buffer runs into the meeting.
    assert starts[:2] == ["09:00", "11:15"]
    assert "09:15" not in starts and "10:00" not in starts and "11:00" not in starts
    assert all(s[1] - s[0] == dt.timedelta(minutes=45) for s in found)
    for start, end in found:
        local_start, local_end = start.astimezone(PARIS), end.astimezone(PARIS)
        assert local_start.weekday() < 5
        assert (dt.time(9) <= local_start.time() and local_end.time() <= dt.time(12)) or (
            dt.time(14) <= local_start.time() and local_end.time() <= dt.time(18)
        )
    assert not any(s[0].astimezone(PARIS).weekday() == 4 and s[0].astimezone(PARIS).hour >= 12 for s in found)


def test_notice_horizon_and_holidays_are_respected():
    monday = paris(2026, 12, 21, 8, 0)
    found = list(
        slots.free_slots(
            rules(notice=dt.timedelta(hours=30), holidays=frozenset({dt.date(2026, 12, 25)})), now=monday
        )
    )
    first = found[0][0].astimezone(PARIS)
    assert first >= paris(2026, 12, 22, 14, 0)
    assert all(s[0].astimezone(PARIS).date() != dt.date(2026, 12, 25) for s in found)
    assert max(s[1] for s in found) <= monday + dt.timedelta(days=7)


@pytest.mark.parametrize(
    "week_start, change",
    [(dt.date(2026, 3, 23), dt.date(2026, 3, 29)), (dt.date(2026, 10, 19), dt.date(2026, 10, 25))],
    ids=["spring-forward", "fall-back"],
)
def test_working_hours_keep_their_wall_clock_across_a_daylight_saving_change(week_start, change):
    start = dt.datetime.combine(week_start, dt.time(0), tzinfo=PARIS)
    found = list(slots.free_slots(rules(horizon=dt.timedelta(days=14)), now=start))
    days = {s[0].astimezone(PARIS).date() for s in found}
    before = [d for d in days if d < change]
    after = [d for d in days if d > change]
    assert before and after
    for day in (min(before), min(after)):
        first = min(s[0] for s in found if s[0].astimezone(PARIS).date() == day)
        assert first.astimezone(PARIS).strftime("%H:%M") == "09:00"
    offsets = {s[0].astimezone(PARIS).utcoffset() for s in found}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}


def test_a_time_that_does_not_exist_moves_forward_instead_of_failing():
    hours = {6: [(dt.time(2, 30), dt.time(5, 0))]}  # Sunday 2:30 does not exist on 29 March 2026 in Paris
    found = list(slots.free_slots(rules(hours=hours, buffer=dt.timedelta(0)), now=paris(2026, 3, 28, 0, 0)))
    assert found and found[0][0].astimezone(PARIS).strftime("%H:%M") == "03:30"


def test_two_slots_are_spread_over_two_days_and_filtered_by_the_candidate_window():
    monday = paris(2026, 12, 7, 8, 0)
    found = slots.free_slots(rules(), now=monday)
    chosen = slots.pick(found, 2, tz="Europe/Paris")
    assert len(chosen) == 2
    assert len({s[0].astimezone(PARIS).date() for s in chosen}) == 2
    afternoon_only = slots.pick(
        slots.free_slots(rules(), now=monday),
        3,
        tz="Europe/Paris",
        accept=lambda s: s[0].astimezone(PARIS).hour >= 14,
    )
    assert len(afternoon_only) == 3 and all(s[0].astimezone(PARIS).hour >= 14 for s in afternoon_only)
    assert len({s[0].astimezone(PARIS).date() for s in afternoon_only}) == 3


def test_one_free_day_gives_slots_an_hour_apart_on_that_day():
    monday = paris(2026, 12, 7, 8, 0)
    busy = [(paris(2026, 12, 8, 0, 0), paris(2026, 12, 20, 0, 0))]
    chosen = slots.pick(slots.free_slots(rules(), now=monday, busy=busy), 2, tz="Europe/Paris")
    assert len(chosen) == 2
    assert chosen[1][0] - chosen[0][0] >= dt.timedelta(hours=1)


def test_merge_joins_overlapping_and_touching_intervals():
    a = paris(2026, 12, 7, 9)
    h = dt.timedelta(hours=1)
    assert slots.merge([(a + 2 * h, a + 3 * h), (a, a + h), (a + h, a + 2 * h), (a + 5 * h, a + 6 * h)]) == [
        (a, a + 3 * h),
        (a + 5 * h, a + 6 * h),
    ]
