"""iCalendar for interviews: invitations (iTIP REQUEST and CANCEL), the attendee's answer (REPLY, COUNTER),
and busy times read from a calendar feed. Built on ``icalendar``; recurring events are expanded with
``recurring_ical_events``.

Times in invitations are written in UTC ("...Z"): every calendar converts them to its owner's zone, and no
VTIMEZONE block has to agree with the reader's database.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

PRODID = "-//Vivier//Interviews//EN"


class FeedError(ValueError):
    """A calendar feed that cannot be fetched or read; the message says why, for the recruiter."""


@dataclass(frozen=True)
class Person:
    email: str
    name: str = ""

    def address(self, **params: str) -> icalendar.vCalAddress:
        value = icalendar.vCalAddress(f"mailto:{self.email}")
        if self.name:
            value.params["CN"] = icalendar.vText(self.name)
        for key, item in params.items():
            value.params[key.upper().replace("_", "-")] = item
        return value


@dataclass(frozen=True)
class Interview:
    uid: str
    sequence: int
    start: dt.datetime
    end: dt.datetime
    summary: str
    organizer: Person
    attendees: tuple[Person, ...]
    description: str = ""
    location: str = ""
    url: str = ""
    reminder: dt.timedelta | None = dt.timedelta(minutes=30)


def _calendar(method: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    return cal


def _event(interview: Interview, *, now: dt.datetime, status: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", interview.uid)
    event.add("sequence", interview.sequence)
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", interview.start.astimezone(dt.UTC))
    event.add("dtend", interview.end.astimezone(dt.UTC))
    event.add("summary", interview.summary)
    if interview.description:
        event.add("description", interview.description)
    if interview.location:
        event.add("location", interview.location)
    if interview.url:
        event.add("url", interview.url)
    event.add("status", status)
    event.add("transp", "OPAQUE")
    event["organizer"] = interview.organizer.address()
    for person in interview.attendees:
        event.add(
            "attendee",
            person.address(role="REQ-PARTICIPANT", partstat="NEEDS-ACTION", rsvp="TRUE", cutype="INDIVIDUAL"),
            encode=False,
        )
    return event


def request(interview: Interview, *, now: dt.datetime) -> bytes:
    """An invitation, or an update of one (same UID, higher SEQUENCE): METHOD:REQUEST."""
    cal = _calendar("REQUEST")
    event = _event(interview, now=now, status="CONFIRMED")
    if interview.reminder:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", interview.summary)
        alarm.add("trigger", -interview.reminder)
        event.add_component(alarm)
    cal.add_component(event)
    return cal.to_ical()


def cancel(interview: Interview, *, now: dt.datetime) -> bytes:
    """The cancellation of an invitation: METHOD:CANCEL, STATUS:CANCELLED, same UID, higher SEQUENCE."""
    cal = _calendar("CANCEL")
    cal.add_component(_event(interview, now=now, status="CANCELLED"))
    return cal.to_ical()


@dataclass(frozen=True)
class Answer:
    """An attendee's answer to an invitation, read from an iTIP REPLY or COUNTER."""

    method: str  # REPLY or COUNTER
    uid: str
    sequence: int
    attendee: str  # email, lower-case
    partstat: str  # ACCEPTED, DECLINED, TENTATIVE, DELEGATED, NEEDS-ACTION
    proposed: tuple[dt.datetime, dt.datetime] | None = None  # COUNTER: the times asked for
    comment: str = ""


def read_answer(data: bytes | str) -> Answer | None:
    """The answer a calendar sent back, or None when the data is not an iTIP REPLY or COUNTER."""
    try:
        cal = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError):
        return None
    method = str(cal.get("method", "")).upper()
    if method not in ("REPLY", "COUNTER"):
        return None
    for event in cal.walk("VEVENT"):
        uid = str(event.get("uid", ""))
        attendees = event.get("attendee")
        if not uid or attendees is None:
            continue
        first = attendees[0] if isinstance(attendees, list) else attendees
        email = str(first).split(":", 1)[-1].strip().lower()
        partstat = str(getattr(first, "params", {}).get("PARTSTAT", "NEEDS-ACTION")).upper()
        proposed = None
        if method == "COUNTER" and event.get("dtstart") is not None:
            start = _aware(event.decoded("dtstart"), "UTC")
            end = _aware(event.decoded("dtend"), "UTC") if event.get("dtend") is not None else None
            if end is None and event.get("duration") is not None:
                end = start + event.decoded("duration")
            proposed = (start, end or start)
        return Answer(
            method=method,
            uid=uid,
            sequence=int(event.get("sequence", 0)),
            attendee=email,
            partstat=partstat,
            proposed=proposed,
            comment=str(event.get("comment", "")),
        )
    return None


