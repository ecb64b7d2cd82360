import datetime as dt
from email import message_from_bytes
from email.policy import default

import pytest

from vivier.lib import clock
from vivier.mail import transport
from vivier.pool.models import Candidate, TimelineEvent
from vivier.sequences import engine
from vivier.sequences.engine import decide, sender, sweeps
from vivier.sequences.models import Campaign, Enrollment, OutboundMessage, Task
from vivier.sequences.services import (
    EnrollmentRefused,
    LaunchRefused,
    campaign_create,
    campaign_pause,
    campaign_resume,
    campaign_start,
    candidate_unsubscribe,
    enrollment_create,
    enrollment_stop_on_reply,
    sequence_save,
    task_complete,
)

from .conftest import at, drain


class Sent:
    """What the memory transport received, parsed as a mail client would."""

    def __len__(self):
        return len(transport.memory_outbox)

    def __getitem__(self, i):
        return message_from_bytes(transport.memory_outbox[i], policy=default)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __eq__(self, other):
        return list(self) == other


@pytest.fixture
def memory(settings):
    settings.VIVIER_MAIL_TRANSPORT = "memory"
    transport.memory_outbox.clear()
    yield Sent()
    transport.memory_outbox.clear()


@pytest.mark.django_db
def test_follow_ups_thread_under_the_first_message(campaign, make_candidate, now_at, memory):
    hélène = make_candidate()
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[hélène])
    drain(until=at("2026-04-01 00:00 Europe/Paris"))
    first, second, third, fourth = list(memory)
    assert first["Subject"] == "Un poste de Développeuse Python chez Alvéa"
    assert first["In-Reply-To"] is None
    assert second["Subject"] == "Re: Un poste de Développeuse Python chez Alvéa"
    assert second["In-Reply-To"] == first["Message-ID"]
    assert fourth["In-Reply-To"] == third["Message-ID"]
    assert fourth["References"].split() == [first["Message-ID"], second["Message-ID"], third["Message-ID"]]
    stored = OutboundMessage.objects.get(position=0)
    assert stored.message_id == first["Message-ID"]


@pytest.mark.django_db
def test_each_email_is_plain_text_with_one_click_unsubscribe(campaign, make_candidate, now_at, memory):
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate()])
    engine.handle_one_due()
    (email,) = list(memory)
    assert email.get_content_type() == "text/plain"
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mailto, https = [part.strip(" <>") for part in email["List-Unsubscribe"].split(",")]
    assert mailto.startswith("mailto:alice@alvea-rh.fr")
    assert https.startswith("http://127.0.0.1:8000/mail/unsubscribe/")
    assert https in email.get_content()  # also a visible link in the footer
    assert "Bonjour Hélène" in email.get_content()


@pytest.mark.django_db
def test_the_end_policy_snoozes_the_candidate_with_a_reminder_for_the_owner(
    campaign, make_candidate, now_at, alice
):
    hélène = make_candidate()
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[hélène])
    drain(until=at("2026-06-01 00:00 Europe/Paris"))
    enrollment = Enrollment.objects.get(candidate=hélène)
    hélène.refresh_from_db()
    last = OutboundMessage.objects.get(candidate=hélène, position=3).sent_at
    assert enrollment.state == "snoozed"
    assert enrollment.state_changed_at == last + dt.timedelta(days=7)
    assert hélène.snoozed_until == enrollment.state_changed_at.replace(
        month=enrollment.state_changed_at.month + 6
    )
    assert hélène.in_active_campaign is False
    reminder = Task.objects.get(candidate=hélène, kind="reminder")
    assert reminder.owner == alice and reminder.due_at == hélène.snoozed_until
    assert Campaign.objects.get(pk=campaign.pk).status == "finished"
    kinds = list(TimelineEvent.objects.filter(candidate=hélène).values_list("kind", flat=True))
    assert kinds.count("message_out") == 4 and "snoozed" in kinds and kinds[0] == "enrollment"


