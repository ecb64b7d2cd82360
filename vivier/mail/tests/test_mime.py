import datetime as dt
from email import message_from_bytes
from email.policy import default

import pytest

from vivier.mail import mime

FIELDS = dict(
    from_name="Alice Martin (Alvéa)",
    from_email="alice@alvea-rh.fr",
    to_name='Hélène "Léna" Dupré',
    to_email="helene@example.org",
    subject="Un poste de Développeuse Python chez Alvéa " * 3,
    body="Bonjour Hélène,\n\nUne ligne = avec un égal \nEt une très longue ligne " + "x" * 200,
    message_id="<abc.viv@alvea-rh.fr>",
    date=dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC),
    in_reply_to="<a@alvea-rh.fr>",
    references="<r@alvea-rh.fr> <a@alvea-rh.fr>",
    unsubscribe_url="https://vivier.example/mail/unsubscribe/tok/",
    unsubscribe_mailto="alice@alvea-rh.fr",
)


def test_the_fast_builder_reads_exactly_like_the_standard_librarys():
    fast = message_from_bytes(mime.build_bytes(**FIELDS), policy=default)
    std = message_from_bytes(mime.build(**FIELDS).as_bytes(), policy=default)
    for header in (
        "From",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        "In-Reply-To",
        "References",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
    ):
        assert str(fast[header]) == str(std[header]), header
    assert fast.get_content() == std.get_content()
    assert fast.get_content_type() == "text/plain"


@pytest.mark.parametrize("field", ["from_name", "to_name", "subject", "to_email", "in_reply_to"])
@pytest.mark.parametrize("evil", ["x\r\nBcc: victim@example.org", "x\nBcc: v@example.org", "x\rBcc: v"])
def test_no_line_break_reaches_a_header(field, evil):
    for builder in (mime.build, mime.build_bytes):
        with pytest.raises(mime.HeaderInjection):
            builder(**{**FIELDS, field: evil})


def test_the_date_header_keeps_each_dates_offset_even_for_the_same_instant():
    from email.utils import format_datetime
    from zoneinfo import ZoneInfo

    utc = dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC)
    paris = utc.astimezone(ZoneInfo("Europe/Paris"))
    for date in (utc, paris, utc, paris):
        raw = mime.build_bytes(**{**FIELDS, "date": date})
        assert f"Date: {format_datetime(date)}\r\n".encode() in raw
