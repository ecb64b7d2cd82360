"""Capture: every received message is kept raw, once per team, parsed or listed as unprocessed."""

from datetime import UTC, date, datetime

import pytest

from vivier.lib import clock
from vivier.replies.capture import inbound_reparse, inbound_store
from vivier.replies.models import InboundMessage
from vivier.replies.selectors import inbound_unprocessed

pytestmark = pytest.mark.django_db


def test_it_stores_a_reply_with_its_raw_bytes_and_parsed_fields(team, eml):
    raw = eml("gmail_fr.eml")
    with clock.frozen_at(datetime(2025, 11, 3, 10, 5, tzinfo=UTC)):
        message, created = inbound_store(
            raw=raw, source="imap", mailbox_address="alice@alvea-rh.fr", team=team
        )
    assert created
    message.refresh_from_db()
    assert bytes(message.raw) == raw
    assert message.status == "processed" and message.error == ""
    assert message.message_id == "<CAF3x+Vb0kq2nZ8hH1=rPq7kLw@mail.gmail.com>"
    assert message.received_at == datetime(2025, 11, 3, 10, 5, tzinfo=UTC)
    assert message.kind == "reply"
    assert message.from_address == "julien.moreau@gmail.com"
    assert message.in_reply_to == "<176216112.4521.vivier@alvea-rh.fr>"
    assert message.references == ["<176216112.4521.vivier@alvea-rh.fr>"]
    assert message.subject == "Re: Responsable maintenance – Villeurbanne"
    assert message.visible_text.startswith("Bonjour Alice,\n\nOui, le poste m'intéresse")
    assert message.mailbox_address == "alice@alvea-rh.fr"
    assert message.source == "imap"


def test_the_same_message_received_twice_is_stored_once(team, eml):
    first, created = inbound_store(raw=eml("gmail_en.eml"), source="imap", team=team)
    again, created_again = inbound_store(raw=eml("gmail_en.eml"), source="pipe", team=team)
    assert created and not created_again
    assert again.pk == first.pk
    assert InboundMessage.objects.count() == 1


def test_another_team_keeps_its_own_copy(team, other_team, eml):
    inbound_store(raw=eml("gmail_en.eml"), source="imap", team=team)
    _, created = inbound_store(raw=eml("gmail_en.eml"), source="imap", team=other_team)
    assert created
    assert InboundMessage.objects.filter(team=other_team).count() == 1


def test_messages_without_team_are_deduplicated_too(db, eml):
    inbound_store(raw=eml("gmail_en.eml"), source="pipe")
    _, created = inbound_store(raw=eml("gmail_en.eml"), source="pipe")
    assert not created
    assert InboundMessage.objects.count() == 1


def test_a_message_without_message_id_is_deduplicated_by_a_hash_of_its_bytes(team, eml):
    raw = eml("no_message_id.eml")
    message, _ = inbound_store(raw=raw, source="pipe", team=team)
    assert message.message_id.startswith("sha256:")
    _, created = inbound_store(raw=raw, source="pipe", team=team)
    assert not created
    different, created = inbound_store(raw=raw + b"\r\nP.S. encore moi\r\n", source="pipe", team=team)
    assert created and different.message_id != message.message_id


def test_an_unparsable_message_is_kept_unprocessed_with_the_error(team, eml):
    raw = eml("garbage.eml")
    message, created = inbound_store(raw=raw, source="pipe", team=team)
    assert created
    message.refresh_from_db()
    assert message.status == "unprocessed"
    assert "not a mail message" in message.error
    assert bytes(message.raw) == raw
    assert list(inbound_unprocessed(team=team)) == [message]


def test_a_parser_crash_loses_nothing(team, eml, monkeypatch):
    def crash(raw, **kw):
        raise RuntimeError("boom")

    monkeypatch.setattr("vivier.replies.capture.parse_message", crash)
    message, created = inbound_store(raw=eml("gmail_fr.eml"), source="imap", team=team)
    assert created and message.status == "unprocessed"
    assert "RuntimeError: boom" in message.error
    # The Message-ID is still read from the raw header, so a redelivery is recognised.
    assert message.message_id == "<CAF3x+Vb0kq2nZ8hH1=rPq7kLw@mail.gmail.com>"
    monkeypatch.undo()
    inbound_reparse(message=message)
    message.refresh_from_db()
    assert message.status == "processed" and message.kind == "reply" and message.error == ""


def test_auto_replies_and_bounces_keep_their_details(team, eml):
    ooo, _ = inbound_store(raw=eml("exchange_ooo_fr.eml"), source="imap", team=team)
    assert ooo.kind == "auto_reply"
    assert ooo.return_date == date(2025, 12, 1)
    assert "X-Auto-Response-Suppress" in ooo.auto_reason
    dsn, _ = inbound_store(raw=eml("postfix_dsn.eml"), source="imap", team=team)
    dsn.refresh_from_db()
    assert dsn.kind == "bounce"
    assert dsn.bounce == {"recipient": "jean.dupont@exemple.fr", "status": "5.1.1", "permanent": True}


def test_unprocessed_list_is_per_team(team, other_team, eml):
    inbound_store(raw=eml("garbage.eml"), source="pipe", team=other_team)
    assert list(inbound_unprocessed(team=team)) == []


def test_an_unknown_source_is_refused(team, eml):
    with pytest.raises(ValueError):
        inbound_store(raw=eml("gmail_fr.eml"), source="carrier-pigeon", team=team)