@pytest.mark.django_db
def test_a_reply_stops_the_sequence_at_once(campaign, make_candidate, now_at, memory):
    hélène = make_candidate()
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[hélène])
    drain(until=at("2026-03-10 00:00 Europe/Paris"))
    enrollment = Enrollment.objects.get(candidate=hélène)
    assert enrollment_stop_on_reply(enrollment=enrollment, at=at("2026-03-10 08:00 Europe/Paris"))
    drain(until=at("2026-06-01 00:00 Europe/Paris"))
    assert len(memory) == 1
    enrollment.refresh_from_db()
    hélène.refresh_from_db()
    assert enrollment.state == "replied" and hélène.in_active_campaign is False


@pytest.mark.django_db
def test_a_reply_between_claim_and_send_stops_the_step_about_to_be_sent(
    campaign, make_candidate, now_at, memory, monkeypatch
):
    hélène = make_candidate()
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[hélène])
    real_decide = decide.decide_one

    def decide_then_reply(enrollment, now, cache):
        decided = real_decide(enrollment, now, cache)
        # the reply lands while the worker holds the claim, after its checks, before the commit
        enrollment_stop_on_reply(enrollment=Enrollment.objects.get(pk=enrollment.pk), at=now)
        return decided

    monkeypatch.setattr(decide, "decide_one", decide_then_reply)
    engine.handle_one_due()
    assert memory == []
    assert not OutboundMessage.objects.exists()


@pytest.mark.django_db
def test_a_candidate_is_never_in_two_active_campaigns(team, campaign, sequence, job, make_candidate, now_at):
    hélène = make_candidate()
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[hélène])
    other = campaign_create(team=team, name="Autre", sequence=sequence, job=job)
    with pytest.raises(EnrollmentRefused, match="already in the active campaign “Python Lyon”"):
        enrollment_create(campaign=other, candidate=hélène)
    review = campaign_start(campaign=other, candidates=[hélène])
    assert review.eligible == [] and review.excluded[0][1] == "already in the active campaign “Python Lyon”"


@pytest.mark.django_db
def test_launch_is_refused_with_the_list_of_candidates_missing_values(
    team, job, alice, make_candidate, now_at
):
    seq = sequence_save(
        team=team,
        name="Hook",
        steps=[
            {
                "delay": 0,
                "subject_fr": "{{ candidate.first_name }}",
                "body_fr": "{{ hook }}\n\n{{ job.pitch }}",
            }
        ],
    )
    camp = campaign_create(team=team, name="c", sequence=seq, job=job, owner=alice)
    with_hook = make_candidate(first_name="Ana")
    nameless = make_candidate(first_name="", last_name="X")
    now_at("2026-03-09 10:00 Europe/Paris")
    with pytest.raises(LaunchRefused) as refused:
        campaign_start(
            campaign=camp,
            candidates=[with_hook, nameless],
            hooks={str(with_hook.public_id): "J'ai vu votre talk à PyCon FR."},
        )
    problems = {c.pk: p for c, p in refused.value.review.missing}
    assert set(problems) == {nameless.pk}
    assert problems[nameless.pk] == ["step 1: missing candidate.first_name", "step 1: missing hook"]
    assert not Enrollment.objects.exists()


@pytest.mark.django_db
def test_candidate_text_is_data_never_template_code(team, job, alice, make_candidate, now_at, memory):
    seq = sequence_save(
        team=team,
        name="Plain",
        steps=[
            {
                "delay": 0,
                "subject_fr": "Bonjour {{ candidate.first_name }}",
                "body_fr": "Bonjour {{ candidate.first_name }} de {{ candidate.current_company }}",
            }
        ],
    )
    camp = campaign_create(team=team, name="c", sequence=seq, job=job, owner=alice)
    evil = make_candidate(first_name="{{ 7*7 }}", current_company="{% for x in range(9) %}X{% endfor %}")
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=camp, candidates=[evil])
    engine.handle_one_due()
    (email,) = list(memory)
    assert email["Subject"] == "Bonjour {{ 7*7 }}"
    assert "Bonjour {{ 7*7 }} de {% for x in range(9) %}X{% endfor %}" in email.get_content()


