"""Free interview slots from working hours and busy times, in the recruiter's time zone.

Everything here is plain data: weekly hours, busy intervals (aware datetimes), holidays (dates). The funnel reads
the recruiter's calendars and Vivier's own holds and bookings into busy intervals, then asks for slots.

Each day's hours are built as local wall-clock times and converted to UTC one by one, so a working day keeps
its hours across a daylight-saving change (9:00-12:00 stays 9:00-12:00 local on the Sunday the clocks move).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FRENCH_DAYS = {"lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6}
_RANGE = re.compile(r"^(\d{1,2})[:h](\d{2})\s*-\s*(\d{1,2})[:h](\d{2})$")

Hours = dict[int, list[tuple[dt.time, dt.time]]]
Interval = tuple[dt.datetime, dt.datetime]


class HoursError(ValueError):
    """A weekly-hours text that cannot be read; the message says where."""


def _day(word: str) -> int:
    word = word.strip().lower()[:3]
    if word in WEEKDAYS:
        return WEEKDAYS.index(word)
    if word in _FRENCH_DAYS:
        return _FRENCH_DAYS[word]
    raise HoursError(f"unknown day {word!r} (mon, tue, wed, thu, fri, sat, sun)")


def parse_hours(text: str) -> Hours:
    """'mon-thu 09:00-12:00,14:00-18:00; fri 09:00-12:00' -> {0: [(9:00, 12:00), (14:00, 18:00)], ...}."""
    hours: Hours = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        days_text, _, ranges_text = part.partition(" ")
        if not ranges_text.strip():
            raise HoursError(f"{part!r}: expected days then hours, as in 'mon-fri 09:00-18:00'")
        days: list[int] = []
        for chunk in days_text.split(","):
            first, _, last = chunk.partition("-")
            start, end = _day(first), _day(last) if last else _day(first)
            if end < start:
                raise HoursError(f"{chunk!r}: the days go backwards")
            days.extend(range(start, end + 1))
        for item in ranges_text.replace(" ", "").split(","):
            match = _RANGE.match(item)
            if not match:
                raise HoursError(f"{item!r}: expected hours as 09:00-12:00")
            h1, m1, h2, m2 = map(int, match.groups())
            if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
                raise HoursError(f"{item!r}: not a time of day")
            begin = dt.time(h1, m1)
            finish = dt.time(23, 59, 59) if h2 == 24 else dt.time(h2, m2)
            if finish <= begin:
                raise HoursError(f"{item!r}: the end comes before the start")
            for day in days:
                hours.setdefault(day, []).append((begin, finish))
    for ranges in hours.values():
        ranges.sort()
        for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False):
            if start < end:
                raise HoursError("two ranges of the same day overlap")
    return hours


def format_hours(hours: Hours) -> str:
    """The inverse of ``parse_hours`` (one day per part)."""
    return "; ".join(
        f"{WEEKDAYS[day]} " + ",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in hours[day]) for day in sorted(hours)
    )


@dataclass(frozen=True)
class Rules:
    hours: Hours
    tz: str
    length: dt.timedelta = dt.timedelta(minutes=45)
    buffer: dt.timedelta = dt.timedelta(minutes=15)
    notice: dt.timedelta = dt.timedelta(hours=24)
    horizon: dt.timedelta = dt.timedelta(days=14)
    step: dt.timedelta = dt.timedelta(minutes=15)
    holidays: frozenset[dt.date] = frozenset()


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, overlapping or touching intervals joined."""
    out: list[Interval] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def working_periods(rules: Rules, start: dt.datetime, end: dt.datetime) -> Iterator[Interval]:
    """The working hours between two instants, as UTC intervals, skipping holidays."""
    zone = ZoneInfo(rules.tz)
    day = start.astimezone(zone).date()
    last = end.astimezone(zone).date()
    while day <= last:
        if day not in rules.holidays:
            for begin, finish in rules.hours.get(day.weekday(), ()):
                a = _local(day, begin, zone)
                b = _local(day, finish, zone)
                a, b = max(a, start), min(b, end)
                if a < b:
                    yield a, b
        day += dt.timedelta(days=1)


def _local(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """A local wall-clock time as UTC; a time that does not exist (the hour skipped in spring) moves forward."""
    naive = dt.datetime.combine(day, time)
    aware = naive.replace(tzinfo=zone)
    back = aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    if back != naive:
        aware = (naive + dt.timedelta(hours=1)).replace(tzinfo=zone)
    return aware.astimezone(dt.UTC)


def free_slots(rules: Rules, *, now: dt.datetime, busy: Iterable[Interval] = ()) -> Iterator[Interval]:
    """Every free slot of ``rules.length`` from ``now + notice`` to ``now + horizon``, starting on the step.

    A slot is free when the meeting, with the buffer before and after it, touches no busy interval; it must
    lie inside the working hours (the buffer may spill outside them).
    """
    earliest = now + rules.notice
    latest = now + rules.horizon
    blocked = merge(busy)
    step_seconds = int(rules.step.total_seconds())
    for period_start, period_end in working_periods(rules, earliest, latest):
        local = period_start.astimezone(ZoneInfo(rules.tz))
        # Round up to the step in local time, so slots start at :00, :15, ...
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        offset = int((local - midnight).total_seconds())
        rounded = -(-offset // step_seconds) * step_seconds
        cursor = period_start + dt.timedelta(seconds=rounded - offset)
        while cursor + rules.length <= period_end:
            slot = (cursor, cursor + rules.length)
            clash = _first_clash(blocked, slot[0] - rules.buffer, slot[1] + rules.buffer)
            if clash is None:
                yield slot
                cursor += rules.step
            else:
                # Jump past the busy interval (plus the buffer), back onto the step grid.
                resume = clash[1] + rules.buffer
                steps = -(-int((resume - cursor).total_seconds()) // step_seconds)
                cursor += dt.timedelta(seconds=max(1, steps) * step_seconds)


def _first_clash(blocked: list[Interval], start: dt.datetime, end: dt.datetime) -> Interval | None:
    lo, hi = 0, len(blocked)
    while lo < hi:
        mid = (lo + hi) // 2
        if blocked[mid][1] <= start:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(blocked) and blocked[lo][0] < end:
        return blocked[lo]
    return None


def pick(slots: Iterable[Interval], count: int, *, tz: str, min_days: int = 2, accept=None) -> list[Interval]:
    """``count`` slots spread over at least ``min_days`` days (local to ``tz``) when the slots allow: the
    earliest slot of each day, day after day, then later slots of the same days, an hour or more apart.
    ``accept(slot)`` filters (e.g. the candidate's own send window)."""
    zone = ZoneInfo(tz)
    by_day: dict[dt.date, list[Interval]] = {}
    for slot in slots:
        if accept is not None and not accept(slot):
            continue
        day = slot[0].astimezone(zone).date()
        if day not in by_day and len(by_day) >= max(count, min_days):
            break
        by_day.setdefault(day, []).append(slot)
    chosen: list[Interval] = []
    pools = [by_day[day] for day in sorted(by_day)]
    while len(chosen) < count and any(pools):
        for pool in pools:
            while pool and any(abs(pool[0][0] - c[0]) < dt.timedelta(hours=1) for c in chosen):
                pool.pop(0)
            if pool and len(chosen) < count:
                chosen.append(pool.pop(0))
    return sorted(chosen)
