"""Inbound mail posted by an email service (Mailgun's raw-MIME route, through django-anymail)."""

import base64
import hashlib
import hmac

import pytest
from django.test import override_settings

from vivier.replies.models import InboundMessage

URL = "/replies/anymail/mailgun/inbound_mime/"
SECRET = "vivier:webhook-secret"
SIGNING_KEY = "key-test-signing"
ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}


def basic(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def mailgun_post(raw: str, *, token="t0k3n", timestamp="1762161129", key=SIGNING_KEY) -> dict:
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {
        "body-mime": raw,
        "recipient": "alice@alvea-rh.fr",
        "sender": "julien.moreau@gmail.com",
        "timestamp": timestamp,
        "token": token,
        "signature": signature,
    }


@pytest.mark.django_db
@override_settings(ANYMAIL=ANYMAIL)
def test_a_webhook_delivery_is_stored_once_like_any_other_inbound_mail(client, eml):
    data = mailgun_post(eml("gmail_fr.eml").decode("utf-8"))
    response = client.post(URL, data, **basic(SECRET))
    assert response.status_code == 200
    message = InboundMessage.objects.get()
    assert message.source == "webhook" and message.status == "processed"
    assert message.mailbox_address == "alice@alvea-rh.fr"
    assert message.message_id == "<CAF3x+Vb0kq2nZ8hH1=rPq7kLw@mail.gmail.com>"
    assert message.visible_text.startswith("Bonjour Alice,\n\nOui, le poste m'intéresse beaucoup.")
    # Services retry on timeouts: a second delivery is recognised.
    assert client.post(URL, data, **basic(SECRET)).status_code == 200
    assert InboundMessage.objects.count() == 1


@pytest.mark.django_db
@override_settings(ANYMAIL=ANYMAIL)
@pytest.mark.parametrize("secret, key", [("vivier:wrong", SIGNING_KEY), (SECRET, "key-forged")])
def test_a_webhook_without_the_secret_or_the_signature_is_refused(client, eml, secret, key):
    response = client.post(URL, mailgun_post(eml("gmail_fr.eml").decode("utf-8"), key=key), **basic(secret))
    assert response.status_code in {400, 401, 403}
    assert not InboundMessage.objects.exists()


INBOUND_ROUTES = [
    "amazon_ses",
    "brevo",
    "mailersend",
    "mailgun",
    "mailjet",
    "mailtrap",
    "postal",
    "postmark",
    "resend",
    "sendgrid",
    "sendinblue",
    "sparkpost",
]
FORGED_POSTMARK = {
    "FromFull": {"Email": "julien.moreau@gmail.com", "Name": "Julien"},
    "ToFull": [{"Email": "alice@alvea-rh.fr"}],
    "Subject": "Re: poste",
    "TextBody": "Please unsubscribe me",
    "MessageID": "forged-1",
    "Headers": [],
}


@pytest.mark.django_db
@override_settings(ANYMAIL={})
def test_a_webhook_is_refused_and_logged_when_no_credentials_are_configured(client, caplog):
    response = client.post(
        "/replies/anymail/postmark/inbound/", FORGED_POSTMARK, content_type="application/json"
    )
    assert response.status_code == 403
    assert not InboundMessage.objects.exists()
    assert "VIVIER_ANYMAIL_WEBHOOK_SECRET" in caplog.text


@pytest.mark.django_db
@override_settings(ANYMAIL={"WEBHOOK_SECRET": SECRET})
def test_a_postmark_post_without_the_secret_is_refused(client):
    response = client.post(
        "/replies/anymail/postmark/inbound/", FORGED_POSTMARK, content_type="application/json"
    )
    assert response.status_code == 400
    assert not InboundMessage.objects.exists()


@pytest.mark.django_db
@override_settings(ANYMAIL=ANYMAIL)
@pytest.mark.parametrize("esp", INBOUND_ROUTES)
@pytest.mark.parametrize(
    "body, content_type",
    [
        ("{}", "application/json"),
        ("", "application/json"),
        ("not json {", "application/json"),
        ("[1, 2]", "application/json"),
        ('{"Records": "x", "Type": 3, "items": null}', "application/json"),
        ("a=1&token=x", "application/x-www-form-urlencoded"),
    ],
)
def test_a_malformed_webhook_body_gets_a_4xx_never_a_server_error(client, esp, body, content_type):
    client.raise_request_exception = False
    response = client.post(
        f"/replies/anymail/{esp}/inbound/", body, content_type=content_type, **basic(SECRET)
    )
    assert 400 <= response.status_code < 500, response.content[:300]
    assert not InboundMessage.objects.exists()


@pytest.mark.django_db
@override_settings(ANYMAIL=ANYMAIL)
def test_a_signed_mailgun_post_without_a_message_gets_400(client):
    data = mailgun_post("")
    del data["body-mime"]
    response = client.post(URL, data, **basic(SECRET))
    assert response.status_code == 400