@pytest.mark.django_db
def test_no_header_injection_through_a_name(team, job, alice, make_candidate, now_at, memory):
    seq = sequence_save(
        team=team,
        name="Plain",
        steps=[{"delay": 0, "subject_fr": "Pour {{ candidate.last_name }}", "body_fr": "Bonjour"}],
    )
    camp = campaign_create(team=team, name="c", sequence=seq, job=job, owner=alice)
    evil = make_candidate(first_name="Eve\r\nBcc: victim@example.org", last_name="X\nBcc: all@example.org")
    now_at("2026-03-09 10:00 Europe/Paris")
    # (the refusal is worded in the active language: "1 candidat" in French, "1 candidate" in English)
    with pytest.raises(LaunchRefused, match="1 candidat"):
        campaign_start(campaign=camp, candidates=[evil])
    # Even if the subject is clean, a line break in the recipient's name never reaches a header
    seq2 = sequence_save(
        team=team, name="Plain2", steps=[{"delay": 0, "subject_fr": "Bonjour", "body_fr": "Hi"}]
    )
    camp2 = campaign_create(team=team, name="c2", sequence=seq2, job=job, owner=alice)
    campaign_start(campaign=camp2, candidates=[evil])
    engine.handle_one_due()
    assert memory == []
    # No retry can send it: it ends failed, visibly, instead of backing off for ever.
    message = OutboundMessage.objects.get(campaign=camp2)
    assert message.status == "failed" and "line break" in message.last_error
    enrollment = Enrollment.objects.get(campaign=camp2)
    assert enrollment.state == "ended" and "line break" in enrollment.stop_reason


@pytest.mark.django_db
def test_a_hostile_template_cannot_reach_python_internals(team, job, alice, make_candidate, now_at):
    from vivier.sequences.services import preview_step

    seq = sequence_save(
        team=team,
        name="Hostile",
        steps=[
            {
                "delay": 0,
                "subject_fr": "x",
                "body_fr": "{{ candidate.__class__.__mro__[1].__subclasses__() }}",
            }
        ],
    )
    rendered = preview_step(step=seq.steps.get(), candidate=make_candidate(), job=job, owner=alice)
    assert "subclasses" not in rendered.body and "class" not in rendered.body
    assert not rendered.ok


@pytest.mark.django_db
def test_unsubscribing_stops_every_campaign_and_suppresses_future_ones(
    team, campaign, sequence, job, make_candidate, now_at
):
    hélène = make_candidate()
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[hélène])
    assert candidate_unsubscribe(candidate=hélène, at=clock.now(), via="reply")
    hélène.refresh_from_db()
    assert hélène.unsubscribed_at == clock.now()
    assert Enrollment.objects.get(candidate=hélène).state == "unsubscribed"
    later = campaign_create(team=team, name="Later", sequence=sequence, job=job)
    review = campaign_start(campaign=later, candidates=Candidate.objects.all())
    assert review.excluded == [(hélène, "unsubscribed")]


@pytest.mark.django_db
def test_a_paused_campaign_sends_nothing_until_resumed(campaign, make_candidate, now_at, memory):
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate()])
    campaign_pause(campaign=campaign)
    assert engine.handle_one_due() is False
    campaign_resume(campaign=campaign)
    engine.handle_one_due()
    assert len(memory) == 1


def _die_on_the_wire(monkeypatch, after: int = 0):
    """The process dies while the message after the first ``after`` ones is being handed to the transport."""
    real, handed = transport.deliver, []

    def deliver(**kw):
        if len(handed) >= after:
            raise SystemExit("killed")
        handed.append(kw)
        return real(**kw)

    monkeypatch.setattr(transport, "deliver", deliver)


