"""A recruiter connects a mailbox in Chromium and the worker alone does the rest: the SMTP side passes its
test against a real SMTP server on loopback, the IMAP side against Dovecot; a reply APPENDed to the inbox
reaches the replies inbox through `vivier worker --once`, and mail written from the Sent folder appears on the
candidate's timeline."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from vivier.lib import clock
from vivier.mail.models import Mailbox
from vivier.mail.tests.smtpd import AuthCatcher, serving
from vivier.pool.tests.factories import candidate_make
from vivier.replies.models import Reply
from vivier.replies.tests.conftest import PASSWORD

from .test_mailpoll import mail


@pytest.fixture
def smtp_auth():
    with serving(AuthCatcher(users={"alice": "smtp-secret"})) as catcher:
        yield catcher


def worker_once(now: dt.datetime | None = None) -> str:
    out = io.StringIO()
    args = ["worker", "--once"] + (["--now", now.isoformat()] if now else [])
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.browser
def test_a_recruiter_connects_a_mailbox_and_the_worker_brings_its_mail(
    page, login, alice, team, imap_mailbox, smtp_auth
):
    helene = candidate_make(team=team, first_name="Hélène", last_name="Dupré", email="helene@example.org")
    conn = imap_mailbox.connect()
    try:
        conn.create("Sent")
    finally:
        conn.logout()

    login(alice)
    page.goto("/mailboxes/")
    page.click("[data-testid=new-mailbox]")
    page.fill("input[name=address]", "alice@alvea-rh.fr")
    page.fill("input[name=display_name]", "Alice Martin")
    page.fill("input[name=smtp_host]", "127.0.0.1")
    page.fill("input[name=smtp_port]", str(smtp_auth.port))
    page.select_option("select[name=smtp_security]", "none")
    page.fill("input[name=smtp_username]", "alice")
    page.fill("input[name=smtp_password]", "smtp-secret")
    page.fill("input[name=imap_host]", imap_mailbox.server.host)
    page.fill("input[name=imap_port]", str(imap_mailbox.server.port))
    page.select_option("select[name=imap_security]", "none")
    page.fill("input[name=imap_username]", imap_mailbox.user)
    page.fill("input[name=imap_password]", PASSWORD)

    page.click("[data-testid=test-smtp]")
    smtp_result = page.locator("[data-testid=smtp-check-result]")
    smtp_result.wait_for()
    assert "La connexion fonctionne." in smtp_result.inner_text()
    assert "235 2.7.0 Authentication successful" in smtp_result.inner_text()

    page.click("[data-testid=test-imap]")
    imap_result = page.locator("[data-testid=imap-check-result]")
    imap_result.wait_for()
    text = imap_result.inner_text()
    assert "La connexion fonctionne." in text and "Dovecot" in text and "Sent: 0" in text

    page.click("[data-testid=save-mailbox]")
    page.wait_for_url("**/mailboxes/m/*/")
    box = Mailbox.objects.get(team=team)
    assert box.imap_username == imap_mailbox.user and box.get_imap_password() == PASSWORD
    assert PASSWORD not in page.content() and "smtp-secret" not in page.content()

    # The candidate answers; nobody runs a command but the worker.
    imap_mailbox.append(
        mail("helene@example.org", box.address, "Re: Poste Python", "Oui, je suis intéressée !")
    )
    worker_once()
    reply = Reply.objects.get(team=team)
    assert reply.candidate == helene and reply.intent == "interested"
    page.goto("/replies/")
    assert "Oui, je suis intéressée" in page.locator("[data-testid=reply]").first.inner_text()

    # Alice answers from her own mail client: the worker finds it in Sent at its next poll.
    imap_mailbox.append(
        mail(box.address, "helene@example.org", "Re: Poste Python", "Je vous appelle demain à 10 h."),
        mailbox="Sent",
    )
    worker_once(clock.now() + dt.timedelta(minutes=10))
    page.goto(f"/pool/c/{helene.public_id}/")
    assert "E-mail écrit depuis alice@alvea-rh.fr : Re: Poste Python" in page.content()
    reply.refresh_from_db()
    assert reply.done_at is not None

    page.goto(f"/mailboxes/m/{box.public_id}/")
    assert page.locator("[data-testid=mailbox-polled]").is_visible()
