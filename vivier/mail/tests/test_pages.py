"""Mailbox pages: list, add, edit (secrets never shown back), the SMTP "test connection" button against a
real SMTP server on loopback, and another team's mailbox is a 404."""

import pytest
from django.urls import reverse

from vivier.mail.models import Mailbox
from vivier.mail.services import mailbox_create
from vivier.mail.tests.smtpd import AuthCatcher, serving

FORM = {
    "address": "alice@alvea-rh.fr",
    "display_name": "Alice Martin",
    "owner": "",
    "kind": "smtp",
    "auth_method": "password",
    "daily_limit": "150",
    "min_gap_seconds": "60",
    "jitter_seconds": "30",
    "smtp_host": "smtp.alvea-rh.fr",
    "smtp_port": "587",
    "smtp_security": "starttls",
    "smtp_username": "alice",
    "smtp_password": "s3cret-smtp",
    "imap_host": "imap.alvea-rh.fr",
    "imap_port": "993",
    "imap_security": "tls",
    "imap_username": "alice",
    "imap_password": "s3cret-imap",
    "imap_inbox": "INBOX",
    "imap_sent": "Sent",
    "signature": "",
}


@pytest.fixture
def smtp_auth():
    with serving(AuthCatcher(users={"alice": "s3cret-smtp"})) as catcher:
        yield catcher


def test_it_adds_a_mailbox_and_never_shows_its_passwords_again(alice_client, alice, team):
    response = alice_client.post(reverse("mailboxes:new"), dict(FORM, owner=str(alice.pk)))
    assert response.status_code == 302
    box = Mailbox.objects.get(team=team)
    assert (box.owner, box.daily_limit, box.imap_host, box.imap_sent) == (
        alice,
        150,
        "imap.alvea-rh.fr",
        "Sent",
    )
    assert box.get_password() == "s3cret-smtp" and box.get_imap_password() == "s3cret-imap"
    assert "s3cret" not in box.smtp_password_encrypted + box.imap_password_encrypted

    page = alice_client.get(reverse("mailboxes:edit", args=[box.public_id])).content.decode()
    assert "s3cret" not in page and box.smtp_password_encrypted not in page
    assert "imap.alvea-rh.fr" in page
    listing = alice_client.get(reverse("mailboxes:list")).content.decode()
    assert "alice@alvea-rh.fr" in listing


def test_an_empty_password_keeps_the_stored_one(alice_client, team):
    alice_client.post(reverse("mailboxes:new"), FORM)
    box = Mailbox.objects.get(team=team)
    edit = dict(FORM, smtp_password="", imap_password="", daily_limit="80")
    assert alice_client.post(reverse("mailboxes:edit", args=[box.public_id]), edit).status_code == 302
    box.refresh_from_db()
    assert box.daily_limit == 80 and box.get_password() == "s3cret-smtp"
    assert box.get_imap_password() == "s3cret-imap"


def test_the_polling_error_shows_on_the_mailbox_page(alice_client, team):
    from vivier.lib import clock

    box = mailbox_create(team=team, address="alice@alvea-rh.fr", kind="outbox", imap_host="imap.example.org")
    Mailbox.objects.filter(pk=box.pk).update(
        imap_error="IMAP imap.example.org:993: [AUTHENTICATIONFAILED] Authentication failed.",
        imap_error_at=clock.now(),
    )
    page = alice_client.get(reverse("mailboxes:edit", args=[box.public_id])).content.decode()
    assert "[AUTHENTICATIONFAILED] Authentication failed." in page
    assert "La lecture de cette boîte a échoué" in page
    assert "AUTHENTICATIONFAILED" in alice_client.get(reverse("mailboxes:list")).content.decode()


def test_the_smtp_test_reports_the_servers_answers(alice_client, smtp_auth):
    data = dict(FORM, smtp_host="127.0.0.1", smtp_port=str(smtp_auth.port), smtp_security="none")
    ok = alice_client.post(reverse("mailboxes:test", args=["smtp"]), data).content.decode()
    assert "La connexion fonctionne." in ok
    assert "235 2.7.0 Authentication successful" in ok
    assert smtp_auth.logins == [("PLAIN", "alice")]

    refused = alice_client.post(
        reverse("mailboxes:test", args=["smtp"]), dict(data, smtp_password="wrong")
    ).content.decode()
    assert "La connexion a échoué." in refused and "535 5.7.8 Authentication credentials invalid" in refused


def test_the_stored_password_is_never_sent_to_another_server(alice_client, team, smtp_auth):
    box = mailbox_create(
        team=team,
        address="alice@alvea-rh.fr",
        smtp_host="smtp.alvea-rh.fr",
        smtp_username="alice",
        smtp_password="s3cret-smtp",
    )
    data = dict(
        FORM,
        mailbox=str(box.public_id),
        smtp_host="127.0.0.1",
        smtp_port=str(smtp_auth.port),
        smtp_security="none",
        smtp_password="",
    )
    page = alice_client.post(reverse("mailboxes:test", args=["smtp"]), data).content.decode()
    assert "La connexion a échoué." in page
    assert smtp_auth.logins == []


def test_an_unreachable_server_is_reported(alice_client):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = dict(FORM, imap_host="127.0.0.1", imap_port=str(port), imap_security="none")
    page = alice_client.post(reverse("mailboxes:test", args=["imap"]), data).content.decode()
    assert "Connexion impossible" in page and "refused" in page.lower()


def test_charlie_cannot_see_or_edit_alices_mailbox(client, charlie, team):
    box = mailbox_create(team=team, address="alice@alvea-rh.fr", kind="outbox")
    client.force_login(charlie)
    assert client.get(reverse("mailboxes:edit", args=[box.public_id])).status_code == 404
    assert (
        client.post(reverse("mailboxes:edit", args=[box.public_id]), dict(FORM, kind="outbox")).status_code
        == 404
    )
    test = client.post(reverse("mailboxes:test", args=["smtp"]), dict(FORM, mailbox=str(box.public_id)))
    assert test.status_code == 404
    assert "alice@alvea-rh.fr" not in client.get(reverse("mailboxes:list")).content.decode()


def test_a_new_mailbox_starts_with_the_teams_default_signature(alice_client, team):
    team.default_signature = "L'équipe Alvéa RH\n01 23 45 67 89"
    team.save(update_fields=["default_signature"])
    response = alice_client.get(reverse("mailboxes:new"))
    assert response.status_code == 200
    assert response.context["form"]["signature"].value() == "L'équipe Alvéa RH\n01 23 45 67 89"
    assert "L&#x27;équipe Alvéa RH" in response.content.decode()
    # An existing mailbox shows its own signature, even an empty one.
    existing = mailbox_create(team=team, address="bob@alvea-rh.fr", kind=Mailbox.Kind.OUTBOX)
    response = alice_client.get(reverse("mailboxes:edit", args=[existing.public_id]))
    assert response.context["form"]["signature"].value() == ""