@pytest.mark.django_db
def test_a_crash_mid_send_leaves_the_message_unknown_and_never_resends_it(
    campaign, make_candidate, now_at, memory, monkeypatch
):
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate()])
    _die_on_the_wire(monkeypatch)
    with pytest.raises(SystemExit):
        engine.handle_one_due()
    monkeypatch.undo()
    message = OutboundMessage.objects.get()
    assert message.status == "sending"
    now_at("2026-03-09 10:11 Europe/Paris")  # the lease is over
    engine.handle_one_stale()
    drain(until=at("2026-04-01 00:00 Europe/Paris"))
    message.refresh_from_db()
    assert message.status == "unknown" and memory == []
    assert OutboundMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_crash_strands_only_the_message_on_the_wire_the_rest_goes_back_to_due(
    campaign, make_candidate, now_at, memory, monkeypatch
):
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate() for _ in range(5)])
    _die_on_the_wire(monkeypatch, after=2)
    with pytest.raises(SystemExit):
        engine.handle_one_due()
    monkeypatch.undo()
    assert sorted(OutboundMessage.objects.values_list("status", flat=True)) == [
        "queued",
        "queued",
        "sending",
        "sent",
        "sent",
    ]
    now_at("2026-03-09 10:11 Europe/Paris")  # the lease is over
    engine.handle_one_stale()
    assert sorted(OutboundMessage.objects.values_list("status", flat=True)) == ["sent", "sent", "unknown"]
    engine.handle_one_due()
    assert sorted(OutboundMessage.objects.values_list("status", flat=True)) == [
        "sent",
        "sent",
        "sent",
        "sent",
        "unknown",
    ]
    assert len(memory) == 4 and len({m["To"] for m in memory}) == 4


@pytest.mark.django_db
def test_a_crash_before_the_wire_in_the_built_in_outbox_is_resolved_as_sent(
    campaign, make_candidate, now_at, monkeypatch
):
    """The built-in outbox stores the message whatever the worker did next: it knows it was sent."""
    now_at("2026-03-09 10:00 Europe/Paris")
    hélène = make_candidate()
    campaign_start(campaign=campaign, candidates=[hélène])
    _die_on_the_wire(monkeypatch)
    with pytest.raises(SystemExit):
        engine.handle_one_due()
    monkeypatch.undo()
    now_at("2026-03-09 10:11 Europe/Paris")
    engine.handle_one_stale()
    message = OutboundMessage.objects.get()
    assert (message.status, message.transport) == ("sent", "outbox")
    enrollment = Enrollment.objects.get()
    assert enrollment.next_position == 1 and enrollment.next_at is not None and enrollment.last_error == ""
    assert enrollment.thread_root_id == message.message_id
    assert TimelineEvent.objects.filter(candidate=hélène, kind="message_out").count() == 1


@pytest.mark.django_db
def test_a_human_confirms_an_unknown_message_and_the_sequence_goes_on(
    campaign, make_candidate, now_at, memory, monkeypatch
):
    from vivier.sequences.outbox import message_resolve

    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate()])
    _die_on_the_wire(monkeypatch)
    with pytest.raises(SystemExit):
        engine.handle_one_due()
    monkeypatch.undo()
    now_at("2026-03-09 10:11 Europe/Paris")
    engine.handle_one_stale()
    message_resolve(message=OutboundMessage.objects.get(), arrived=True)
    drain(until=at("2026-04-01 00:00 Europe/Paris"))
    assert len(memory) == 3
    assert memory[0]["In-Reply-To"] == OutboundMessage.objects.get(position=0).message_id


@pytest.mark.django_db
def test_linkedin_and_call_steps_become_tasks_that_advance_the_sequence(
    team, job, alice, make_candidate, now_at, memory
):
    seq = sequence_save(
        team=team,
        name="Mixed",
        steps=[
            {
                "delay": 0,
                "channel": "linkedin",
                "body_fr": "Bonjour {{ candidate.first_name }}, on se connecte ?",
            },
            {"delay": 1, "subject_fr": "Suite", "body_fr": "Suite à mon message LinkedIn"},
        ],
    )
    camp = campaign_create(team=team, name="c", sequence=seq, job=job, owner=alice)
    hélène = make_candidate()
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=camp, candidates=[hélène])
    drain(until=at("2026-03-20 00:00 Europe/Paris"))
    task = Task.objects.get(kind="linkedin")
    assert task.owner == alice and task.body == "Bonjour Hélène, on se connecte ?"
    assert memory == []  # waits for the task
    now_at("2026-03-11 15:00 Europe/Paris")
    task_complete(task=task, by=alice)
    drain(until=at("2026-03-20 00:00 Europe/Paris"))
    assert OutboundMessage.objects.get().sent_at == at("2026-03-12 15:00 Europe/Paris")


