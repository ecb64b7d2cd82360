"""Invitations parsed back with icalendar; answers and busy feeds in the shapes Gmail, Outlook and Apple
Calendar produce (fixtures written from their documented iTIP output: RFC 5546 REPLY and COUNTER, Exchange's
Windows time-zone names, Google's X-WR-TIMEZONE and free/busy-only feeds)."""

import datetime as dt
import email
import http.server
import threading
from email.message import EmailMessage
from email.policy import default as default_policy
from zoneinfo import ZoneInfo

import icalendar
import pytest

from vivier.lib import ical, imip

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 12, 8, 10, 0, tzinfo=dt.UTC)


def interview(**kw) -> ical.Interview:
    base = dict(
        uid="interview-1@vivier",
        sequence=0,
        start=dt.datetime(2026, 12, 9, 14, 0, tzinfo=PARIS),
        end=dt.datetime(2026, 12, 9, 14, 45, tzinfo=PARIS),
        summary="Entretien : Développeuse backend Python",
        organizer=ical.Person("alice@alvea-rh.fr", "Alice Martin"),
        attendees=(
            ical.Person("lea@example.com", "Léa Dupont"),
            ical.Person("alice@alvea-rh.fr", "Alice Martin"),
        ),
        location="12 rue de la République, 69002 Lyon",
        description="Avec Alice Martin, Alvéa RH.",
    )
    base.update(kw)
    return ical.Interview(**base)


def test_an_invitation_reads_back_as_a_request_with_uid_sequence_people_place_and_reminder():
    data = ical.request(interview(), now=NOW)
    got = ical.read_invitation(data)
    assert got["method"] == "REQUEST"
    assert got["uid"] == "interview-1@vivier" and got["sequence"] == 0 and got["status"] == "CONFIRMED"
    assert got["start"] == dt.datetime(2026, 12, 9, 13, 0, tzinfo=dt.UTC)
    assert got["end"] - got["start"] == dt.timedelta(minutes=45)
    assert got["organizer"] == "alice@alvea-rh.fr"
    assert got["attendees"] == ["lea@example.com", "alice@alvea-rh.fr"]
    assert got["location"].startswith("12 rue de la République")
    assert got["alarms"] == [dt.timedelta(minutes=-30)]
    cal = icalendar.Calendar.from_ical(data)
    event = next(iter(cal.walk("VEVENT")))
    assert event["attendee"][0].params["PARTSTAT"] == "NEEDS-ACTION"
    assert event["attendee"][0].params["RSVP"] == "TRUE"
    assert b"DTSTART:20261209T130000Z" in data
    assert b"\r\n" in data


def test_a_reschedule_keeps_the_uid_with_a_higher_sequence_and_a_cancel_says_cancel():
    moved = ical.request(
        interview(
            sequence=1,
            start=dt.datetime(2026, 12, 10, 9, 0, tzinfo=PARIS),
            end=dt.datetime(2026, 12, 10, 9, 45, tzinfo=PARIS),
        ),
        now=NOW,
    )
    cancelled = ical.cancel(interview(sequence=2), now=NOW)
    assert (
        ical.read_invitation(moved)["uid"] == ical.read_invitation(cancelled)["uid"] == "interview-1@vivier"
    )
    assert ical.read_invitation(moved)["sequence"] == 1
    got = ical.read_invitation(cancelled)
    assert (got["method"], got["status"], got["sequence"]) == ("CANCEL", "CANCELLED", 2)
    assert b"METHOD:REQUEST" not in cancelled


def test_the_imip_email_has_the_shape_mail_clients_turn_into_accept_buttons():
    message = EmailMessage()
    message["Subject"] = "Invitation : entretien"
    message.set_content("Bonjour Léa,\nVoici l'invitation.\n")
    ics = ical.request(interview(), now=NOW)
    imip.attach_calendar(message, ics)
    parsed = email.message_from_bytes(message.as_bytes(), policy=default_policy)
    assert parsed.get_content_type() == "multipart/mixed"
    alternative, attachment = parsed.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    text, calendar = alternative.get_payload()
    assert text.get_content_type() == "text/plain" and "Léa" in text.get_content()
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_payload(decode=True) == ics
    assert attachment.get_filename() == "invite.ics" and attachment.get_payload(decode=True) == ics
    assert [kind for kind, _ in imip.calendar_parts(parsed)] == ["text/calendar", "application/ics"]


