"""Several workers on PostgreSQL share the inbound queue: each message is handled exactly once."""

import threading

import pytest
from django.db import connection

from vivier.lib import clock
from vivier.replies import services
from vivier.replies.capture import inbound_store
from vivier.replies.models import InboundMessage, Reply

from .mails import YES, plain


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_handle_each_message_once(team):
    from vivier.pool.models import Candidate
    from vivier.pool.services import email_add

    clock.set_now(None)
    for i in range(24):
        c = Candidate.objects.create(team=team, first_name=f"C{i}", last_name="Test")
        email_add(candidate=c, email=f"c{i}@example.org", primary=True)
        inbound_store(raw=plain(f"C{i} <c{i}@example.org>", "Re: un poste", YES), source="imap", team=team)
    services.reply_classifier(team=team)  # trained before the race, as a running worker would be
    errors = []

    def work():
        try:
            while services.handle_one_inbound():
                pass
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Reply.objects.count() == 24
    assert not InboundMessage.objects.filter(handled_at__isnull=True).exists()
    assert not InboundMessage.objects.exclude(handle_error="").exists()
