"""The sequence, launch, campaign, outbox and task pages, through Django's test client."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from vivier.lib import clock
from vivier.sequences import services
from vivier.sequences.models import Campaign, Enrollment, OutboundMessage, Sequence, Task

from .conftest import FOUR_STEPS, at, drain

HTMX = {"HX-Request": "true"}


def editor_post(steps, **extra):
    """Form data for the sequence editor."""
    data = {
        "name": "Relance",
        "description": "",
        "end_wait_days": "7",
        "snooze_months": "6",
        "snooze_until": "",
        "step_count": str(len(steps)),
    }
    for i, step in enumerate(steps):
        base = {
            "delay": "0",
            "delay_unit": "days",
            "channel": "email",
            "subject_fr": "",
            "body_fr": "",
            "subject_en": "",
            "body_en": "",
            "same_thread": "on",
            "window_start": "09:00",
            "window_end": "18:00",
        }
        base.update(step)
        for key, value in base.items():
            if value is not None:
                data[f"s{i}-{key}"] = value
        data[f"s{i}-window_weekdays"] = step.get("window_weekdays", ["0", "1", "2", "3", "4"])
    data.update(extra)
    return data


@pytest.fixture
def charlie_client(client, charlie):
    client.force_login(charlie)
    return client


def test_it_saves_a_new_sequence_from_the_editor(alice_client, team):
    data = editor_post(
        [
            {"subject_fr": "Un poste de {{ job.title }}", "body_fr": "Bonjour {{ candidate.first_name }}"},
            {
                "delay": "3",
                "delay_unit": "business_days",
                "channel": "linkedin",
                "body_fr": "Coucou",
                "same_thread": None,
                "window_weekdays": ["1", "3"],
                "window_start": "10:00",
                "window_end": "12:00",
            },
        ],
        snooze_months="24",
        end_wait_days="5",
        op="save",
    )
    response = alice_client.post(reverse("sequences:new"), data)
    assert response.status_code == 302
    sequence = Sequence.objects.get(team=team, name="Relance")
    assert response["Location"] == reverse("sequences:edit", args=[sequence.public_id])
    assert (sequence.end_wait_days, sequence.snooze_months) == (5, 24)
    first, second = sequence.steps.all()
    assert first.subject_fr == "Un poste de {{ job.title }}" and first.channel == "email"
    assert (second.delay, second.delay_unit, second.channel, second.same_thread) == (
        3,
        "business_days",
        "linkedin",
        False,
    )
    assert second.window_weekdays == [1, 3] and second.window_start == dt.time(10, 0)


def test_it_adds_moves_and_removes_steps_without_saving(alice_client, team):
    data = editor_post([{"body_fr": "premier"}, {"body_fr": "second"}], op="add")
    page = alice_client.post(reverse("sequences:new"), data).content.decode()
    assert page.count('data-testid="step"') == 3
    data = editor_post([{"body_fr": "premier"}, {"body_fr": "second"}], op="up-1")
    page = alice_client.post(reverse("sequences:new"), data).content.decode()
    assert page.index("second") < page.index("premier")
    data = editor_post([{"body_fr": "premier"}, {"body_fr": "second"}], op="remove-0")
    page = alice_client.post(reverse("sequences:new"), data).content.decode()
    assert page.count('data-testid="step"') == 1 and "premier" not in page
    assert not Sequence.objects.filter(team=team).exists()


def test_it_shows_the_services_refusal_instead_of_saving(alice_client, team):
    data = editor_post([{"body_fr": ""}], op="save")  # an email step needs a body
    response = alice_client.post(reverse("sequences:new"), data)
    assert response.status_code == 200
    assert "a besoin d’un message" in response.content.decode()  # Alice reads French
    assert not Sequence.objects.filter(team=team).exists()


def test_it_renames_a_sequence_instead_of_copying_it(alice_client, sequence):
    data = editor_post([{"body_fr": "Bonjour"}], name="Nouveau nom", op="save")
    assert alice_client.post(reverse("sequences:edit", args=[sequence.public_id]), data).status_code == 302
    sequence.refresh_from_db()
    assert sequence.name == "Nouveau nom"
    assert Sequence.objects.filter(team=sequence.team).count() == 1
    assert [s.body_fr for s in sequence.steps.all()] == ["Bonjour"]


def test_the_preview_renders_a_step_for_the_chosen_candidate(alice_client, make_candidate, job):
    helene = make_candidate(first_name="{{ 7*7 }}", last_name="Dupré")
    data = editor_post(
        [
            {
                "subject_fr": "{{ job.title }} chez {{ job.company }}",
                "body_fr": "Bonjour {{ candidate.first_name }}, {{ hook }}",
            }
        ],
        op="preview-0",
        preview_candidate=str(helene.public_id),
        preview_job=str(job.public_id),
        preview_hook="j'ai lu votre article",
    )
    response = alice_client.post(reverse("sequences:new"), data, headers=HTMX)
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert "Développeuse Python chez Alvéa" in fragment
    assert "Bonjour {{ 7*7 }}, j&#x27;ai lu votre article" in fragment


def test_a_broken_template_shows_its_error_in_the_preview_never_a_500(alice_client, make_candidate):
    helene = make_candidate()
    for body in ("Bonjour {{ candidate.first_name ", "{{ ''.__class__.__mro__ }}", "{% for %}"):
        data = editor_post([{"body_fr": body}], op="preview-0", preview_candidate=str(helene.public_id))
        response = alice_client.post(reverse("sequences:new"), data, headers=HTMX)
        assert response.status_code == 200
        assert 'data-testid="preview-errors"' in response.content.decode(), body


def test_the_preview_lists_missing_values(alice_client, make_candidate):
    helene = make_candidate()
    data = editor_post(
        [{"body_fr": "{{ job.title }} {{ hook }}"}], op="preview-0", preview_candidate=str(helene.public_id)
    )
    fragment = alice_client.post(reverse("sequences:new"), data, headers=HTMX).content.decode()
    assert 'data-testid="preview-missing"' in fragment
    assert "job.title" in fragment and "hook" in fragment


def test_the_preview_wont_use_another_teams_candidate(alice_client, make_candidate, other_team):
    stranger = make_candidate(team=other_team, first_name="Zoé", email="zoe@elsewhere.org")
    data = editor_post(
        [{"body_fr": "Bonjour {{ candidate.first_name }}"}],
        op="preview-0",
        preview_candidate=str(stranger.public_id),
    )
    fragment = alice_client.post(reverse("sequences:new"), data, headers=HTMX).content.decode()
    assert "Zoé" not in fragment


def test_yaml_export_and_import_round_trip(alice_client, sequence, team):
    response = alice_client.get(reverse("sequences:export", args=[sequence.public_id]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    text = response.content.decode().replace("Nurture 4 étapes", "Copie")
    response = alice_client.post(reverse("sequences:import"), {"text": text})
    copy = Sequence.objects.get(team=team, name="Copie")
    assert response["Location"] == reverse("sequences:edit", args=[copy.public_id])
    assert [s.body_fr for s in copy.steps.all()] == [s.body_fr for s in sequence.steps.all()]


def test_a_broken_yaml_file_is_refused_with_the_reason(alice_client, team):
    response = alice_client.post(reverse("sequences:import"), {"text": "name: x\nsteps: [\n"})
    assert response.status_code == 400
    assert "YAML invalide" in response.content.decode()
    response = alice_client.post(reverse("sequences:import"), {"text": "name: x\nsteps:\n  - channel: fax\n"})
    assert "le canal doit être l’un de" in response.content.decode()
    assert not Sequence.objects.filter(team=team).exists()


# --- Launch ----------------------------------------------------------------------------------

HOOKED = [
    {
        "delay": 0,
        "subject_fr": "{{ job.title }}",
        "body_fr": "Bonjour {{ candidate.first_name }}, {{ hook }}",
    },
    {"delay": 2, "body_fr": "Je relance."},
]


def launch(client, sequence, job, pasted):
    response = client.post(
        reverse("sequences:launch"),
        {
            "sequence": str(sequence.public_id),
            "job": str(job.public_id),
            "mailbox": "",
            "candidates": pasted,
            "name": "Python Lyon",
        },
    )
    assert response.status_code == 302, response.content.decode()
    return Campaign.objects.get(public_id=response["Location"].rstrip("/").split("/")[-2])


def test_the_wizard_reviews_refuses_then_launches_once_hooks_are_filled(
    alice_client, team, job, make_candidate, other_team
):
    sequence = services.sequence_save(team=team, name="Accroche", steps=HOOKED)
    a, b = make_candidate(first_name="Anne"), make_candidate(first_name="Bruno")
    gone = make_candidate(first_name="Chloé", unsubscribed_at=clock.now())
    stranger = make_candidate(team=other_team, first_name="Zoé", email="zoe@elsewhere.org")
    pasted = f"{a.primary_email}, {b.public_id}\n{gone.primary_email} {stranger.public_id} nobody@nowhere.org"
    campaign = launch(alice_client, sequence, job, pasted)
    assert campaign.status == Campaign.Status.DRAFT and campaign.owner.username == "alice"

    page = alice_client.get(reverse("sequences:review", args=[campaign.public_id])).content.decode()
    assert 'data-testid="count-missing">2<' in page
    assert "désinscrit" in page and "Chloé" in page
    assert "Zoé" not in page and "nobody@nowhere.org" in page
    assert page.count('data-testid="hook-input"') == 2

    url = reverse("sequences:review", args=[campaign.public_id])
    response = alice_client.post(url, {"op": "launch", f"hook-{a.public_id}": "votre talk à PyCon"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="launch-refused"' in page and "Bruno" in page and "il manque hook" in page
    assert not Enrollment.objects.exists()

    response = alice_client.post(url, {"op": "launch", f"hook-{b.public_id}": "votre projet open source"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.RUNNING
    hooks = dict(Enrollment.objects.filter(campaign=campaign).values_list("candidate__first_name", "hook"))
    assert hooks == {"Anne": "votre talk à PyCon", "Bruno": "votre projet open source"}


def test_the_wizard_refuses_a_list_with_nobody_of_the_team(
    alice_client, sequence, job, make_candidate, other_team
):
    stranger = make_candidate(team=other_team, email="zoe@elsewhere.org")
    response = alice_client.post(
        reverse("sequences:launch"),
        {
            "sequence": str(sequence.public_id),
            "job": str(job.public_id),
            "candidates": str(stranger.public_id),
        },
    )
    assert response.status_code == 400
    assert not Campaign.objects.exists()


def test_the_wizard_wont_take_another_teams_sequence(charlie_client, sequence):
    response = charlie_client.post(
        reverse("sequences:launch"), {"sequence": str(sequence.public_id), "candidates": "x@example.org"}
    )
    assert response.status_code == 400
    assert not Campaign.objects.exists()


# --- Campaign, outbox, tasks -------------------------------------------------------------------


@pytest.fixture
def running(campaign, make_candidate, now_at):
    now_at("2026-03-02 08:00 Europe/Paris")  # a Monday, before the window opens
    people = [make_candidate(first_name=n) for n in ("Anne", "Bruno", "Chloé")]
    services.campaign_start(campaign=campaign, candidates=people)
    return campaign


def test_the_campaign_page_shows_states_and_upcoming_sends(alice_client, running):
    page = alice_client.get(reverse("sequences:campaign", args=[running.public_id])).content.decode()
    assert 'data-testid="count-active" data-count="3"' in page
    assert page.count('data-testid="upcoming-row"') == 3
    assert "2026, 09:00" in page  # the window opens at 09:00, shown in the site's time zone (Paris)
    assert page.count("/pool/c/") >= 3


def test_times_are_shown_on_the_teams_wall_clock(alice_client, team, campaign, make_candidate, now_at):
    team.time_zone = "America/Montreal"
    team.save()
    now_at("2026-03-02 08:00 America/Montreal")
    services.campaign_start(campaign=campaign, candidates=[make_candidate(first_name="Anne")])
    page = alice_client.get(reverse("sequences:campaign", args=[campaign.public_id])).content.decode()
    assert "2026, 09:00" in page  # the window opens at 09:00 in Montreal (15:00 in Paris)


def test_pause_and_resume_from_the_campaign_page(alice_client, running):
    alice_client.post(reverse("sequences:pause", args=[running.public_id]))
    running.refresh_from_db()
    assert running.status == Campaign.Status.PAUSED
    page = alice_client.get(reverse("sequences:campaign", args=[running.public_id])).content.decode()
    assert 'data-testid="resume"' in page
    alice_client.post(reverse("sequences:resume", args=[running.public_id]))
    running.refresh_from_db()
    assert running.status == Campaign.Status.RUNNING


def test_a_recruiter_stops_one_candidate_by_hand(alice_client, running):
    anne = Enrollment.objects.get(candidate__first_name="Anne")
    response = alice_client.post(reverse("sequences:enrollment_stop", args=[anne.public_id]))
    assert response.status_code == 302
    anne.refresh_from_db()
    assert anne.state == Enrollment.State.ENDED and anne.next_at is None
    assert Enrollment.objects.filter(campaign=running, state="active").count() == 2


def test_the_outbox_shows_threads_and_message_headers(alice_client, running):
    drain(at("2026-03-05 12:00 Europe/Paris"))  # first message Monday, follow-up Wednesday
    assert OutboundMessage.objects.filter(status="sent").count() == 6
    page = alice_client.get(reverse("sequences:outbox")).content.decode()
    assert page.count('data-testid="thread"') == 3
    assert page.count('data-testid="message-row"') == 6
    follow_up = OutboundMessage.objects.filter(position=1).first()
    page = alice_client.get(reverse("sequences:message", args=[follow_up.public_id])).content.decode()
    for header in ("Message-ID", "In-Reply-To", "References", "List-Unsubscribe", "List-Unsubscribe-Post"):
        assert f'data-name="{header}"' in page, header
    assert escape(follow_up.message_id) in page and escape(follow_up.in_reply_to) in page
    assert "Je me permets de relancer" in page

    only_failed = alice_client.get(reverse("sequences:outbox"), {"status": "failed"}).content.decode()
    assert 'data-testid="outbox-empty"' in only_failed
    by_campaign = alice_client.get(reverse("sequences:outbox"), {"campaign": str(running.public_id)})
    assert by_campaign.content.decode().count('data-testid="message-row"') == 6


def test_marking_a_linkedin_task_done_moves_the_sequence_on(
    alice_client, team, job, alice, make_candidate, now_at
):
    now_at("2026-03-02 08:00 Europe/Paris")
    steps = [
        dict(FOUR_STEPS[0]),
        {"delay": 1, "channel": "linkedin", "body_fr": "Salut {{ candidate.first_name }} !"},
        {"delay": 1, "body_fr": "Un dernier mot."},
    ]
    sequence = services.sequence_save(team=team, name="Mixte", steps=steps)
    campaign = services.campaign_create(team=team, name="Mixte", sequence=sequence, job=job, owner=alice)
    anne = make_candidate(first_name="Anne")
    services.campaign_start(campaign=campaign, candidates=[anne])
    drain(at("2026-03-04 12:00 Europe/Paris"))
    task = Task.objects.get(kind="linkedin")
    enrollment = task.enrollment
    assert enrollment.next_at is None
    page = alice_client.get(reverse("sequences:tasks")).content.decode()
    assert "Salut Anne !" in page
    response = alice_client.post(reverse("sequences:task_done", args=[task.public_id]), headers=HTMX)
    assert response.status_code == 200 and 'data-done="1"' in response.content.decode()
    enrollment.refresh_from_db()
    task.refresh_from_db()
    assert task.done_at is not None and enrollment.next_at is not None
    assert 'data-testid="no-task"' in alice_client.get(reverse("sequences:tasks")).content.decode()


def test_a_message_of_unknown_fate_is_resolved_by_a_human(alice_client, running):
    drain(at("2026-03-02 12:00 Europe/Paris"))
    message = OutboundMessage.objects.first()
    OutboundMessage.objects.filter(pk=message.pk).update(status="unknown")
    page = alice_client.get(reverse("sequences:message", args=[message.public_id])).content.decode()
    assert 'data-testid="message-unknown"' in page
    alice_client.post(reverse("sequences:message_resolve", args=[message.public_id]), {"arrived": "no"})
    message.refresh_from_db()
    assert message.status == "scheduled"


def test_the_editor_warns_that_live_campaigns_follow_the_changes(alice_client, running):
    page = alice_client.get(reverse("sequences:edit", args=[running.sequence.public_id])).content.decode()
    assert 'data-testid="live-campaigns"' in page and "Python Lyon" in page


def test_snooze_reminders_are_the_owners_and_can_be_done(client, alice, bob, make_candidate):
    anne = make_candidate(first_name="Anne")
    services.candidate_snooze(
        candidate=anne,
        until=clock.now() + dt.timedelta(days=180),
        at=clock.now(),
        owner=alice,
        reason="after campaign “Python Lyon”",
    )
    client.force_login(bob)
    assert 'data-testid="no-task"' in client.get(reverse("sequences:tasks")).content.decode()
    assert (
        "Get back in touch with Anne" in client.get(reverse("sequences:tasks"), {"all": "1"}).content.decode()
    )
    client.force_login(alice)
    task = Task.objects.get(kind="reminder")
    assert (
        "Reprendre contact avec Anne" in client.get(reverse("sequences:tasks")).content.decode()
    )  # in French
    response = client.post(reverse("sequences:task_done", args=[task.public_id]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None and task.done_by == alice


def test_the_editor_saves_a_snooze_until_a_date(alice_client, team):
    data = editor_post([{"body_fr": "Bonjour"}], snooze_until="2027-01-15", snooze_months="0", op="save")
    assert alice_client.post(reverse("sequences:new"), data).status_code == 302
    sequence = Sequence.objects.get(team=team)
    assert sequence.snooze_until == dt.date(2027, 1, 15)
    page = alice_client.get(reverse("sequences:edit", args=[sequence.public_id])).content.decode()
    assert 'value="2027-01-15"' in page


def test_a_draft_whose_list_was_lost_says_so(alice_client, team, sequence):
    campaign = services.campaign_create(team=team, name="Brouillon", sequence=sequence)
    page = alice_client.get(reverse("sequences:review", args=[campaign.public_id])).content.decode()
    assert 'data-testid="review-empty"' in page


# --- Team isolation --------------------------------------------------------------------------


def test_charlie_gets_404_on_everything_of_alices_team(charlie_client, running, sequence):
    drain(at("2026-03-02 12:00 Europe/Paris"))
    message = OutboundMessage.objects.first()
    task = Task.objects.create(
        team=running.team,
        candidate=message.candidate,
        kind="call",
        title="Appeler",
        due_at=clock.now(),
        created_at=clock.now(),
    )
    gets = [
        reverse("sequences:edit", args=[sequence.public_id]),
        reverse("sequences:export", args=[sequence.public_id]),
        reverse("sequences:campaign", args=[running.public_id]),
        reverse("sequences:review", args=[running.public_id]),
        reverse("sequences:message", args=[message.public_id]),
        reverse("sequences:outbox") + f"?campaign={running.public_id}",
    ]
    for url in gets:
        assert charlie_client.get(url).status_code == 404, url
    posts = [
        reverse("sequences:edit", args=[sequence.public_id]),
        reverse("sequences:pause", args=[running.public_id]),
        reverse("sequences:resume", args=[running.public_id]),
        reverse("sequences:review", args=[running.public_id]),
        reverse("sequences:task_done", args=[task.public_id]),
        reverse("sequences:message_resolve", args=[message.public_id]),
        reverse("sequences:enrollment_stop", args=[message.enrollment.public_id]),
    ]
    for url in posts:
        assert charlie_client.post(url, {"op": "launch"}).status_code == 404, url
    running.refresh_from_db()
    task.refresh_from_db()
    assert running.status == Campaign.Status.RUNNING and task.done_at is None
    assert not Enrollment.objects.exclude(state="active").exists()
    for name in ("list", "campaigns", "outbox", "tasks"):
        page = charlie_client.get(reverse(f"sequences:{name}")).content.decode()
        assert running.name not in page and sequence.name not in page and "Anne" not in page, name


def test_pages_need_a_login(client):
    for name in ("list", "new", "launch", "campaigns", "outbox", "tasks"):
        response = client.get(reverse(f"sequences:{name}"))
        assert response.status_code == 302 and "/accounts/login" in response["Location"]


@pytest.fixture
def fake_segments(monkeypatch):
    """Stands in for ``vivier.segments.selectors.segment_candidates`` (built on another branch): ``city:X``."""
    from vivier.pool.models import Candidate
    from vivier.sequences import selectors

    def segment_candidates(*, team, query):
        field, _, value = query.partition(":")
        if field != "city" or not value:
            raise ValueError(f"unknown field “{field}”")
        return Candidate.objects.filter(team=team, city__iexact=value)

    monkeypatch.setattr(selectors, "segment_selector", lambda: segment_candidates)


def test_the_wizard_launches_on_a_segment_query(alice_client, sequence, job, make_candidate, fake_segments):
    make_candidate(first_name="Anne", city="Lyon")
    make_candidate(first_name="Bruno", city="Lyon")
    make_candidate(first_name="Chloé", city="Nantes")
    response = alice_client.post(
        reverse("sequences:launch"),
        {"sequence": str(sequence.public_id), "job": str(job.public_id), "segment": "city:lyon"},
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.segment_query == "city:lyon"
    page = alice_client.get(response["Location"]).content.decode()
    assert 'data-testid="count-eligible">2<' in page
    alice_client.post(response["Location"], {"op": "launch"})
    assert sorted(Enrollment.objects.values_list("candidate__first_name", flat=True)) == ["Anne", "Bruno"]


def test_a_bad_segment_query_is_shown_on_the_form(alice_client, sequence, fake_segments):
    response = alice_client.post(
        reverse("sequences:launch"), {"sequence": str(sequence.public_id), "segment": "colour:blue"}
    )
    assert response.status_code == 400
    assert "unknown field" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_sent_demo_message_offers_to_reply_as_the_candidate_and_the_campaign_links_to_its_replies(
    alice_client, running
):
    drain(at("2026-03-05 12:00 Europe/Paris"))
    first = OutboundMessage.objects.filter(position=0, status="sent").first()
    assert first.transport in ("outbox", "memory")
    page = alice_client.get(reverse("sequences:message", args=[first.public_id])).content.decode()
    link = reverse("demo:reply", args=[first.public_id])
    assert f'href="{link}"' in page
    assert alice_client.get(link).status_code == 200
    campaign_page = alice_client.get(reverse("sequences:campaign", args=[running.public_id])).content.decode()
    assert reverse("replies:follow_up", args=[running.public_id]) in campaign_page
    assert 'data-testid="campaign-replies"' in campaign_page


def test_a_launch_with_nobody_to_enroll_is_refused_and_the_campaign_stays_a_draft(
    alice_client, team, alice, sequence, make_candidate
):
    from vivier.segments.services import segment_create

    make_candidate(first_name="Anne", city="Lyon", unsubscribed_at=clock.now())
    segment = segment_create(team=team, owner=alice, name="Partis", query="city:lyon")
    response = alice_client.post(
        reverse("sequences:launch"),
        {"sequence": str(sequence.public_id), "saved_segment": str(segment.public_id)},
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.segment_query == "city:lyon"
    alice_client.post(response["Location"], {"op": "launch"})
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT and not Enrollment.objects.exists()


def test_the_wizard_takes_one_source_of_candidates(alice_client, team, alice, sequence, make_candidate):
    from vivier.segments.services import segment_create

    segment = segment_create(team=team, owner=alice, name="Lyon", query="city:lyon")
    response = alice_client.post(
        reverse("sequences:launch"),
        {
            "sequence": str(sequence.public_id),
            "saved_segment": str(segment.public_id),
            "segment": "city:paris",
        },
    )
    assert response.status_code == 400 and not Campaign.objects.exists()