GMAIL_ACCEPT = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REPLY
BEGIN:VEVENT
DTSTART:20261209T130000Z
DTEND:20261209T134500Z
DTSTAMP:20261208T101500Z
ORGANIZER;CN=Alice Martin:mailto:alice@alvea-rh.fr
UID:interview-1@vivier
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Léa Dupont;X-NUM-GUESTS=0:mailto:Lea@Example.com
CREATED:20261208T100000Z
LAST-MODIFIED:20261208T101500Z
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Entretien
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR
"""

OUTLOOK_DECLINE = """BEGIN:VCALENDAR
METHOD:REPLY
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VTIMEZONE
TZID:Romance Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ATTENDEE;PARTSTAT=DECLINED:mailto:lea@example.com
COMMENT;LANGUAGE=fr-FR:Désolée, je ne suis plus disponible.
SUMMARY;LANGUAGE=fr-FR:Refusé: Entretien
DTSTART;TZID=Romance Standard Time:20261209T140000
DTEND;TZID=Romance Standard Time:20261209T144500
UID:interview-1@vivier
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20261208T101500Z
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:1
LOCATION;LANGUAGE=fr-FR:
X-MICROSOFT-CDO-APPT-SEQUENCE:1
X-MICROSOFT-CDO-REPLYTIME:20261208T101500Z
END:VEVENT
END:VCALENDAR
"""

OUTLOOK_COUNTER = (
    OUTLOOK_DECLINE.replace("METHOD:REPLY", "METHOD:COUNTER")
    .replace("PARTSTAT=DECLINED", "PARTSTAT=TENTATIVE")
    .replace("20261209T140000", "20261210T090000")
    .replace("20261209T144500", "20261210T094500")
)

APPLE_TENTATIVE = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Apple Inc.//macOS 15.1//EN
METHOD:REPLY
CALSCALE:GREGORIAN
BEGIN:VEVENT
ATTENDEE;CN="Léa Dupont";CUTYPE=INDIVIDUAL;EMAIL="lea@example.com";PARTSTAT=TENTATIVE:mailto:lea@example.com
DTEND:20261209T134500Z
DTSTAMP:20261208T101500Z
DTSTART:20261209T130000Z
ORGANIZER;CN="Alice Martin":mailto:alice@alvea-rh.fr
REQUEST-STATUS:2.0;Success
SEQUENCE:0
SUMMARY:Entretien
UID:interview-1@vivier
END:VEVENT
END:VCALENDAR
"""


@pytest.mark.parametrize(
    "data, partstat, sequence",
    [(GMAIL_ACCEPT, "ACCEPTED", 0), (OUTLOOK_DECLINE, "DECLINED", 1), (APPLE_TENTATIVE, "TENTATIVE", 0)],
    ids=["gmail", "outlook", "apple"],
)
def test_it_reads_the_answer_of_each_calendar(data, partstat, sequence):
    answer = ical.read_answer(data.replace("\n", "\r\n").encode())
    assert answer.method == "REPLY"
    assert (answer.uid, answer.attendee, answer.partstat, answer.sequence) == (
        "interview-1@vivier",
        "lea@example.com",
        partstat,
        sequence,
    )


def test_an_outlook_counter_proposal_gives_the_times_asked_for_in_utc():
    answer = ical.read_answer(OUTLOOK_COUNTER.encode())
    assert answer.method == "COUNTER"
    assert answer.proposed == (
        dt.datetime(2026, 12, 10, 8, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 10, 8, 45, tzinfo=dt.UTC),
    )
    assert "disponible" in answer.comment


@pytest.mark.parametrize("data", [b"", b"not a calendar", ical.request(interview(), now=NOW)])
def test_what_is_not_an_answer_gives_none(data):
    assert ical.read_answer(data) is None