@pytest.mark.django_db
def test_the_outbox_keeps_what_would_have_been_sent_without_a_mailbox(campaign, make_candidate, now_at):
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate()])
    engine.handle_one_due()
    message = OutboundMessage.objects.get()
    assert (message.status, message.transport) == ("sent", "outbox")
    assert message.body.startswith("Bonjour Hélène,") and message.from_email == "alice@alvea-rh.fr"


@pytest.mark.django_db
def test_editing_a_running_sequence_applies_to_future_steps(team, campaign, make_candidate, now_at, memory):
    from .conftest import FOUR_STEPS

    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate()])
    engine.handle_one_due()
    steps = [dict(s) for s in FOUR_STEPS]
    steps[1]["body_fr"] = "Nouvelle relance, {{ candidate.first_name }}."
    sequence_save(team=team, name=campaign.sequence.name, steps=steps)
    drain(until=at("2026-03-12 00:00 Europe/Paris"))
    assert "Nouvelle relance, Hélène." in memory[1].get_content()


@pytest.mark.django_db
def test_a_worker_loop_does_everything_due_and_stops(campaign, make_candidate, now_at, memory):
    from django.core.management import call_command

    now_at("2026-03-09 08:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate() for _ in range(3)])
    clock.set_now(None)
    call_command("worker", "--once", "--now", "2026-03-09T09:30:00+01:00")
    assert len(memory) == 3
    call_command("worker", "--once", "--now", "2026-03-11T09:30:00+01:00")
    assert len(memory) == 6


@pytest.mark.django_db
def test_a_campaign_following_its_segment_enrolls_new_matches(campaign, make_candidate, now_at, monkeypatch):
    import types

    from vivier.pool.models import Candidate as CandidateModel

    first = make_candidate(headline="python")
    fake = types.ModuleType("vivier.segments.selectors")
    fake.segment_candidates = lambda *, team, query: CandidateModel.objects.filter(team=team, headline=query)
    monkeypatch.setattr(sweeps, "segment_candidates", fake.segment_candidates)
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign.segment_query, campaign.follow_new_matches = "python", True
    campaign.save()
    campaign_start(campaign=campaign, candidates=fake.segment_candidates(team=campaign.team, query="python"))
    assert engine.handle_one_new_matches() is True  # nothing new yet
    newcomer = make_candidate(first_name="Noé", headline="python")
    assert engine.handle_one_new_matches() is False  # checked less than an hour ago
    now_at("2026-03-09 11:01 Europe/Paris")
    assert engine.handle_one_new_matches() is True
    assert set(Enrollment.objects.values_list("candidate_id", flat=True)) == {first.pk, newcomer.pk}


@pytest.mark.django_db
def test_a_reply_during_a_slow_batch_stops_the_messages_not_yet_handed_to_the_transport(
    campaign, make_candidate, now_at, memory, monkeypatch
):
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate() for _ in range(3)])
    monkeypatch.setattr(sender, "SEND_GUARD_SECONDS", 0)  # a slow SMTP server: re-check before each send
    real_deliver = transport.deliver
    delivered = []

    replied = []

    def deliver_then_someone_replies(**kw):
        outcome = real_deliver(**kw)
        delivered.append(kw["to"])
        if len(delivered) == 1:  # another candidate of the batch answers while this email is on its way
            other = (
                Enrollment.objects.exclude(candidate__emails__email=kw["to"])
                .select_related("candidate")
                .order_by("-id")
                .first()
            )
            enrollment_stop_on_reply(enrollment=other, at=clock.now())
            replied.append(other.candidate)
        return outcome

    monkeypatch.setattr(transport, "deliver", deliver_then_someone_replies)
    engine.handle_one_due()
    replied_email = replied[0].emails.get().email
    assert len(delivered) == 2 and replied_email not in delivered
    message = OutboundMessage.objects.get(candidate=replied[0])
    assert message.status == "cancelled"
    assert OutboundMessage.objects.filter(status="sent").count() == 2


