"""What a reply does: threading, the worker step, each intent's effects, corrections, quick reply, follow-up."""

import datetime as dt

import pytest

from vivier.lib import clock
from vivier.mail import transport
from vivier.pool.models import Candidate, CandidateEmail, TimelineEvent
from vivier.replies import services
from vivier.replies.capture import inbound_store
from vivier.replies.models import DeclineRecord, InboundMessage, Reply
from vivier.replies.services import inbound
from vivier.replies.threads import normalize_subject
from vivier.sequences import engine
from vivier.sequences.engine import decide
from vivier.sequences.models import Enrollment, OutboundMessage, Task
from vivier.sequences.services import campaign_start, sequence_save
from vivier.sequences.tests import conftest as seqfix
from vivier.sequences.tests.conftest import at, drain

from .mails import bounce_for, plain, reply_to

# The sequences app's fixtures (a campaign of four steps owned by Alice, candidates, a pinned clock).
campaign, job, make_candidate, now_at, sequence = (
    seqfix.campaign,
    seqfix.job,
    seqfix.make_candidate,
    seqfix.now_at,
    seqfix.sequence,
)

YES = "Oui, avec plaisir ! Je suis disponible pour un appel jeudi."
MORE = "Bonjour, quel est le salaire proposé ? Et le télétravail est-il possible ?"
NO_SALARY = "Non merci, le salaire est trop bas pour moi."


@pytest.fixture
def memory(settings):
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    yield transport.memory_outbox
    transport.memory_outbox.clear()


@pytest.fixture
def sent(campaign, make_candidate, now_at, memory):
    """Hélène got the first step of the campaign on Monday 9 March 2026; the follow-up is due Wednesday."""
    hélène = make_candidate(first_name="Hélène", last_name="Dupré", email="helene@example.org")
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[hélène])
    drain(until=at("2026-03-10 00:00 Europe/Paris"))
    outbound = OutboundMessage.objects.get(candidate=hélène)
    clock.set_now(at("2026-03-10 09:30 Europe/Paris"))
    return outbound


def receive(raw: bytes, team=None) -> Reply | None:
    message, _ = inbound_store(raw=raw, source="imap", team=team)
    while services.handle_one_inbound():
        pass
    return Reply.objects.filter(inbound=message).first()


def steps_sent(candidate) -> int:
    return OutboundMessage.objects.filter(
        candidate=candidate, kind=OutboundMessage.Kind.SEQUENCE_STEP
    ).count()


# --- Threading -------------------------------------------------------------------------------------------


def test_the_subject_is_normalized_without_reply_and_forward_prefixes():
    assert normalize_subject("RE : TR: Fwd: AW:  Un poste  chez Alvéa") == "un poste chez alvéa"
    assert normalize_subject("Re[2]: re: Hello") == "hello"


def test_a_reply_threads_by_in_reply_to_and_stops_the_sequence(sent, team, alice):
    reply = receive(reply_to(sent, YES), team=team)
    assert reply.matched_by == "in_reply_to" and reply.outbound == sent
    assert reply.candidate == sent.candidate and reply.campaign == sent.campaign
    assert reply.intent == "interested"
    enrollment = Enrollment.objects.get(pk=sent.enrollment_id)
    assert enrollment.state == "replied"
    drain(until=at("2026-06-01 00:00 Europe/Paris"))
    assert steps_sent(sent.candidate) == 1  # no follow-up ever went out


def test_a_reply_threads_by_references_when_in_reply_to_is_missing(sent, team):
    raw = reply_to(sent, YES, in_reply_to=False, references=["<other@elsewhere>", sent.message_id])
    reply = receive(raw, team=team)
    assert reply.matched_by == "references" and reply.enrollment_id == sent.enrollment_id


def test_a_reply_without_thread_headers_threads_by_sender_and_subject(sent, team):
    raw = reply_to(sent, YES, in_reply_to=False, references=[], subject=f"RE : {sent.subject}")
    reply = receive(raw, team=team)
    assert reply.matched_by == "sender" and reply.enrollment_id == sent.enrollment_id
    assert Enrollment.objects.get(pk=sent.enrollment_id).state == "replied"