FEED = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
X-WR-TIMEZONE:Europe/Paris
BEGIN:VEVENT
UID:weekly@test
DTSTART;TZID=Europe/Paris:20261201T100000
DTEND;TZID=Europe/Paris:20261201T110000
RRULE:FREQ=WEEKLY;BYDAY=TU
EXDATE;TZID=Europe/Paris:20261215T100000
SUMMARY:Point équipe
END:VEVENT
BEGIN:VEVENT
UID:weekly@test
RECURRENCE-ID;TZID=Europe/Paris:20261208T100000
DTSTART;TZID=Europe/Paris:20261208T160000
DTEND;TZID=Europe/Paris:20261208T170000
SUMMARY:Point équipe (déplacé)
END:VEVENT
BEGIN:VEVENT
UID:holiday@test
DTSTART;VALUE=DATE:20261210
DTEND;VALUE=DATE:20261211
SUMMARY:Congé
END:VEVENT
BEGIN:VEVENT
UID:birthday@test
DTSTART;VALUE=DATE:20261211
DTEND;VALUE=DATE:20261212
TRANSP:TRANSPARENT
SUMMARY:Anniversaire de Bob
END:VEVENT
BEGIN:VEVENT
UID:cancelled@test
DTSTART:20261211T090000Z
DTEND:20261211T100000Z
STATUS:CANCELLED
SUMMARY:Annulé
END:VEVENT
BEGIN:VEVENT
UID:floating@test
DTSTART:20261211T150000
DTEND:20261211T153000
SUMMARY:Heure flottante
END:VEVENT
END:VCALENDAR
"""

FREEBUSY = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Microsoft Corporation//Outlook 16.0//EN
BEGIN:VFREEBUSY
DTSTART:20261207T000000Z
DTEND:20261221T000000Z
FREEBUSY;FBTYPE=BUSY:20261207T090000Z/20261207T100000Z,20261207T130000Z/PT2H
FREEBUSY;FBTYPE=FREE:20261208T090000Z/20261208T100000Z
FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261209T090000Z/20261209T093000Z
END:VFREEBUSY
END:VCALENDAR
"""


def local(interval):
    return tuple(t.astimezone(PARIS).strftime("%a %d %H:%M") for t in interval)


def test_a_feed_gives_busy_times_with_recurrences_expanded_and_free_events_left_out():
    start = dt.datetime(2026, 12, 7, tzinfo=PARIS)
    busy = ical.busy_times(FEED.encode(), start=start, end=start + dt.timedelta(days=14), tz="UTC")
    got = [local(i) for i in busy.intervals]
    assert ("Tue 08 16:00", "Tue 08 17:00") in got  # the moved occurrence, at its new time
    assert ("Tue 08 10:00", "Tue 08 11:00") not in got
    assert ("Tue 15 10:00", "Tue 15 11:00") not in got  # excluded
    assert ("Tue 22 10:00", "Tue 22 11:00") not in got  # past the end
    assert ("Thu 10 00:00", "Fri 11 00:00") in got  # an all-day event, in the feed's zone
    assert ("Fri 11 15:00", "Fri 11 15:30") in got  # a floating time read in the feed's zone
    assert len(got) == 3
    assert busy.skipped == 2


def test_a_free_busy_only_feed_counts_busy_and_tentative_periods():
    start = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)
    busy = ical.busy_times(
        FREEBUSY.encode(), start=start, end=start + dt.timedelta(days=14), tz="Europe/Paris"
    )
    assert [(a.hour, b.hour) for a, b in busy.intervals] == [(9, 10), (13, 15), (9, 9)]
    assert busy.skipped == 1


def test_a_broken_feed_is_a_clear_error():
    with pytest.raises(ical.FeedError):
        ical.busy_times(b"<html>login</html>", start=NOW, end=NOW + dt.timedelta(days=1), tz="UTC")


@pytest.fixture
def feed_server():
    body = {"data": FEED.encode()}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.end_headers()
            self.wfile.write(body["data"])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/basic.ics", body
    server.shutdown()


def test_fetching_a_feed_refuses_local_addresses_unless_allowed_and_caps_the_size(feed_server):
    url, body = feed_server
    with pytest.raises(ical.FeedError, match="private or local"):
        ical.fetch(url)
    assert ical.fetch(url, allow_private=True) == FEED.encode()
    body["data"] = b"x" * 2000
    with pytest.raises(ical.FeedError, match="larger"):
        ical.fetch(url, allow_private=True, max_bytes=1000)
    with pytest.raises(ical.FeedError, match="https://"):
        ical.fetch("file:///etc/passwd", allow_private=True)
