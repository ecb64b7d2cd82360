"""The home page and the notifications in Chromium, in French (Alice) and English (Bob): a fresh team's
checklist, a running team's attention list, the bell, marking read, switching a kind off."""

import pytest

from vivier.lib import clock
from vivier.mail import transport
from vivier.replies.tests.mails import MORE, YES, replied_world
from vivier.sequences.tests import conftest as seqfix

campaign, job, make_candidate, sequence = seqfix.campaign, seqfix.job, seqfix.make_candidate, seqfix.sequence


@pytest.fixture(autouse=True)
def memory(settings):
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    yield
    transport.memory_outbox.clear()
    clock.set_now(None)


@pytest.fixture
def world(campaign, make_candidate, team):
    return replied_world(
        campaign=campaign,
        make_candidate=make_candidate,
        team=team,
        texts={"Ana": YES, "Ben": MORE, "Cleo": None},
    )


def step(page, name):
    return page.locator(f"[data-testid=step-{name}]")


@pytest.mark.browser
def test_a_fresh_team_sees_the_checklist_in_french(page, login, alice):
    login(alice)
    page.goto("/")
    assert step(page, "import").get_attribute("data-done") == "no"
    assert step(page, "import").inner_text().strip() == "Importer votre vivier"
    assert [step(page, n).get_attribute("data-done") for n in ("segment", "sequence", "launch")] == ["no"] * 3
    assert page.locator("[data-testid=nothing]").inner_text() == "Rien ne demande votre attention."
    step(page, "import").locator("a").click()
    page.wait_for_url("**/pool/import/")


@pytest.mark.browser
def test_a_fresh_team_sees_the_checklist_in_english(page, login, bob, make_candidate):
    make_candidate()  # the pool is imported: that step is done
    login(bob)
    page.goto("/")
    assert step(page, "import").get_attribute("data-done") == "yes"
    assert step(page, "segment").inner_text().strip() == "Build a segment"
    assert step(page, "segment").get_attribute("data-done") == "no"


@pytest.mark.browser
def test_a_running_team_sees_what_needs_attention_today(page, login, alice, world, campaign):
    login(alice)
    page.goto("/")
    assert page.locator("[data-testid=checklist]").count() == 0  # launched: the checklist steps aside
    replies = page.locator("[data-testid=block-replies]")
    assert "Réponses à traiter" in replies.locator("h3").inner_text()
    assert replies.locator("[data-testid=item]", has_text="Ana Test").count() == 1
    assert "à répondre avant le" in replies.locator("[data-testid=item]", has_text="Ana Test").inner_text()
    running = page.locator("[data-testid=block-campaigns]")
    assert running.locator("[data-testid=item]", has_text=campaign.name).count() == 1


@pytest.mark.browser
def test_a_running_team_sees_what_needs_attention_in_english(page, login, bob, world):
    login(bob)
    page.goto("/")
    assert "Replies to answer" in page.locator("[data-testid=block-replies] h3").inner_text()
    assert "Campaigns running" in page.locator("[data-testid=block-campaigns] h3").inner_text()


@pytest.mark.browser
def test_the_bell_counts_unread_notifications_and_marking_read_lowers_it(page, login, bob, world):
    login(bob)
    page.goto("/")
    assert page.locator("[data-testid=bell-count]").inner_text() == "2"  # Ana and Ben wait for an answer
    page.click("[data-testid=bell]")
    notes = page.locator("[data-testid=notification]")
    assert notes.count() == 2 and "Replies to answer" in notes.first.inner_text()
    notes.filter(has_text="Ana Test").locator("[data-testid=mark-read]").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=bell-count]").inner_text() == "1"
    assert notes.filter(has_text="Ana Test").get_attribute("data-read") == "yes"
    page.click("[data-testid=mark-all-read]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=bell-count]").count() == 0
    assert {notes.nth(i).get_attribute("data-read") for i in range(notes.count())} == {"yes"}


@pytest.mark.browser
def test_a_kind_switched_off_leaves_the_list_in_french(page, login, alice, world):
    login(alice)
    page.goto("/accounts/notifications/")
    notes = page.locator("[data-testid=notification]")
    assert {notes.nth(i).get_attribute("data-kind") for i in range(notes.count())} == {"replies", "deadlines"}
    assert "Délais sur le point d'être manqués" in page.content()
    page.uncheck("input[name=kinds][value=deadlines]")
    page.fill("input[name=digest_time]", "07:30")
    page.click("[data-testid=save-notifications]")
    page.wait_for_load_state()
    assert "Réglages des notifications enregistrés." in page.content()
    assert {notes.nth(i).get_attribute("data-kind") for i in range(notes.count())} == {"replies"}
    assert page.input_value("input[name=digest_time]") == "07:30"
