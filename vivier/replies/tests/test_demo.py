"""The demo's seeded replies."""

from vivier.mail import transport
from vivier.replies.demo import seed_demo
from vivier.replies.models import Reply
from vivier.sequences.models import Enrollment
from vivier.sequences.tests import conftest as seqfix

from .mails import replied_world

campaign, job, make_candidate, sequence = seqfix.campaign, seqfix.job, seqfix.make_candidate, seqfix.sequence


def test_seed_demo_answers_a_few_outbox_messages_with_varied_replies(
    campaign, make_candidate, team, alice, settings
):
    settings.VIVIER_MAIL_TRANSPORT = "outbox"
    try:
        replied_world(
            campaign=campaign,
            make_candidate=make_candidate,
            team=team,
            texts={n: None for n in ("Ana", "Ben", "Cleo", "Dan", "Eve", "Fay", "Gus")},
        )
        assert seed_demo(team, [alice]) == 5
        intents = set(Reply.objects.values_list("intent", flat=True))
        assert intents == {"interested", "more_info", "not_interested", "later", "referral"}
        assert Enrollment.objects.filter(state="active").count() == 2
        assert seed_demo(team, [alice]) == 2  # the candidates who have not answered yet
    finally:
        transport.memory_outbox.clear()
        from vivier.lib import clock

        clock.set_now(None)
