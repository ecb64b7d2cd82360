"""OAuth2 mailboxes against a local stand-in token endpoint: the connect flow stores the refresh token
encrypted, a token about to expire is refreshed before use, and SMTP logs in with XOAUTH2 (a real SMTP server
on loopback that checks it)."""

import datetime as dt
import urllib.parse

import pytest
from django.urls import reverse

from vivier.lib import clock
from vivier.mail import transport
from vivier.mail.models import Mailbox
from vivier.mail.oauth import mailbox_access_token
from vivier.mail.services import mailbox_create
from vivier.mail.tests.oauthd import oauth_server  # noqa: F401 - fixture
from vivier.mail.tests.smtpd import AuthCatcher, serving


@pytest.fixture
def google_box(team, alice):
    return mailbox_create(
        team=team,
        address="alice@alvea-rh.fr",
        owner=alice,
        auth_method="google",
        smtp_host="127.0.0.1",
        smtp_port=1,
        smtp_security="none",
    )


def connect(client, box, oauth_server):  # noqa: F811
    """The owner clicks "Connect", signs in at the provider, and comes back with a code."""
    response = client.post(reverse("mailboxes:oauth_connect", args=[box.public_id]))
    assert response.status_code == 302
    url = urllib.parse.urlparse(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{oauth_server.url}/authorize"
    query = dict(urllib.parse.parse_qsl(url.query))
    assert query["client_id"] == "vivier-client" and query["login_hint"] == "alice@alvea-rh.fr"
    assert query["redirect_uri"].endswith(reverse("mailboxes:oauth_callback"))
    assert query["scope"] == "https://mail.google.com/"
    return query["state"]


def test_connecting_a_google_mailbox_stores_its_refresh_token_encrypted(
    alice_client, google_box, oauth_server
):  # noqa: F811
    state = connect(alice_client, google_box, oauth_server)
    back = alice_client.get(reverse("mailboxes:oauth_callback"), {"code": "good-code", "state": state})
    assert back.status_code == 302
    google_box.refresh_from_db()
    assert google_box.oauth_connected_at is not None
    assert google_box.oauth_refresh_encrypted and "rt-alvea-1" not in google_box.oauth_refresh_encrypted
    assert oauth_server.requests[-1]["grant_type"] == "authorization_code"
    page = alice_client.get(reverse("mailboxes:edit", args=[google_box.public_id])).content.decode()
    assert "Connectée avec OAuth2" in page and "rt-alvea-1" not in page


def test_a_forged_or_foreign_state_is_refused(client, alice_client, bob, google_box, oauth_server):  # noqa: F811
    state = connect(alice_client, google_box, oauth_server)
    forged = alice_client.get(
        reverse("mailboxes:oauth_callback"), {"code": "good-code", "state": state + "x"}
    )
    assert forged.status_code == 302
    client.force_login(bob)  # same team, but he did not start this sign-in
    client.get(reverse("mailboxes:oauth_callback"), {"code": "good-code", "state": state})
    google_box.refresh_from_db()
    assert google_box.oauth_refresh_encrypted == "" and oauth_server.requests == []


def test_a_refused_code_says_what_the_provider_said(alice_client, google_box, oauth_server):  # noqa: F811
    state = connect(alice_client, google_box, oauth_server)
    back = alice_client.get(
        reverse("mailboxes:oauth_callback"), {"code": "stale", "state": state}, follow=True
    )
    assert "invalid_grant" in back.content.decode()
    google_box.refresh_from_db()
    assert google_box.oauth_connected_at is None


def test_the_access_token_is_refreshed_before_it_expires(alice_client, google_box, oauth_server):  # noqa: F811
    state = connect(alice_client, google_box, oauth_server)
    alice_client.get(reverse("mailboxes:oauth_callback"), {"code": "good-code", "state": state})
    google_box.refresh_from_db()
    assert mailbox_access_token(mailbox=google_box) == "at-1"  # still fresh: no request
    assert len(oauth_server.requests) == 1
    later = clock.now() + dt.timedelta(minutes=59)
    assert mailbox_access_token(mailbox=google_box, now=later) == "at-2"
    assert oauth_server.requests[-1]["grant_type"] == "refresh_token"
    google_box.refresh_from_db()
    assert google_box.oauth_expires_at > later


def test_smtp_logs_in_with_xoauth2_and_sends(alice_client, google_box, oauth_server):  # noqa: F811
    state = connect(alice_client, google_box, oauth_server)
    alice_client.get(reverse("mailboxes:oauth_callback"), {"code": "good-code", "state": state})
    with serving(AuthCatcher(tokens=oauth_server.issued)) as smtp:
        Mailbox.objects.filter(pk=google_box.pk).update(smtp_port=smtp.port)
        google_box.refresh_from_db()
        raw = b"From: alice@alvea-rh.fr\r\nTo: helene@example.org\r\nSubject: Bonjour\r\n\r\nBonjour.\r\n"
        pool = transport.SmtpPool(timeout=10)
        try:
            outcome = transport.smtp_send(pool, google_box, raw, google_box.address, "helene@example.org")
        finally:
            pool.close()
        assert outcome.result == transport.SENT, outcome.detail
        assert smtp.logins == [("XOAUTH2", "alice@alvea-rh.fr")]
        assert len(smtp.received) == 1

        # The test button says the same thing, with the server's words.
        page = alice_client.post(
            reverse("mailboxes:test", args=["smtp"]),
            {
                "mailbox": str(google_box.public_id),
                "smtp_host": "127.0.0.1",
                "smtp_port": str(smtp.port),
                "smtp_security": "none",
            },
        ).content.decode()
        assert "La connexion fonctionne." in page and "235" in page


def test_a_revoked_token_is_a_retry_not_a_send(alice_client, google_box, oauth_server):  # noqa: F811
    state = connect(alice_client, google_box, oauth_server)
    alice_client.get(reverse("mailboxes:oauth_callback"), {"code": "good-code", "state": state})
    oauth_server.issued.clear()  # the account owner removed Vivier's access
    with serving(AuthCatcher(tokens=oauth_server.issued)) as smtp:
        Mailbox.objects.filter(pk=google_box.pk).update(smtp_port=smtp.port)
        google_box.refresh_from_db()
        pool = transport.SmtpPool(timeout=10)
        try:
            outcome = transport.smtp_send(
                pool, google_box, b"Subject: x\r\n\r\nx\r\n", google_box.address, "h@example.org"
            )
        finally:
            pool.close()
    assert outcome.result == transport.RETRY and "535" in outcome.detail
    assert smtp.received == []
