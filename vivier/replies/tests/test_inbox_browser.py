"""The triage inbox in Chromium: group counts, relabel with a click and with the keyboard, done, quick reply,
the unmatched list, and the demo's "reply as the candidate" form."""

import pytest

from vivier.lib import clock
from vivier.mail import transport
from vivier.replies.models import Reply
from vivier.sequences.models import Enrollment, OutboundMessage
from vivier.sequences.tests import conftest as seqfix

from .mails import AWAY, MORE, NO_SALARY, YES, plain, receive, replied_world

campaign, job, make_candidate, sequence = seqfix.campaign, seqfix.job, seqfix.make_candidate, seqfix.sequence


@pytest.fixture(autouse=True)
def memory(settings):
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    yield transport.memory_outbox
    transport.memory_outbox.clear()
    clock.set_now(None)


@pytest.fixture
def world(campaign, make_candidate, team):
    return replied_world(
        campaign=campaign,
        make_candidate=make_candidate,
        team=team,
        texts={"Ana": YES, "Ben": MORE, "Cleo": NO_SALARY, "Dan": AWAY, "Fay": None},
    )


def count(page, intent: str) -> int:
    loc = page.locator(f"[data-testid=count][data-intent={intent}]")
    return int(loc.get_attribute("data-count")) if loc.count() else 0


def reply_card(page, name: str):
    return page.locator("[data-testid=reply]", has_text=f"{name} Test")


@pytest.mark.browser
def test_the_inbox_shows_counts_and_a_click_relabels(page, login, alice, world):
    login(alice)
    page.goto("/replies/")
    summary = page.locator("[data-testid=summary]")
    assert summary.is_visible()
    assert (
        count(page, "interested"),
        count(page, "more_info"),
        count(page, "not_interested"),
        count(page, "out_of_office"),
    ) == (1, 1, 1, 1)
    cleo = reply_card(page, "Cleo")
    assert "le salaire est trop bas" in cleo.inner_text()
    assert cleo.get_attribute("data-intent") == "not_interested"

    cleo.locator("[data-testid=label-interested]").click()
    page.wait_for_function(
        "document.querySelector('[data-testid=count][data-intent=interested]').dataset.count === '2'"
    )
    assert count(page, "not_interested") == 0
    assert reply_card(page, "Cleo").get_attribute("data-intent") == "interested"
    reply = Reply.objects.get(candidate=world["Cleo"])
    assert reply.intent == "interested" and reply.corrected_by == alice


@pytest.mark.browser
def test_keyboard_shortcuts_move_relabel_and_mark_done(page, login, alice, world):
    login(alice)
    page.goto("/replies/")
    # The answers asking for a reply come first: Ana (yes), then Ben (more info).
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert "Ben Test" in page.locator("[data-testid=reply].selected").inner_text()
    page.keyboard.press("4")  # 4: not interested
    page.wait_for_function(
        "document.querySelector('[data-testid=count][data-intent=not_interested]').dataset.count === '2'"
    )
    assert Reply.objects.get(candidate=world["Ben"]).intent == "not_interested"
    # The selection follows Ben into his new group; d marks him done.
    assert "Ben Test" in page.locator("[data-testid=reply].selected").inner_text()
    page.keyboard.press("d")
    page.wait_for_function(
        "document.querySelector('[data-testid=count][data-intent=not_interested]').dataset.count === '1'"
    )
    assert Reply.objects.get(candidate=world["Ben"]).done_at is not None
    page.click("[data-testid=show-done]")
    assert reply_card(page, "Ben").is_visible()
    reply_card(page, "Ben").locator("[data-testid=undone]").click()
    page.wait_for_selector("[data-testid=inbox-empty]")
    assert Reply.objects.get(candidate=world["Ben"]).done_at is None


@pytest.mark.browser
def test_a_quick_reply_from_the_inbox(page, login, alice, world, memory):
    login(alice)
    page.goto("/replies/")
    memory.clear()
    ben = reply_card(page, "Ben")
    ben.click()
    page.keyboard.press("r")  # opens the reply form, focused
    page.keyboard.type("Le salaire est de 50 k€, deux jours de télétravail.")
    ben.locator("[data-testid=reply-send]").click()
    page.wait_for_url("**/replies/")
    assert "ben@example.org" in page.locator(".messages").inner_text()
    sent = OutboundMessage.objects.get(candidate=world["Ben"], in_reply_to__startswith="<")
    assert sent.body.startswith("Le salaire est de 50 k€") and sent.status == "sent"
    assert len(memory) == 1
    assert count(page, "more_info") == 0  # answered: done


@pytest.mark.browser
def test_an_unmatched_message_is_attached_from_its_page(page, login, alice, team, make_candidate):
    clock.set_now(seqfix.at("2026-03-10 09:00 Europe/Paris"))
    receive(plain("Zoé <zoe.perso@nowhere.example>", "Candidature", YES), team=team)
    zoe = make_candidate(first_name="Zoé", last_name="Roux", email="zoe@example.org")
    login(alice)
    page.goto("/replies/")
    page.click("[data-testid=nav-unmatched]")
    card = page.locator("[data-testid=unmatched]")
    assert "zoe.perso@nowhere.example" in card.inner_text()
    card.locator("[data-testid=attach-candidate]").fill("zoe@example.org")
    card.locator("[data-testid=attach]").click()
    page.wait_for_selector("[data-testid=unmatched-empty]")
    assert Reply.objects.get().candidate == zoe
    page.goto("/replies/")
    assert count(page, "interested") == 1


