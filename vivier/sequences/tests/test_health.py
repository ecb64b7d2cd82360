"""``/healthz`` for a load balancer, the worker's heartbeat, and the admins' status page."""

import pytest

from vivier.lib import clock
from vivier.sequences import worker
from vivier.sequences.models import WorkerHeartbeat

from .conftest import at


@pytest.fixture(autouse=True)
def unpinned():
    yield
    clock.set_now(None)


@pytest.mark.django_db
def test_healthz_is_ok_when_a_worker_finished_a_round_lately(client, settings):
    settings.VIVIER_WORKER_STALE_SECONDS = 60
    clock.set_now(at("2026-03-10 09:00 Europe/Paris"))
    worker.run_once([], max_loops=1)  # one round of the loop, no handler
    clock.set_now(at("2026-03-10 09:00:30 Europe/Paris"))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "worker_seen_seconds": 30}


@pytest.mark.django_db
def test_healthz_answers_503_with_the_reason_when_the_worker_is_stale_or_never_ran(client, settings):
    settings.VIVIER_WORKER_STALE_SECONDS = 60
    never = client.get("/healthz")
    assert never.status_code == 503 and never.json()["reason"] == "worker_never_seen"
    clock.set_now(at("2026-03-10 09:00 Europe/Paris"))
    worker.run_once([], max_loops=1)
    clock.set_now(at("2026-03-10 09:02 Europe/Paris"))
    stale = client.get("/healthz")
    assert stale.status_code == 503
    assert stale.json() == {"status": "error", "worker_seen_seconds": 120, "reason": "worker_stale"}
    assert "Set-Cookie" not in stale.headers  # no session, no login


@pytest.mark.django_db
def test_each_round_updates_one_row_per_worker(settings):
    clock.set_now(at("2026-03-10 09:00 Europe/Paris"))
    worker.run_once([("busy-once", iter([True, False]).__next__)], max_loops=5)
    beat = WorkerHeartbeat.objects.get()
    assert beat.rounds == 2 and beat.seen_at == clock.now()


@pytest.mark.django_db
def test_the_status_page_shows_version_migrations_and_heartbeat_to_admins_only(client, alice, bob):
    clock.set_now(at("2026-03-10 09:00 Europe/Paris"))
    worker.run_once([], max_loops=1)
    client.force_login(bob)  # a recruiter
    assert client.get("/status/").status_code == 404
    client.force_login(alice)  # the admin
    page = client.get("/status/").content.decode()
    assert "0.1.0" in page
    assert 'data-testid="migrations-current"' in page
    assert WorkerHeartbeat.objects.get().worker in page


@pytest.mark.django_db
def test_the_status_page_names_a_migration_not_applied(client, alice):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'pool' AND name = '0005_tag_statistics'")
    client.force_login(alice)
    page = client.get("/status/").content.decode()
    assert "pool.0005_tag_statistics" in page and 'data-testid="migrations-missing"' in page


@pytest.mark.django_db
def test_a_mailbox_whose_replies_cannot_be_read_needs_attention(team, alice):
    from vivier.accounts import attention
    from vivier.mail.services import mailbox_create

    mailbox = mailbox_create(
        team=team, address_="alice@alvea-rh.fr", owner=alice, smtp_host="smtp.alvea-rh.fr"
    )
    now = at("2026-03-10 09:00 Europe/Paris")
    (source,) = [s for s in attention.sources() if s.kind == "mailbox_errors"]
    assert source.items(team=team, user=alice, now=now) == []
    type(mailbox).objects.filter(pk=mailbox.pk).update(
        imap_error="LOGIN failed: bad password", imap_error_at=now
    )
    (item,) = source.items(team=team, user=alice, now=now)
    assert item.text == "alice@alvea-rh.fr"
    assert "LOGIN failed: bad password" in item.detail
    assert item.url == f"/mailboxes/m/{mailbox.public_id}/"