def test_the_sender_address_matches_whatever_its_case(sent, team):
    reply = receive(
        reply_to(sent, YES, in_reply_to=False, references=[], sender="Helene@Example.ORG"), team=team
    )
    assert reply.candidate == sent.candidate


def test_mail_from_a_known_candidate_outside_any_campaign_lands_on_the_timeline(team, make_candidate, now_at):
    now_at("2026-03-10 09:00 Europe/Paris")
    paul = make_candidate(first_name="Paul", email="paul@example.org")
    reply = receive(plain("Paul <paul@example.org>", "Une question", MORE), team=team)
    assert reply.candidate == paul and reply.campaign is None and reply.matched_by == "sender"
    event = TimelineEvent.objects.get(candidate=paul, kind="message_in")
    assert "salaire" in event.text
    paul.refresh_from_db()
    assert paul.last_reply_intent == "more_info"


def test_mail_from_an_unknown_sender_is_unmatched_until_attached(team, make_candidate, now_at, alice):
    now_at("2026-03-10 09:00 Europe/Paris")
    reply = receive(plain("Inconnu <someone@nowhere.example>", "Bonjour", NO_SALARY), team=team)
    assert reply.candidate is None and reply.team == team and reply.intent == "not_interested"
    paul = make_candidate(first_name="Paul", email="paul@example.org")
    services.reply_attach(reply=reply, candidate=paul, by=alice)
    paul.refresh_from_db()
    assert reply.matched_by == "manual"
    assert paul.last_decline_reason == "salary"
    assert TimelineEvent.objects.filter(candidate=paul, kind="message_in").exists()


def test_a_message_for_another_team_never_threads_into_this_one(sent, other_team):
    reply = receive(reply_to(sent, YES), team=other_team)
    assert reply.candidate is None
    assert Enrollment.objects.get(pk=sent.enrollment_id).state == "active"


def test_a_message_received_without_a_team_takes_the_team_of_the_thread(sent, team):
    reply = receive(reply_to(sent, YES))
    assert reply.team == team
    assert InboundMessage.objects.get(pk=reply.inbound_id).team == team


# --- The step about to be sent ---------------------------------------------------------------------------


def test_a_reply_handled_while_the_next_step_is_being_prepared_stops_that_step(sent, team, monkeypatch):
    clock.set_now(at("2026-03-11 11:00 Europe/Paris"))  # the follow-up is due
    inbound_store(raw=reply_to(sent, YES), source="imap", team=team)
    real_decide = decide.decide_one

    def decide_then_reply(enrollment, now, cache):
        decided = real_decide(enrollment, now, cache)
        assert services.handle_one_inbound()  # the worker next door handles the reply right now
        return decided

    monkeypatch.setattr(decide, "decide_one", decide_then_reply)
    engine.handle_one_due()
    assert steps_sent(sent.candidate) == 1
    assert Enrollment.objects.get(pk=sent.enrollment_id).state == "replied"


# --- Effects per intent ----------------------------------------------------------------------------------


def test_yes_gives_the_owner_a_reply_now_task_and_fills_the_engagement_columns(sent, team, alice):
    reply = receive(reply_to(sent, YES), team=team)
    task = Task.objects.get(candidate=sent.candidate, kind="reply")
    assert task.owner == alice and task.done_at is None and reply.task == task
    c = Candidate.objects.get(pk=sent.candidate_id)
    assert c.last_reply_intent == "interested" and c.last_reply_at == reply.received_at
    assert c.last_candidate_activity_at == reply.received_at and c.in_active_campaign is False


def test_out_of_office_resumes_on_the_day_back_itself(sent, team):
    raw = plain(
        f"Hélène <{sent.to_email}>",
        f"Réponse automatique : {sent.subject}",
        "Je suis en congés. De retour le lundi 23 mars.",
        Auto_Submitted="auto-replied",
        In_Reply_To=sent.message_id,
    )
    reply = receive(raw, team=team)
    assert reply.intent == "out_of_office"
    assert reply.recontact_after == dt.date(2026, 3, 23)
    # Back on Monday 23: the follow-up goes that morning, not on Tuesday.
    assert Enrollment.objects.get(pk=sent.enrollment_id).next_at == at("2026-03-23 09:00 Europe/Paris")