@pytest.mark.browser
def test_the_demo_replies_as_the_candidate(page, login, alice, world):
    login(alice)
    page.goto("/replies/")
    page.click("[data-testid=nav-demo]")
    row = page.locator("[data-testid=demo-message]", has_text="Fay Test")
    row.locator("[data-testid=demo-reply-link]").click()
    page.locator("[data-testid=demo-sample]").nth(1).click()  # "... Quel est le salaire proposé ? ..."
    page.click("[data-testid=demo-send]")
    page.wait_for_url("**/replies/")
    assert count(page, "more_info") == 2
    assert "Fay Test" in page.locator("[data-testid=group][data-intent=more_info]").inner_text()
    assert Enrollment.objects.get(candidate=world["Fay"]).state == "replied"


@pytest.mark.browser
def test_relabelling_as_unsubscribe_asks_first(page, login, alice, world):
    login(alice)
    page.goto("/replies/")
    answers = []

    def on_dialog(dialog):
        answers.append(dialog.message)
        dialog.dismiss() if len(answers) == 1 else dialog.accept()

    page.on("dialog", on_dialog)
    page.keyboard.press("j")  # Ana
    page.keyboard.press("7")  # unsubscribe: refused at the prompt
    page.wait_for_timeout(300)
    assert len(answers) == 1 and Reply.objects.get(candidate=world["Ana"]).intent == "interested"
    reply_card(page, "Ana").locator("[data-testid=label-unsubscribe]").click()  # accepted this time
    page.wait_for_selector("[data-testid=count][data-intent=unsubscribe]")
    assert Reply.objects.get(candidate=world["Ana"]).intent == "unsubscribe"
    from vivier.pool.models import Candidate

    assert Candidate.objects.get(pk=world["Ana"].pk).unsubscribed_at is not None


@pytest.mark.browser
def test_a_campaign_follows_up_only_its_yes_and_more_info_replies(
    page, login, alice, world, campaign, sequence
):
    login(alice)
    page.goto(f"/sequences/campaigns/{campaign.public_id}/")
    page.click("[data-testid=campaign-follow-up]")
    listed = page.locator("[data-testid=follow-up-candidates]").inner_text()
    assert "Ana Test" in listed and "Ben Test" in listed
    assert "Cleo Test" not in listed and "Dan Test" not in listed
    page.click("[data-testid=follow-up-start]")
    page.wait_for_url(lambda url: str(campaign.public_id) not in url and "/sequences/campaigns/" in url)
    follow = Enrollment.objects.exclude(campaign=campaign).select_related("candidate")
    assert sorted(e.candidate.first_name for e in follow) == ["Ana", "Ben"]


@pytest.mark.browser
def test_a_message_that_cannot_be_read_is_listed_as_unprocessed(page, login, alice, team):
    from vivier.replies.capture import inbound_store

    inbound_store(raw=b"\x00\x01 not a mail at all", source="pipe", team=team)
    login(alice)
    page.goto("/replies/unprocessed/")
    row = page.locator("[data-testid=unprocessed-row]")
    assert row.count() == 1 and row.locator(".error").inner_text().strip()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_follow_up_on_a_sequence_with_hooks_asks_for_the_missing_hooks_in_place(
    page, login, alice, world, campaign, team, language
):
    from vivier.sequences.services import sequence_save

    alice.language = language
    alice.save()
    sequence_save(team=team, name="Autre", steps=[{"delay": 0, "body_fr": "Bonjour."}])
    hooked = sequence_save(
        team=team,
        name="Suite avec accroche",
        steps=[{"delay": 0, "body_fr": "{{ hook }}\n\nVoici la suite.", "body_en": "{{ hook }}\n\nMore."}],
    )
    login(alice)
    page.goto(f"/replies/campaign/{campaign.public_id}/follow-up/")
    page.select_option("[data-testid=follow-up-sequence]", str(hooked.public_id))
    page.click("[data-testid=follow-up-start]")
    # Refused in the reader's language, the sequence still chosen, one hook field per candidate.
    error = page.locator(".messages").inner_text()
    assert ("lack values" in error) if language == "en" else ("valeurs" in error)
    assert page.locator("[data-testid=follow-up-sequence]").input_value() == str(hooked.public_id)
    rows = page.locator("[data-testid=missing-row]")
    assert rows.count() == 2
    assert not Enrollment.objects.filter(campaign__sequence=hooked).exists()
    for name in ("Ana", "Ben"):
        rows.filter(has_text=f"{name} Test").locator("[data-testid=hook-input]").fill(f"Ton projet, {name}")
    page.click("[data-testid=follow-up-start]")
    page.wait_for_url(lambda url: str(campaign.public_id) not in url and "/sequences/campaigns/" in url)
    follow = Enrollment.objects.filter(campaign__sequence=hooked).select_related("candidate")
    assert sorted((e.candidate.first_name, e.hook) for e in follow) == [
        ("Ana", "Ton projet, Ana"),
        ("Ben", "Ton projet, Ben"),
    ]
