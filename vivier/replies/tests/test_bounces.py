"""Delivery failures as mail systems really send them: recognised, the right recipient, permanent or not.

The corpus (tests/fixtures/corpus/bounces.jsonl) is public material from flufl.bounce, sisimai and talon; its
README says where each message comes from.
"""

import json
from pathlib import Path

import pytest

from vivier.lib.mailparse import MailParseError, parse_message

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
ROWS = [
    json.loads(line) for line in (CORPUS / "bounces.jsonl").read_text(encoding="utf-8").splitlines() if line
]
BOUNCES = [r for r in ROWS if r["is_bounce"]]
OTHERS = [r for r in ROWS if not r["is_bounce"]]


def parsed(row):
    return parse_message((CORPUS / "bounces" / row["file"]).read_bytes())


def test_the_corpus_holds_over_a_hundred_bounces_and_messages_that_are_not():
    assert len(BOUNCES) >= 100
    assert len(OTHERS) >= 10
    assert all((CORPUS / "bounces" / r["file"]).exists() for r in ROWS)


@pytest.mark.parametrize("row", BOUNCES, ids=[r["file"] for r in BOUNCES])
def test_every_bounce_of_the_corpus_is_a_bounce_never_an_automatic_reply(row):
    assert parsed(row).kind == "bounce"


@pytest.mark.parametrize("row", OTHERS, ids=[r["file"] for r in OTHERS])
def test_replies_and_auto_replies_of_the_corpus_are_not_bounces(row):
    assert parsed(row).kind != "bounce"


def test_the_bouncing_recipient_is_right_for_at_least_98_percent_of_the_corpus():
    with_address = [r for r in BOUNCES if r["recipients"]]
    right = 0
    for row in with_address:
        bounce = parsed(row).bounce
        right += bool(bounce and (bounce.recipient or "").lower() in {a.lower() for a in row["recipients"]})
    assert right / len(with_address) >= 0.98


def test_permanent_and_transient_are_right_on_the_whole_corpus():
    wrong = [r["file"] for r in BOUNCES if parsed(r).bounce.permanent != r["permanent"]]
    assert wrong == []


def _row(file):
    return next(r for r in ROWS if r["file"] == file)


def test_an_exim_delay_warning_is_a_transient_bounce_not_an_out_of_office():
    message = parsed(_row("flufl/simple_03.txt"))
    assert message.kind == "bounce"
    assert message.bounce.permanent is False
    assert message.bounce.recipient == "userx@example.za"
    assert message.return_date is None


def test_an_amazon_ses_json_notification_names_its_bounced_recipient():
    bounce = parsed(_row("sisimai/ced-us-amazonses-01.eml")).bounce
    assert bounce.recipient == "bounce@simulator.amazonses.com"
    assert bounce.permanent is True


def test_x_failed_recipients_wins_over_a_message_id_in_the_text():
    # Google Groups' notice is in Japanese, carries Auto-Submitted, and quotes the original Message-Id.
    message = parsed(_row("sisimai/lhost-googlegroups-01.eml"))
    assert message.kind == "bounce"
    assert message.bounce.recipient == "libsisimai@googlegroups.com"


def test_the_original_recipient_of_a_dsn_is_the_address_we_wrote_to():
    # Final-Recipient is an internal alias (userx@sims-ms-daemon); Original-Recipient is ours.
    assert parsed(_row("flufl/dsn_01.txt")).bounce.recipient == "userx@example.com"


def test_an_exchange_notice_gives_the_address_after_did_not_reach_not_the_list_it_was_sent_to():
    assert parsed(_row("flufl/groupwise_01.txt")).bounce.recipient.lower() == "userx@example.edu"


def test_a_failure_after_days_of_retries_is_permanent():
    # "I'm not going to try again; this message has been in the queue too long." with a 4.4.1 status.
    assert parsed(_row("flufl/yahoo_01.txt")).bounce.permanent is True


def _mail(headers: str, body: str) -> bytes:
    return (headers.strip() + "\n\n" + body).replace("\n", "\r\n").encode()


def test_a_post_master_sender_saying_it_could_not_deliver_is_a_bounce():
    raw = _mail(
        """
From: post_master@mail.example.net
To: alice@recruiter.example
Subject: Message status
Date: Mon, 07 Dec 2026 10:00:00 +0100
Message-ID: <n1@mail.example.net>
""",
        "Unable to deliver message to <jean.dupont@example.fr>.\nReason: mailbox not found.\n",
    )
    message = parse_message(raw)
    assert message.kind == "bounce"
    assert message.bounce.recipient == "jean.dupont@example.fr"


def test_a_help_desk_address_in_the_notice_is_not_the_recipient():
    raw = _mail(
        """
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: alice@recruiter.example
Subject: Undelivered Mail Returned to Sender
Date: Mon, 07 Dec 2026 10:00:00 +0100
""",
        "For assistance, contact helpdesk@example.org.\n\n"
        "Your message could not be delivered to the following recipient:\n\n"
        "    marie@example.com: user unknown\n",
    )
    assert parse_message(raw).bounce.recipient == "marie@example.com"


def test_a_french_delay_notice_is_transient():
    raw = _mail(
        """
From: Service de remise <postmaster@example.fr>
To: alice@recruiter.example
Subject: Remise du message retardée
Date: Mon, 07 Dec 2026 10:00:00 +0100
""",
        "La remise du message à paul@example.fr est retardée. Une nouvelle tentative aura lieu.\n",
    )
    bounce = parse_message(raw).bounce
    assert bounce is not None and bounce.permanent is False
    assert bounce.recipient == "paul@example.fr"


def test_a_message_padded_with_nul_bytes_at_the_end_is_read():
    raw = _mail(
        """
From: Jean <jean@example.fr>
To: alice@recruiter.example
Subject: Re: Poste
Date: Mon, 07 Dec 2026 10:00:00 +0100
""",
        "Oui, ça m'intéresse.\n",
    )
    assert parse_message(raw + b"\x00\x00\x00").kind == "reply"


def test_a_nul_byte_inside_a_message_is_still_refused():
    with pytest.raises(MailParseError):
        parse_message(b"From: a@b.fr\r\nTo: c@d.fr\r\nSubject: x\r\n\r\nab\x00cd\r\n")
