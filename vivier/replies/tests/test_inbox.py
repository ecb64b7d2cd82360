"""The triage inbox pages (Django test client): groups and counts, relabel, done, quick reply, unmatched,
unprocessed, follow-up, and another team's data answering 404."""

import pytest
from django.urls import reverse

from vivier.mail import transport
from vivier.pool.models import Candidate
from vivier.replies.capture import inbound_store
from vivier.replies.models import Reply
from vivier.sequences.models import Enrollment, OutboundMessage, Sequence, Task
from vivier.sequences.services import sequence_save
from vivier.sequences.tests import conftest as seqfix

from .mails import AWAY, MORE, NO_SALARY, YES, plain, receive, replied_world

campaign, job, make_candidate, sequence = seqfix.campaign, seqfix.job, seqfix.make_candidate, seqfix.sequence


@pytest.fixture(autouse=True)
def memory(settings):
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    yield transport.memory_outbox
    transport.memory_outbox.clear()
    from vivier.lib import clock

    clock.set_now(None)


@pytest.fixture
def world(campaign, make_candidate, team):
    return replied_world(
        campaign=campaign,
        make_candidate=make_candidate,
        team=team,
        texts={"Ana": YES, "Ben": MORE, "Cleo": NO_SALARY, "Dan": AWAY, "Eve": YES, "Fay": None},
    )


def counts(response) -> dict:
    import re

    html = response.content.decode()
    return {
        m.group(1): int(m.group(2))
        for m in re.finditer(r'data-testid="count" data-intent="(\w+)" data-count="(\d+)"', html)
    }


def test_the_inbox_groups_replies_by_intent_with_counts(alice_client, world):
    response = alice_client.get(reverse("replies:inbox"))
    assert response.status_code == 200
    assert counts(response) == {"interested": 2, "more_info": 1, "not_interested": 1, "out_of_office": 1}
    html = response.content.decode()
    assert "le salaire est trop bas" in html and "Python Lyon" in html
    # The answers asking for a reply come first.
    assert html.index('data-intent="interested"') < html.index('data-intent="not_interested"')


