"""Send windows and delays in local time: business days with public holidays, DST-correct.

All functions take and return timezone-aware datetimes; the wall-clock arithmetic happens in the given
zone so that "2 days later at the same hour" stays at the same hour across a DST change.
"""

import datetime as dt
from collections.abc import Container
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = dt.UTC


@lru_cache(maxsize=256)
def zone(name: str | None, fallback: str = "Europe/Paris") -> ZoneInfo:
    for candidate in (name, fallback):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


class _Holidays:
    def __init__(self, country: str | None):
        self.country = (country or "").upper()
        self.by_year: dict[int, Container[dt.date]] = {}

    def __contains__(self, day: dt.date) -> bool:
        if not self.country:
            return False
        table = self.by_year.get(day.year)
        if table is None:
            import holidays as holidays_lib  # only when a day is asked: quick commands never do

            try:
                table = holidays_lib.country_holidays(self.country, years=day.year)
            except NotImplementedError:
                table = {}
            self.by_year[day.year] = table
        return day in table


@lru_cache(maxsize=64)
def public_holidays(country: str | None) -> _Holidays:
    return _Holidays(country)


def is_business_day(day: dt.date, country: str | None) -> bool:
    return day.weekday() < 5 and day not in public_holidays(country)


def local(at: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    return at.astimezone(tz)


def _at_wall(day: dt.date, time: dt.time, tz: ZoneInfo) -> dt.datetime:
    """The instant a wall clock in ``tz`` shows ``day time`` (first occurrence in an autumn fold; in a spring
    gap, the instant just after it)."""
    naive = dt.datetime.combine(day, time)
    aware = naive.replace(tzinfo=tz)
    roundtrip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if roundtrip != naive:  # nonexistent wall time (spring forward): move past the gap
        aware = (naive + dt.timedelta(hours=1)).replace(tzinfo=tz)
    return aware.astimezone(UTC)


def add_delay(
    start: dt.datetime, amount: int, unit: str, *, tz: ZoneInfo, country: str | None
) -> dt.datetime:
    """``start`` plus a step delay. Hours are elapsed time; days and business days keep the wall-clock hour.

    Business days skip weekends and the country's public holidays: Friday + 1 business day = Monday.
    """
    if amount <= 0:
        return start
    if unit == "hours":
        return start + dt.timedelta(hours=amount)
    wall = local(start, tz)
    day = wall.date()
    if unit == "business_days":
        remaining = amount
        while remaining:
            day += dt.timedelta(days=1)
            if is_business_day(day, country):
                remaining -= 1
    else:
        day += dt.timedelta(days=amount)
    return _at_wall(day, wall.time().replace(tzinfo=None), tz)


def next_in_window(
    at: dt.datetime,
    *,
    tz: ZoneInfo,
    weekdays: list[int],
    start: dt.time,
    end: dt.time,
    country: str | None = None,
    max_days: int = 400,
) -> dt.datetime:
    """The earliest instant >= ``at`` inside the window (weekdays, [start, end) local hours), skipping the
    country's public holidays. ``at`` itself when it is already inside."""
    days = set(weekdays or range(7))
    wall = local(at, tz)
    day = wall.date()
    for offset in range(max_days):
        current = day + dt.timedelta(days=offset)
        if current.weekday() not in days or current in public_holidays(country):
            continue
        opens = _at_wall(current, start, tz)
        closes = (
            _at_wall(current, end, tz) if end > start else _at_wall(current + dt.timedelta(days=1), end, tz)
        )
        if at < opens:
            return opens
        if at < closes:
            return at
    raise ValueError("no opening in the send window within a year (check its weekdays)")


def in_window(at: dt.datetime, **kw) -> bool:
    return next_in_window(at, **kw) == at