def test_more_info_also_asks_for_a_reply(sent, team):
    reply = receive(reply_to(sent, MORE), team=team)
    assert reply.intent == "more_info"
    assert Task.objects.filter(candidate=sent.candidate, kind="reply").count() == 1


def test_out_of_office_pauses_until_the_next_business_day_after_the_return(sent, team):
    raw = plain(
        f"Hélène <{sent.to_email}>",
        f"Réponse automatique : {sent.subject}",
        "Je suis absente du bureau jusqu'au 20 mars inclus. Je vous répondrai à mon retour.",
        Auto_Submitted="auto-replied",
        In_Reply_To=sent.message_id,
    )
    reply = receive(raw, team=team)
    assert reply.intent == "out_of_office"
    enrollment = Enrollment.objects.get(pk=sent.enrollment_id)
    assert enrollment.state == "active"
    # Back on Saturday 21 March: the follow-up waits for Monday 23, inside the 9:00-18:00 window.
    assert enrollment.next_at == at("2026-03-23 09:00 Europe/Paris")
    c = Candidate.objects.get(pk=sent.candidate_id)
    assert c.last_reply_at is None and c.last_reply_intent == ""  # not a response
    drain(until=at("2026-03-23 12:00 Europe/Paris"))
    assert steps_sent(sent.candidate) == 2


def test_a_bounce_stops_and_marks_the_address_invalid(sent, team):
    reply = receive(bounce_for(sent), team=team)
    assert reply.intent == "bounce"
    assert CandidateEmail.objects.get(candidate=sent.candidate).invalid_at is not None
    assert Enrollment.objects.get(pk=sent.enrollment_id).state == "bounced"
    assert Candidate.objects.get(pk=sent.candidate_id).last_reply_at is None


def test_unsubscribe_suppresses_the_candidate(sent, team):
    reply = receive(reply_to(sent, "Merci de ne plus me contacter et de supprimer mes données."), team=team)
    assert reply.intent == "unsubscribe"
    c = Candidate.objects.get(pk=sent.candidate_id)
    assert c.unsubscribed_at is not None
    assert Enrollment.objects.get(pk=sent.enrollment_id).state == "unsubscribed"
    assert TimelineEvent.objects.filter(candidate=c, kind="unsubscribed").exists()


def test_later_snoozes_until_the_date_with_a_reminder(sent, team, alice):
    reply = receive(reply_to(sent, "Pas pour le moment, recontactez-moi dans 3 mois."), team=team)
    assert reply.intent == "later" and reply.recontact_after == dt.date(2026, 6, 10)
    c = Candidate.objects.get(pk=sent.candidate_id)
    assert c.snoozed_until == at("2026-06-10 09:00 Europe/Paris")
    reminder = Task.objects.get(candidate=c, kind="reminder")
    assert reminder.owner == alice and reminder.due_at == c.snoozed_until


def test_later_without_a_date_snoozes_six_months(sent, team):
    reply = receive(reply_to(sent, "Pas maintenant, mais plus tard peut-être, recontactez-moi."), team=team)
    assert reply.intent == "later"
    c = Candidate.objects.get(pk=sent.candidate_id)
    assert c.snoozed_until.date() == dt.date(2026, 9, 10)


def test_not_interested_records_the_reason_in_the_decline_history(sent, team):
    receive(reply_to(sent, NO_SALARY), team=team)
    c = Candidate.objects.get(pk=sent.candidate_id)
    assert c.last_decline_reason == "salary" and c.last_reply_intent == "not_interested"
    assert list(DeclineRecord.objects.filter(candidate=c).values_list("reason", flat=True)) == ["salary"]
    assert Enrollment.objects.get(pk=sent.enrollment_id).state == "replied"


