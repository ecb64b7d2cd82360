"""The "to check" replies in the inbox, in Chromium, in French (Alice) and in English (Bob)."""

import pytest

from vivier.lib import clock
from vivier.mail import transport
from vivier.pool.models import Candidate
from vivier.replies.models import DeclineRecord, Reply
from vivier.sequences.models import OutboundMessage
from vivier.sequences.outbox import contact_allowed
from vivier.sequences.tests import conftest as seqfix

from .mails import YES, replied_world

campaign, job, make_candidate, sequence = seqfix.campaign, seqfix.job, seqfix.make_candidate, seqfix.sequence

DOUBTFUL_NO = "Je souhaite rester en indépendant, le salariat ne m'intéresse plus."
STOP = "Merci de ne plus me contacter."


@pytest.fixture(autouse=True)
def memory(settings):
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    yield transport.memory_outbox
    transport.memory_outbox.clear()
    clock.set_now(None)


@pytest.fixture
def world(campaign, make_candidate, team, settings):
    settings.VIVIER_REPLY_CHECK_BELOW = 1.0  # every hard-to-undo reading waits: Cleo's decline, Zed's stop
    return replied_world(
        campaign=campaign,
        make_candidate=make_candidate,
        team=team,
        texts={"Ana": YES, "Cleo": DOUBTFUL_NO, "Zed": STOP},
    )


def to_check_count(page) -> int:
    loc = page.locator("[data-testid=count][data-intent=to_check]")
    return int(loc.get_attribute("data-count")) if loc.count() else 0


def card(page, name: str):
    return page.locator("[data-testid=reply]", has_text=f"{name} Test")


@pytest.mark.browser
def test_a_recruiter_confirms_a_reply_to_check_in_french(page, login, alice, world):
    login(alice)
    page.goto("/replies/")
    assert to_check_count(page) == 2
    assert "2 à vérifier" in page.locator("[data-testid=summary]").inner_text()
    zed = card(page, "Zed")
    assert zed.get_attribute("data-to-check") == "1"
    check = zed.locator("[data-testid=check]")
    assert "À vérifier" in check.inner_text()
    assert "Aucun message ne part vers cette personne" in check.inner_text()
    # The best guess is preselected and one click confirms it.
    assert "current" in zed.locator("[data-testid=label-unsubscribe]").get_attribute("class")
    assert "Confirmer" in zed.locator("[data-testid=confirm]").inner_text()
    zed.locator("[data-testid=confirm]").click()
    page.wait_for_function(
        "document.querySelector('[data-testid=count][data-intent=to_check]').dataset.count === '1'"
    )
    assert page.locator("[data-testid=count][data-intent=unsubscribe]").get_attribute("data-count") == "1"
    assert Candidate.objects.get(pk=world["Zed"].pk).unsubscribed_at is not None
    # Cleo's decline: the reason is picked in the same form, then confirmed.
    cleo = card(page, "Cleo")
    cleo.locator("[data-testid=check-reason]").select_option("contract")
    cleo.locator("[data-testid=confirm]").click()
    page.wait_for_selector("[data-testid=count][data-intent=not_interested]")
    assert to_check_count(page) == 0
    assert DeclineRecord.objects.get(candidate=world["Cleo"]).reason == "contract"


@pytest.mark.browser
def test_a_recruiter_picks_another_label_in_english_and_sending_resumes(page, login, bob, world):
    login(bob)
    page.goto("/replies/")
    page.click("[data-testid=show-to-check]")
    page.wait_for_url("**/replies/?check=1")
    assert "2 to check" in page.locator("[data-testid=summary]").inner_text()
    assert page.locator("[data-testid=group]").count() == 1  # only the replies to check
    zed = card(page, "Zed")
    assert "No message goes to this person until you check this reply." in zed.inner_text()
    assert not contact_allowed(world["Zed"], OutboundMessage.Kind.QUICK_REPLY, clock.now())
    zed.locator("[data-testid=label-later]").click()
    page.wait_for_function(
        "document.querySelector('[data-testid=count][data-intent=to_check]').dataset.count === '1'"
    )
    assert "1 to check" in page.locator("[data-testid=summary]").inner_text()
    reply = Reply.objects.get(candidate=world["Zed"])
    assert reply.intent == "later" and reply.check_state == Reply.Check.RELABELLED
    assert Candidate.objects.get(pk=world["Zed"].pk).unsubscribed_at is None
    assert contact_allowed(world["Zed"], OutboundMessage.Kind.QUICK_REPLY, clock.now())
