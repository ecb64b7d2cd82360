import pytest

from vivier.lib import clock
from vivier.lib.signing import BadToken, ExpiredToken, unsubscribe_token, unsubscribe_token_read
from vivier.pool.models import Candidate
from vivier.sequences import engine
from vivier.sequences.models import Enrollment, OutboundMessage
from vivier.sequences.services import campaign_start


@pytest.fixture
def sent(campaign, make_candidate, now_at):
    hélène = make_candidate()
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[hélène])
    engine.handle_one_due()
    clock.set_now(None)
    return OutboundMessage.objects.get()


def path_of(message):
    return message.unsubscribe_url.removeprefix("http://127.0.0.1:8000")


@pytest.mark.django_db
def test_a_get_never_unsubscribes(client, sent):
    response = client.get(path_of(sent))
    assert response.status_code == 200 and b"unsubscribe-confirm" in response.content
    assert Candidate.objects.get().unsubscribed_at is None
    assert Enrollment.objects.get().state == "active"


@pytest.mark.django_db
def test_rfc8058_one_click_post_unsubscribes_without_a_session(sent):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(path_of(sent), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    candidate = Candidate.objects.get()
    assert candidate.unsubscribed_at is not None and candidate.in_active_campaign is False
    assert Enrollment.objects.get().state == "unsubscribed"
    assert candidate.timeline.filter(kind="unsubscribed").count() == 1


@pytest.mark.django_db
def test_a_tampered_token_is_refused(client, sent):
    response = client.post(path_of(sent).replace("/unsubscribe/", "/unsubscribe/x"))
    assert response.status_code == 404
    assert Candidate.objects.get().unsubscribed_at is None


def test_tokens_expire():
    token = unsubscribe_token("c0ffee", "m1")
    assert unsubscribe_token_read(token)["c"] == "c0ffee"
    with pytest.raises(ExpiredToken):
        unsubscribe_token_read(token, max_age=-1)
    with pytest.raises(BadToken):
        unsubscribe_token_read(token[:-2] + "xx")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_candidate_unsubscribes_from_the_link_in_the_email(page, sent):
    page.goto(path_of(sent))
    assert Candidate.objects.get().unsubscribed_at is None  # the page view alone did nothing
    page.get_by_test_id("unsubscribe-confirm").click()
    page.get_by_test_id("unsubscribe-done").wait_for()
    assert Candidate.objects.get().unsubscribed_at is not None
    assert Enrollment.objects.get().state == "unsubscribed"


def test_unsubscribe_tokens_are_byte_for_byte_djangos_signed_objects(monkeypatch, settings):
    from django.core import signing

    from vivier.lib import signing as vivier_signing

    monkeypatch.setattr(signing.time, "time", lambda: 1_773_000_000.5)
    for key in ("k" * 50, "an-other-secret-key-ébè"):
        settings.SECRET_KEY = key
        for c, m in (
            ("9f0c4a9e-0000-4000-8000-000000000001", "5d1e0f3c-0000-4000-8000-000000000002"),
            ("x", ""),
        ):
            token = vivier_signing.unsubscribe_token(c, m)
            assert token == signing.TimestampSigner(salt=vivier_signing.SALT).sign_object({"c": c, "m": m})
            assert vivier_signing.unsubscribe_token_read(token, max_age=10**9) == {"c": c, "m": m}