def test_a_click_relabels_a_reply_and_the_effects_follow(alice_client, world, alice):
    reply = Reply.objects.get(candidate=world["Cleo"])
    response = alice_client.post(
        reverse("replies:label", args=[reply.public_id]),
        {"intent": "interested"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert counts(response)["interested"] == 3 and "not_interested" not in counts(response)
    reply.refresh_from_db()
    assert (
        reply.intent == "interested"
        and reply.predicted_intent == "not_interested"
        and reply.corrected_by == alice
    )
    assert Task.objects.filter(candidate=world["Cleo"], kind="reply").exists()
    assert Candidate.objects.get(pk=world["Cleo"].pk).last_reply_intent == "interested"


def test_done_and_undone(alice_client, world):
    reply = Reply.objects.get(candidate=world["Ana"])
    alice_client.post(reverse("replies:done", args=[reply.public_id]))
    assert counts(alice_client.get(reverse("replies:inbox")))["interested"] == 1
    assert counts(alice_client.get(reverse("replies:inbox") + "?done=1")) == {"interested": 1}
    alice_client.post(reverse("replies:done", args=[reply.public_id]), {"undo": "1", "done": "1"})
    assert counts(alice_client.get(reverse("replies:inbox")))["interested"] == 2


def test_a_quick_reply_is_sent_in_the_thread(alice_client, world, memory):
    reply = Reply.objects.get(candidate=world["Ben"])
    memory.clear()
    response = alice_client.post(
        reverse("replies:send", args=[reply.public_id]), {"body": "50 k€ et deux jours de télétravail."}
    )
    assert response.status_code == 302
    message = OutboundMessage.objects.get(candidate=world["Ben"], in_reply_to=reply.inbound.message_id)
    assert message.status == "sent" and message.body.startswith("50 k€")
    assert len(memory) == 1


def test_an_empty_quick_reply_sends_nothing(alice_client, world, memory):
    reply = Reply.objects.get(candidate=world["Ben"])
    memory.clear()
    alice_client.post(reverse("replies:send", args=[reply.public_id]), {"body": "  "})
    assert memory == []


def test_an_unmatched_message_is_listed_and_attached(alice_client, team, make_candidate):
    receive(plain("Zoé <zoe.perso@nowhere.example>", "Candidature", YES), team=team)
    zoe = make_candidate(first_name="Zoé", last_name="Roux", email="zoe@example.org")
    response = alice_client.get(reverse("replies:unmatched"))
    assert "zoe.perso@nowhere.example" in response.content.decode()
    reply = Reply.objects.get(candidate__isnull=True)
    alice_client.post(reverse("replies:attach", args=[reply.public_id]), {"candidate": "zoe@example.org"})
    reply.refresh_from_db()
    assert reply.candidate == zoe
    assert "zoe.perso" not in alice_client.get(reverse("replies:unmatched")).content.decode()
    assert counts(alice_client.get(reverse("replies:inbox"))) == {"interested": 1}


def test_an_unparsable_message_shows_in_the_unprocessed_list(alice_client, team, eml):
    message, _ = inbound_store(raw=eml("garbage.eml"), source="pipe", team=team)
    assert message.status == "unprocessed"
    html = alice_client.get(reverse("replies:unprocessed")).content.decode()
    assert 'data-testid="unprocessed-row"' in html and message.message_id in html


def test_a_follow_up_starts_for_the_yes_and_more_info_only(alice_client, world, campaign, team):
    follow_seq = sequence_save(team=team, name="Suite", steps=[{"delay": 0, "body_fr": "Voici la suite."}])
    page = alice_client.get(reverse("replies:follow_up", args=[campaign.public_id])).content.decode()
    assert "Ana" in page and "Ben" in page and "Cleo" not in page
    response = alice_client.post(
        reverse("replies:follow_up", args=[campaign.public_id]), {"sequence": str(follow_seq.public_id)}
    )
    assert response.status_code == 302
    names = set(
        Enrollment.objects.filter(campaign__sequence=follow_seq).values_list(
            "candidate__first_name", flat=True
        )
    )
    assert names == {"Ana", "Ben", "Eve"}


def test_another_team_sees_none_of_it(client, charlie, world, campaign):
    client.force_login(charlie)
    reply = Reply.objects.get(candidate=world["Ana"])
    assert counts(client.get(reverse("replies:inbox"))) == {}
    for name in ("label", "done", "send", "attach"):
        assert (
            client.post(
                reverse(f"replies:{name}", args=[reply.public_id]),
                {"intent": "other", "body": "x", "candidate": "x"},
            ).status_code
            == 404
        )
    assert client.get(reverse("replies:follow_up", args=[campaign.public_id])).status_code == 404
    assert client.get(reverse("replies:inbox") + f"?campaign={campaign.public_id}").status_code == 404
    reply.refresh_from_db()
    assert reply.intent == "interested" and reply.done_at is None
    assert not Sequence.objects.filter(team__slug="vasco").exists()


def test_the_api_lists_relabels_and_answers(api, world, client, charlie, memory):
    rows = api.get("/api/replies/").json()
    assert {r["intent"] for r in rows} == {"interested", "more_info", "not_interested", "out_of_office"}
    assert rows[0]["intent"] == "interested"  # answers asking for a reply come first
    cleo = next(r for r in rows if r["intent"] == "not_interested")
    assert cleo["reason"] == "salary" and "trop bas" in cleo["visible_text"]
    assert api.post(f"/api/replies/{cleo['id']}/label", {"intent": "maybe"}).status_code == 400
    relabelled = api.post(f"/api/replies/{cleo['id']}/label", {"intent": "more_info"}).json()
    assert relabelled["intent"] == "more_info" and relabelled["predicted_intent"] == "not_interested"
    answer = api.post(f"/api/replies/{cleo['id']}/answer", {"body": "50 k€."}).json()
    assert answer["status"] == "sent" and answer["in_reply_to"].startswith("<")
    assert api.post(f"/api/replies/{cleo['id']}/done", {"done": True}).json()["done"] is True
    client.force_login(charlie)
    assert (
        client.post(
            f"/api/replies/{cleo['id']}/label", {"intent": "other"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.get("/api/replies/").json() == []


def test_relabelling_from_the_inbox_again_and_again_leaves_one_reply_now_task(alice_client, world):
    reply = Reply.objects.get(candidate=world["Ana"])
    for intent in ("more_info", "interested", "later", "more_info", "not_interested", "interested"):
        alice_client.post(
            reverse("replies:label", args=[reply.public_id]),
            {"intent": intent},
            headers={"HX-Request": "true"},
        )
        assert Task.objects.filter(candidate=world["Ana"], done_at__isnull=True).count() <= 1, intent
    assert Task.objects.filter(candidate=world["Ana"], kind="reply", done_at__isnull=True).count() == 1
    page = alice_client.get(reverse("sequences:tasks")).content.decode()
    assert page.count(f'href="/pool/c/{world["Ana"].public_id}/"') == 1