def test_a_referral_gives_a_follow_up_task(sent, team):
    text = "Ce poste ne me correspond pas mais mon collègue Paul Girard (paul.girard@example.org) serait intéressé."
    reply = receive(reply_to(sent, text), team=team)
    assert reply.intent == "referral"
    task = Task.objects.get(candidate=sent.candidate, kind="referral")
    assert "paul.girard@example.org" in task.body


# --- Corrections -----------------------------------------------------------------------------------------


def test_a_correction_is_stored_and_the_effects_follow_the_new_label(sent, team, alice):
    reply = receive(reply_to(sent, NO_SALARY), team=team)
    services.reply_correct(reply=reply, intent="interested", by=alice)
    reply.refresh_from_db()
    assert (reply.intent, reply.predicted_intent, reply.corrected_by) == (
        "interested",
        "not_interested",
        alice,
    )
    c = Candidate.objects.get(pk=sent.candidate_id)
    assert c.last_reply_intent == "interested" and c.last_decline_reason == ""
    assert not DeclineRecord.objects.filter(candidate=c).exists()
    assert Task.objects.filter(candidate=c, kind="reply", done_at__isnull=True).count() == 1
    # Relabelled back: the open reply-now task goes away, the decline is recorded again.
    services.reply_correct(reply=reply, intent="not_interested", reason="remote", by=alice)
    c.refresh_from_db()
    assert c.last_decline_reason == "remote"
    assert not Task.objects.filter(candidate=c, kind="reply", done_at__isnull=True).exists()


def test_a_correction_from_out_of_office_stops_the_paused_sequence(sent, team, alice):
    raw = plain(
        f"Hélène <{sent.to_email}>",
        f"Réponse automatique : {sent.subject}",
        "Je suis absente jusqu'au 20 mars.",
        Auto_Submitted="auto-replied",
        In_Reply_To=sent.message_id,
    )
    reply = receive(raw, team=team)
    services.reply_correct(reply=reply, intent="more_info", by=alice)
    assert Enrollment.objects.get(pk=sent.enrollment_id).state == "replied"
    assert Candidate.objects.get(pk=sent.candidate_id).last_reply_intent == "more_info"


def test_corrections_teach_the_teams_classifier(team, other_team, make_candidate, now_at, alice):
    now_at("2026-03-10 09:00 Europe/Paris")
    make_candidate(first_name="Paul", email="paul@example.org")
    first = receive(plain("Paul <paul@example.org>", "Re: poste", "Affaire à suivre."), team=team)
    assert first.intent != "later"
    services.reply_correct(reply=first, intent="later", by=alice)
    assert services.reply_classifier(team=team).classify(text="affaire à suivre !").intent == "later"
    # Another team's classifier never learns from this team's candidates.
    assert services.reply_classifier(team=other_team).classify(text="affaire à suivre !").intent != "later"


def test_an_unknown_label_is_refused(sent, team):
    reply = receive(reply_to(sent, YES), team=team)
    with pytest.raises(ValueError):
        services.reply_correct(reply=reply, intent="maybe")


# --- Worker robustness -----------------------------------------------------------------------------------


def test_a_message_that_fails_to_be_handled_keeps_its_error_and_is_retried_later(sent, team, monkeypatch):
    message, _ = inbound_store(raw=reply_to(sent, YES), source="imap", team=team)

    def broken(message):
        raise RuntimeError("threading exploded")

    monkeypatch.setattr(inbound, "thread_message", broken)
    assert services.handle_one_inbound()
    assert not services.handle_one_inbound()  # backing off: not claimed again at once
    message.refresh_from_db()
    assert message.handled_at is None and "threading exploded" in message.handle_error
    monkeypatch.undo()
    clock.set_now(clock.now() + dt.timedelta(minutes=11))
    assert services.handle_one_inbound()
    message.refresh_from_db()
    assert message.handled_at is not None and message.reply.intent == "interested"


def test_an_unparsable_message_is_never_handled_but_kept(team):
    message, _ = inbound_store(raw=b"\x00\x01 not mail at all", source="pipe", team=team)
    assert not services.handle_one_inbound()
    assert InboundMessage.objects.get(pk=message.pk).status in ("unprocessed", "processed")