def read_invitation(data: bytes | str) -> dict:
    """The main fields of an invitation or cancellation: what a calendar will show (tests, the outbox)."""
    cal = icalendar.Calendar.from_ical(data)
    event = next(iter(cal.walk("VEVENT")))
    attendees = event.get("attendee") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    return {
        "method": str(cal.get("method", "")),
        "uid": str(event.get("uid")),
        "sequence": int(event.get("sequence", 0)),
        "status": str(event.get("status", "")),
        "start": _aware(event.decoded("dtstart"), "UTC"),
        "end": _aware(event.decoded("dtend"), "UTC"),
        "summary": str(event.get("summary", "")),
        "location": str(event.get("location", "")),
        "organizer": str(event.get("organizer", "")).split(":", 1)[-1].lower(),
        "attendees": [str(a).split(":", 1)[-1].lower() for a in attendees],
        "alarms": [a.decoded("trigger") for a in event.walk("VALARM")],
    }


# --- Busy times from a feed -----------------------------------------------------------------------


@dataclass
class Busy:
    intervals: list[tuple[dt.datetime, dt.datetime]] = field(default_factory=list)
    skipped: int = 0  # events that do not block time (free, cancelled)


def _aware(value, tz: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=ZoneInfo(tz))
    return dt.datetime.combine(value, dt.time(0), tzinfo=ZoneInfo(tz))


def busy_times(data: bytes | str, *, start: dt.datetime, end: dt.datetime, tz: str) -> Busy:
    """The busy intervals of a calendar between two instants.

    Recurring events are expanded (RRULE, RDATE, EXDATE, moved occurrences); free (TRANSP:TRANSPARENT) and
    cancelled events do not count; an all-day event blocks its whole days in ``tz`` (or the feed's own
    X-WR-TIMEZONE); times without a zone are read in that zone too; VFREEBUSY blocks (free/busy-only feeds)
    count except their FREE periods.
    """
    try:
        cal = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise FeedError(f"not an iCalendar file ({exc})") from exc
    zone = str(cal.get("x-wr-timezone") or tz)
    result = Busy()
    try:
        occurrences = recurring_ical_events.of(cal).between(start, end)
    except Exception as exc:  # the library raises many types on broken recurrence rules
        raise FeedError(f"a recurring event cannot be read ({exc})") from exc
    for event in occurrences:
        if (
            str(event.get("transp", "OPAQUE")).upper() == "TRANSPARENT"
            or str(event.get("status", "")).upper() == "CANCELLED"
        ):
            result.skipped += 1
            continue
        first = event.decoded("dtstart")
        if event.get("dtend") is not None:
            last = event.decoded("dtend")
        elif event.get("duration") is not None:
            last = first + event.decoded("duration")
        elif isinstance(first, dt.datetime):
            last = first
        else:
            last = first + dt.timedelta(days=1)
        a, b = _aware(first, zone), _aware(last, zone)
        if b > a and b > start and a < end:
            result.intervals.append((max(a, start), min(b, end)))
    for block in cal.walk("VFREEBUSY"):
        periods = block.get("freebusy") or []
        if not isinstance(periods, list):
            periods = [periods]
        for prop in periods:
            if str(prop.params.get("FBTYPE", "BUSY")).upper() == "FREE":
                result.skipped += 1
                continue
            for period in prop.dts if hasattr(prop, "dts") else [prop]:
                value = period.dt
                a, b = value[0], value[1]
                if isinstance(b, dt.timedelta):
                    b = a + b
                a, b = _aware(a, zone), _aware(b, zone)
                if b > start and a < end:
                    result.intervals.append((max(a, start), min(b, end)))
    result.intervals.sort()
    return result


def _public_address(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError as exc:
        raise FeedError(f"{host}: the name does not resolve ({exc.strerror or exc})") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            return False
    return True


def fetch(
    url: str, *, timeout: float = 10.0, max_bytes: int = 5_000_000, allow_private: bool = False
) -> bytes:
    """A feed's bytes over HTTP(S): a timeout, a size cap, and no private or loopback address unless allowed
    (a feed URL is typed by a user: it must not make the server read its own network)."""
    if url.startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError("a calendar address starts with https:// (or http://, webcal://)")
    if not allow_private and not _public_address(parts.hostname):
        raise FeedError(f"{parts.hostname} is a private or local address; an administrator may allow it")
    request_ = urllib.request.Request(url, headers={"User-Agent": "Vivier calendar reader"})
    try:
        with _opener(allow_private).open(request_, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
    except OSError as exc:
        raise FeedError(f"the calendar could not be fetched: {exc}") from exc
    if len(data) > max_bytes:
        raise FeedError(f"the calendar is larger than {max_bytes // 1_000_000} MB")
    return data


class _NoPrivateRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        host = urlsplit(newurl).hostname or ""
        if not _public_address(host):
            raise FeedError(f"the calendar address redirects to a private address ({host})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(allow_private: bool) -> urllib.request.OpenerDirector:
    if allow_private:
        return urllib.request.build_opener()
    return urllib.request.build_opener(_NoPrivateRedirect())


def ics_of(intervals: Iterable[tuple[dt.datetime, dt.datetime]]) -> bytes:
    """A plain feed of busy events (tests, exports of Vivier's own holds)."""
    cal = _calendar("PUBLISH")
    for number, (start, end) in enumerate(intervals):
        event = icalendar.Event()
        event.add("uid", f"busy-{number}@vivier")
        event.add("dtstamp", start)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", "Busy")
        cal.add_component(event)
    return cal.to_ical()