@pytest.mark.django_db
def test_sigterm_finishes_the_message_being_sent_and_puts_the_rest_back(
    campaign, make_candidate, now_at, memory, monkeypatch
):
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate() for _ in range(3)])
    real_deliver = transport.deliver

    def deliver_then_sigterm(**kw):
        outcome = real_deliver(**kw)
        engine.state.stop_requested = True  # what the worker's SIGTERM handler does
        return outcome

    monkeypatch.setattr(transport, "deliver", deliver_then_sigterm)
    try:
        engine.handle_one_due()
    finally:
        engine.state.stop_requested = False
    assert len(memory) == 1
    assert list(OutboundMessage.objects.values_list("status", flat=True)) == ["sent"]
    assert Enrollment.objects.filter(next_position=0, next_at__lte=clock.now(), claimed_by="").count() == 2
    monkeypatch.undo()
    engine.handle_one_due()
    assert len(memory) == 3 and OutboundMessage.objects.filter(status="sent").count() == 3


@pytest.mark.django_db
def test_the_bundled_nurture_playbook_imports_and_round_trips(team):
    from pathlib import Path

    from vivier.sequences.services import sequence_export_yaml, sequence_import_yaml

    text = (Path(__file__).parents[1] / "data" / "nurture.yaml").read_text(encoding="utf-8")
    seq = sequence_import_yaml(team=team, text=text)
    assert [(s.delay, s.delay_unit) for s in seq.steps.all()] == [
        (0, "days"),
        (2, "days"),
        (4, "days"),
        (7, "days"),
    ]
    again = sequence_import_yaml(team=team, text=sequence_export_yaml(sequence=seq).replace(seq.name, "Copy"))
    assert [s.body_fr for s in again.steps.all()] == [s.body_fr for s in seq.steps.all()]
    assert (again.end_wait_days, again.snooze_months) == (7, 6)


@pytest.mark.django_db
def test_out_of_office_pauses_the_next_step_until_the_return_date(campaign, make_candidate, now_at, memory):
    from vivier.sequences.services import enrollment_pause_until

    hélène = make_candidate()
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[hélène])
    drain(until=at("2026-03-10 00:00 Europe/Paris"))
    enrollment = Enrollment.objects.get()
    assert enrollment_pause_until(enrollment=enrollment, until=at("2026-03-20 00:00 Europe/Paris"))
    drain(until=at("2026-03-24 00:00 Europe/Paris"))
    second = OutboundMessage.objects.get(position=1)
    assert second.sent_at == at("2026-03-20 09:00 Europe/Paris")  # the return day, when the window opens


@pytest.mark.django_db
def test_a_hook_written_after_launch_is_used_by_the_next_step(
    team, job, alice, make_candidate, now_at, memory
):
    from vivier.sequences.services import enrollment_set_hook

    seq = sequence_save(
        team=team,
        name="Hooked",
        steps=[
            {"delay": 0, "subject_fr": "Bonjour", "body_fr": "{{ hook | default('Bonjour') }}"},
            {"delay": 2, "body_fr": "{{ hook | default('Relance') }}"},
        ],
    )
    camp = campaign_create(team=team, name="c", sequence=seq, job=job, owner=alice)
    now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=camp, candidates=[make_candidate()])
    engine.handle_one_due()
    enrollment_set_hook(enrollment=Enrollment.objects.get(), hook="{{ 7*7 }} J'ai lu votre article sur Rust.")
    drain(until=at("2026-03-12 00:00 Europe/Paris"))
    assert memory[1].get_content().startswith("{{ 7*7 }} J'ai lu votre article sur Rust.")