# --- Quick reply and follow-up ---------------------------------------------------------------------------


def test_a_quick_reply_goes_out_in_the_same_thread(sent, team, alice, memory):
    reply = receive(reply_to(sent, MORE), team=team)
    memory.clear()
    message = services.reply_send(
        reply=reply, body="Le salaire est de 50 k€, 2 jours de télétravail.", by=alice
    )
    assert message.status == "sent" and message.kind == "quick_reply"
    assert message.enrollment_id == sent.enrollment_id and message.position is None
    assert bytes(message.raw) == memory[0]  # the exact bytes handed to the transport
    assert message.in_reply_to == reply.inbound.message_id
    assert sent.message_id in message.references.split()
    assert len(memory) == 1 and reply.inbound.message_id.encode() in memory[0]
    reply.refresh_from_db()
    assert reply.done_at is not None
    assert Task.objects.get(pk=reply.task_id).done_at is not None
    second = services.reply_send(reply=reply, body="Et la mutuelle est prise en charge.", by=alice)
    assert second.kind == "quick_reply" and second.pk != message.pk and second.status == "sent"
    with pytest.raises(services.ReplyRefused):  # the same answer again: a double click sends nothing
        services.reply_send(reply=reply, body="Et la mutuelle est prise en charge.", by=alice)
    assert OutboundMessage.objects.filter(kind="quick_reply").count() == 2


def test_a_quick_reply_needs_a_campaign_thread(team, make_candidate, now_at, alice):
    now_at("2026-03-10 09:00 Europe/Paris")
    make_candidate(first_name="Paul", email="paul@example.org")
    reply = receive(plain("Paul <paul@example.org>", "Bonjour", YES), team=team)
    with pytest.raises(services.ReplyRefused):
        services.reply_send(reply=reply, body="Merci !", by=alice)


def test_a_follow_up_starts_only_for_the_yes_and_the_more_info(
    campaign, make_candidate, now_at, memory, team, alice
):
    now_at("2026-03-09 10:00 Europe/Paris")
    people = [
        make_candidate(first_name=n, email=f"{n.lower()}@example.org") for n in ("Ana", "Ben", "Cleo", "Dan")
    ]
    campaign_start(campaign=campaign, candidates=people)
    drain(until=at("2026-03-10 00:00 Europe/Paris"))
    clock.set_now(at("2026-03-10 09:30 Europe/Paris"))
    for person, text in zip(people, (YES, MORE, NO_SALARY), strict=False):
        receive(reply_to(OutboundMessage.objects.get(candidate=person), text), team=team)
    follow_seq = sequence_save(team=team, name="Suite", steps=[{"delay": 0, "body_fr": "Voici la suite."}])
    follow, review = services.campaign_follow_up(campaign=campaign, sequence=follow_seq, by=alice)
    enrolled = set(Enrollment.objects.filter(campaign=follow).values_list("candidate__first_name", flat=True))
    assert enrolled == {"Ana", "Ben"}
    # Dan never answered: still in the first campaign, untouched.
    assert Enrollment.objects.get(campaign=campaign, candidate=people[3]).state == "active"


def test_a_later_misreading_corrected_to_yes_lifts_the_snooze_so_the_candidate_can_be_followed_up(
    sent, team, alice
):
    reply = receive(reply_to(sent, "Pas pour le moment, recontactez-moi dans 3 mois."), team=team)
    assert Candidate.objects.get(pk=sent.candidate_id).snoozed_until is not None
    services.reply_correct(reply=reply, intent="interested", by=alice)
    c = Candidate.objects.get(pk=sent.candidate_id)
    assert c.snoozed_until is None
    assert not Task.objects.filter(candidate=c, kind="reminder", done_at__isnull=True).exists()
    assert Task.objects.filter(candidate=c, kind="reply", done_at__isnull=True).exists()


def test_an_answer_to_an_old_thread_also_stops_the_campaign_the_candidate_is_in_now(sent, team, alice, job):
    from vivier.sequences.services import campaign_create, enrollment_stop

    enrollment_stop(enrollment=Enrollment.objects.get(pk=sent.enrollment_id), at=clock.now())
    newer_seq = sequence_save(
        team=team,
        name="Autre",
        steps=[{"delay": 0, "body_fr": "Un autre poste."}, {"delay": 3, "body_fr": "Je relance."}],
    )
    newer = campaign_create(team=team, name="Autre poste", sequence=newer_seq, job=job, owner=alice)
    campaign_start(campaign=newer, candidates=[sent.candidate])
    receive(reply_to(sent, YES), team=team)  # In-Reply-To: the first campaign's message
    assert Enrollment.objects.get(campaign=newer).state == "replied"


def test_a_yes_relabelled_as_out_of_office_no_longer_counts_as_an_answer(sent, team, alice):
    reply = receive(reply_to(sent, YES), team=team)
    services.reply_correct(reply=reply, intent="out_of_office", by=alice)
    c = Candidate.objects.get(pk=sent.candidate_id)
    assert c.last_reply_at is None and c.last_reply_intent == ""
    assert not Task.objects.filter(candidate=c, kind="reply", done_at__isnull=True).exists()


def test_the_recruiters_own_message_in_the_thread_is_not_a_reply(sent, team):
    raw = reply_to(sent, "Je me permets de vous relancer.", sender=sent.from_email)
    reply = receive(raw, team=team)
    assert reply.candidate is None
    assert Enrollment.objects.get(pk=sent.enrollment_id).state == "active"


@pytest.mark.parametrize(
    "labels",
    [
        ("more_info", "interested"),
        ("interested", "more_info", "interested"),
        ("not_interested", "interested", "more_info"),
        ("later", "interested", "later", "more_info"),
        ("out_of_office", "interested", "referral", "interested"),
    ],
)
def test_a_reply_relabelled_again_and_again_keeps_at_most_one_open_task(sent, team, alice, labels):
    reply = receive(reply_to(sent, YES), team=team)
    for label in labels:
        services.reply_correct(reply=Reply.objects.get(pk=reply.pk), intent=label, by=alice)
        assert Task.objects.filter(candidate=sent.candidate, done_at__isnull=True).count() <= 1
    assert Task.objects.filter(candidate=sent.candidate, kind="reply", done_at__isnull=True).count() == (
        1 if labels[-1] in ("interested", "more_info") else 0
    )


def test_a_follow_up_keeps_the_hooks_written_for_the_first_campaign_and_asks_for_the_others(
    campaign, make_candidate, now_at, memory, team, alice
):
    from vivier.sequences.services import LaunchRefused

    now_at("2026-03-09 10:00 Europe/Paris")
    ana, ben = (make_candidate(first_name=n, email=f"{n.lower()}@example.org") for n in ("Ana", "Ben"))
    campaign_start(campaign=campaign, candidates=[ana, ben], hooks={str(ana.public_id): "Ton talk à PyCon"})
    drain(until=at("2026-03-10 00:00 Europe/Paris"))
    clock.set_now(at("2026-03-10 09:30 Europe/Paris"))
    for person in (ana, ben):
        receive(reply_to(OutboundMessage.objects.get(candidate=person), YES), team=team)
    hooked = sequence_save(team=team, name="Suite", steps=[{"delay": 0, "body_fr": "{{ hook }} : la suite."}])
    with pytest.raises(LaunchRefused) as refused:
        services.campaign_follow_up(campaign=campaign, sequence=hooked, by=alice)
    assert [c for c, _ in refused.value.review.missing] == [ben]
    assert not Enrollment.objects.filter(campaign__sequence=hooked).exists()
    follow, review = services.campaign_follow_up(
        campaign=campaign, sequence=hooked, by=alice, hooks={str(ben.public_id): "Ton blog"}
    )
    hooks = dict(Enrollment.objects.filter(campaign=follow).values_list("candidate__first_name", "hook"))
    assert hooks == {"Ana": "Ton talk à PyCon", "Ben": "Ton blog"}
